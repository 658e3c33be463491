from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in

from . import checks  # noqa: F401  (registers the system checks)
from .middleware import stamp_on_login


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Sitio público"

    def ready(self):
        user_logged_in.connect(stamp_on_login, dispatch_uid="cms.session_refresh.login")
        # cycle: page_cache reads reinsercion.results, whose models load after the registry.
        from cms import page_cache  # noqa: PLC0415

        page_cache.connect()
