"""Helpers for test responses."""

from django.core.signals import request_finished
from django.db import close_old_connections


def close_response(response) -> None:
    """Close a response (a file download's open file) as the test client does: without
    ``request_finished`` closing the test's database connection, which on PostgreSQL is inside
    the test's transaction."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
