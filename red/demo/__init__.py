"""Demo data of red (loaded by `manage.py demo`)."""
