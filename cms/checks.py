"""System checks for settings that only hold on one machine."""

from django.conf import settings
from django.core import checks

LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.compatibility)
def sessions_need_a_shared_cache(app_configs, **kwargs):
    """Cache-backed sessions in a per-process cache log people out at random."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.cache":
        return []
    if settings.CACHES[settings.SESSION_CACHE_ALIAS]["BACKEND"] not in LOCAL_CACHES:
        return []
    return [
        checks.Error(
            "SESSION_BACKEND=cache needs a cache every process shares (CACHE_URL=redis://…).",
            hint="Set CACHE_URL, or use SESSION_BACKEND=db.",
            id="cms.E001",
        )
    ]
