"""Back-office views of the site, served inside the Wagtail admin."""

from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .tasks import worker_heartbeat


@require_http_methods(["GET", "POST"])
def worker_check(request):
    """Queue a heartbeat task and show who ran it: is a task worker running?

    POST queues it and redirects to its result (any node can show it: the result lives in the
    database); with the "immediate" backend the result is shown at once.
    """
    if not request.user.is_superuser:
        raise PermissionDenied
    result = None
    if request.method == "POST":
        result = worker_heartbeat.enqueue()
        if not result.is_finished:
            return redirect(f"{reverse('cms_worker_check')}?tarea={result.id}")
    elif request.GET.get("tarea") and default_task_backend.supports_get_result:
        try:
            result = worker_heartbeat.get_result(request.GET["tarea"])
        except TaskResultDoesNotExist as e:
            raise Http404("No existe esa tarea.") from e
    return TemplateResponse(
        request,
        "cms/admin/worker_check.html",
        {
            "result": result,
            "heartbeat": (
                result.return_value
                if result and result.status == TaskResultStatus.SUCCESSFUL
                else None
            ),
            "backend": default_task_backend.__class__.__name__,
        },
    )
