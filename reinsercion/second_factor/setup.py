from django.contrib.auth.signals import user_logged_in

from reinsercion.second_factor.middleware import on_login


def register() -> None:
    user_logged_in.connect(on_login, dispatch_uid="reinsercion.second_factor.login")
