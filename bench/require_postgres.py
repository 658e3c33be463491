"""Exit non-zero, loudly, if the PostgreSQL server named by the URL cannot be reached.

CI asks for the PostgreSQL run; an unreachable server must fail it, never skip it.
"""

import sys

import environ
import psycopg

url = sys.argv[1]
config = environ.Env.db_url_config(url)
try:
    psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=5,
    ).close()
except psycopg.OperationalError as exc:
    sys.exit(f"PostgreSQL no responde en {config['HOST']}:{config['PORT']}: {exc}")
print(f"PostgreSQL disponible en {config['HOST']}:{config['PORT']}")
