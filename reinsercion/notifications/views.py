from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, ListView

from reinsercion.notifications import actions
from reinsercion.notifications.forms import EmailFrequencyForm
from reinsercion.notifications.models import Notification
from reinsercion.programs.views import TeamRequiredMixin


class NotificationListView(TeamRequiredMixin, ListView):
    """The person's own notifications, newest first."""

    template_name = "reinsercion/notifications/list.html"
    context_object_name = "notifications"
    paginate_by = 20

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread"] = Notification.objects.filter(recipient=self.request.user).unread()
        context["frequency"] = actions.email_frequency(self.request.user)
        return context


class MarkReadView(TeamRequiredMixin, View):
    """POST: mark one of one's own notifications read, then go to it (``open``) or back."""

    def post(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        actions.mark_read(user=request.user, notification=notification)
        if request.POST.get("open"):
            return redirect(notification.url)
        return redirect(_back(request))


class MarkAllReadView(TeamRequiredMixin, View):
    def post(self, request):
        count = actions.mark_read(user=request.user)
        messages.success(
            request,
            f"{count} avisos marcados como leídos." if count else "No había avisos sin leer.",
        )
        return redirect("team:notifications")


class NotificationSettingsView(TeamRequiredMixin, FormView):
    template_name = "reinsercion/notifications/settings.html"
    form_class = EmailFrequencyForm

    def get_initial(self):
        return {"email_frequency": actions.email_frequency(self.request.user)}

    def form_valid(self, form):
        actions.set_email_frequency(
            user=self.request.user,
            actor=self.request.user,
            email_frequency=form.cleaned_data["email_frequency"],
        )
        messages.success(self.request, "Preferencia guardada.")
        return redirect("team:notifications")


def _back(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("team:notifications")
