"""Demo data of contratos (loaded by `manage.py demo`)."""
