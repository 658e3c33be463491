"""Demo data of cms (loaded by `manage.py demo`)."""
