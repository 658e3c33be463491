import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.generic import RedirectView

from wagtail.models import Page, Site

PER_PAGE = 10
FAVICON = "cms/favicon.svg"


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links: send them to the static icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        # Resolved per request: the hashed name exists only once the static manifest does.
        return static(FAVICON)


def search_terms(query: str) -> str:
    """The words of a visitor's query, lower-cased, without any character a search engine
    could read as syntax: SQLite's FTS5 answered 500 on a lone ``"`` and reads ``AND``,
    ``NEAR`` or ``*`` as operators; PostgreSQL refuses a NUL byte (issue 17)."""
    return " ".join(re.findall(r"[^\W_]+", query.lower()))


def search(request):
    """Site search over live public pages of this site (Wagtail search)."""
    query = request.GET.get("q", "").strip()[:200]
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public().specific()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        results = pages.search(terms)
    paginator = Paginator(results, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("pagina", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request, "cms/search.html", {"search_query": query, "search_results": page}
    )
