"""Whole public pages from the cache, for visitors without a session.

A page's key carries two versions: the site's (bumped when editors change content in Wagtail)
and the public results' (bumped by the case module when a figure can change). A change makes a
new key, so a visitor never gets a stale page, and nothing needs deleting. Everything private is
left alone: requests with a session or messages cookie (staff, partners, editors), the team,
partner and admin areas, and any response that sets a cookie, holds a CSRF token (a form) or
says it must not be stored.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from reinsercion.results import queries as results
from reinsercion.versions import DataVersion

TIMEOUT = 60 * 60
PRIVATE_PREFIXES = ("/equipo/", "/red/", "/cuenta/", "/admin/", "/bench-admin/", "/documents/")
# Models whose change can alter a public page: Wagtail's pages, revisions, images, documents,
# redirects, and this site's own models (pages, settings, snippets).
CONTENT_APPS = {
    "cms",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailforms",
}

site_version = DataVersion("cms:site:version")


def content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        site_version.bump()
        transaction.on_commit(site_version.bump)


def connect() -> None:
    post_save.connect(content_changed, dispatch_uid="cms.page_cache.save")
    post_delete.connect(content_changed, dispatch_uid="cms.page_cache.delete")


class PublicPageCacheMiddleware:
    """Goes right after WhiteNoise: a hit skips sessions, authentication and the page itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = self.key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self.cacheable_response(request, response):
            cache.set(key, response, TIMEOUT)
        return response

    @staticmethod
    def cacheable_request(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(PRIVATE_PREFIXES)
        )

    @staticmethod
    def cacheable_response(request, response) -> bool:
        """The page as any visitor without a session sees it. (It says ``Vary: Cookie``
        because templates look at the empty session; that is the same for all of them.)"""
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A CSRF token in the page belongs to one visitor's cookie.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def key(request) -> str:
        where = f"{request.method}:{request.get_host()}:{request.get_full_path()}"
        digest = hashlib.sha256(where.encode()).hexdigest()
        return f"cms:page:{site_version.get()}:{results.results_version()}:{digest}"
