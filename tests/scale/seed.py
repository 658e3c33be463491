"""Seed a served database for the load and multi-node tests.

Run in a subprocess, against the database and settings the servers use:
``python -m tests.scale.seed`` with DATABASE_URL and DJANGO_SETTINGS_MODULE set.
Creates OPV with a coordinator, PROFESSIONALS professionals, an administrator, CASES open cases
and the public page tree (its results page has no generation yet).
"""

import os

import django

PROFESSIONALS = 20
CASES = 40
PASSWORD = "clave-de-prueba-123"


def main():
    django.setup()

    # cycle: models load only after django.setup(), which this script runs first.
    from cms.demo.site import build as build_site  # noqa: PLC0415

    # cycle: as above.
    from reinsercion.programs.choices import Role  # noqa: PLC0415

    # cycle: as above.
    from tests.factories import (  # noqa: PLC0415
        CohortFactory,
        ProgramFactory,
        UserFactory,
        member,
        open_case,
    )

    opv = ProgramFactory()
    coordinator = member(UserFactory(username="coordinadora"), opv, Role.COORDINATION)
    professionals = [
        member(UserFactory(username=f"profesional{i:02d}"), opv, Role.PROFESSIONAL)
        for i in range(1, PROFESSIONALS + 1)
    ]
    UserFactory(username="admin", is_superuser=True, is_staff=True)
    # Two generations of 20 (the most OPV takes), both after 2016: the public results page
    # (2012–2016) starts with no generation.
    cohorts = [CohortFactory(program=opv, ordinal=n, year=2024 + n) for n in (1, 2)]
    for i in range(CASES):
        open_case(
            program=opv,
            actor=coordinator,
            cohort=cohorts[i % 2],
            professionals=[professionals[i % PROFESSIONALS]],
        )
    build_site()
    print(f"seeded {os.environ['DATABASE_URL'].split('://')[0]}")


if __name__ == "__main__":
    main()
