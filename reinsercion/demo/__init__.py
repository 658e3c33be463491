"""Demo data of reinsercion (loaded by `manage.py demo`): programs, teams, people and cases;
assessments and plans; sessions, workshops and follow-up."""
