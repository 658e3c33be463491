from django import template

from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("cms/includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    current = context.get("page")
    site = Site.find_for_request(request)
    current_path = getattr(current, "url_path", "") or ""
    items = []
    if site is not None:
        for child in site.root_page.get_children().live().public().in_menu():
            if current_path == child.url_path:
                state = "page"
            elif current_path.startswith(child.url_path):
                state = "true"
            else:
                state = ""
            items.append((child, state))
    return {
        "items": items,
        "root": site.root_page if site else None,
        "root_current": site is not None and current_path == site.root_page.url_path,
    }


@register.filter
def percent(value):
    """42 -> "42 %" (es-CL puts a space before the sign; CSS keeps it on one line)."""
    if value is None:
        return "—"
    return f"{value} %"
