"""Background tasks of the site, run by `manage.py db_worker` (TASKS in settings)."""

import os
import socket

from django_tasks import task

from django.utils import timezone


@task()
def worker_heartbeat() -> dict:
    """Say which worker ran it: the administrators' check that the queue is being worked."""
    return {"host": socket.gethostname(), "pid": os.getpid(), "at": timezone.now().isoformat()}
