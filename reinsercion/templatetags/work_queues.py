"""The navigation's count of what waits for the logged-in person (the work queues)."""

from django import template

from reinsercion.extensions import work_queue_count as count_work_queues

register = template.Library()


@register.simple_tag(takes_context=True)
def work_queue_count(context) -> int:
    """Items in the user's work queues, counted once per request."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    if not hasattr(request, "_work_queue_count"):
        request._work_queue_count = count_work_queues(request.user)
    return request._work_queue_count
