"""Demo data of familias (loaded by `manage.py demo`)."""
