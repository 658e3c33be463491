"""Version counters in the shared cache: a cached figure's key includes the version of the data
it was computed from, and a change bumps the version, so no cache entry is ever served stale
and none needs deleting. Shared by every process through the cache (Redis in production)."""

import time

from django.core.cache import cache


class DataVersion:
    def __init__(self, key: str):
        self.key = key

    def get(self) -> int:
        version = cache.get(self.key)
        if version is None:
            version = int(time.time() * 1000)
            cache.add(self.key, version, timeout=None)
            version = cache.get(self.key, version)
        return version

    def bump(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, int(time.time() * 1000), timeout=None)
