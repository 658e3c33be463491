"""The access trail: every staff read of a case file, its tabs, its PDFs and every export.

A foundation module: it imports no component (the case and person are named by string).

One row per request (one INSERT), append-only: rows are never changed or deleted by the
application (``AccessRecord.save`` refuses an update, the queryset refuses ``update`` and
``delete``). The address is ``REMOTE_ADDR``, or the header named by the setting
``ACCESS_LOG_CLIENT_IP_HEADER`` when a trusted proxy sets it (first address of the list).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import render
from django.utils import timezone


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("El registro de accesos no se modifica.")

    def delete(self):
        raise PermissionDenied("El registro de accesos no se borra.")


class AccessRecord(models.Model):
    """Someone of the staff read a case, a person's data or an export."""

    at = models.DateTimeField("fecha y hora", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="usuario/a",
        on_delete=models.PROTECT,
        related_name="access_records",
    )
    # By name: this foundation module imports no component.
    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_records",
    )
    person = models.ForeignKey(
        "reinsercion.Person",
        verbose_name="persona",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_records",
    )
    what = models.CharField("qué se vio", max_length=120)
    path = models.CharField("dirección de la página", max_length=500)
    ip_address = models.GenericIPAddressField("dirección IP", null=True, blank=True)
    purpose = models.TextField("finalidad declarada", blank=True)

    objects = AppendOnlyQuerySet.as_manager()
    # One INSERT per read: Wagtail's reference index (usage counts in its admin) skips it.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "registro de acceso"
        verbose_name_plural = "registro de accesos"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"], name="access_case_at")]
        base_manager_name = "objects"

    def __str__(self):
        return f"{self.user} · {self.what} · {timezone.localtime(self.at):%d-%m-%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("El registro de accesos no se modifica.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("El registro de accesos no se borra.")


def client_ip(request) -> str | None:
    header = getattr(settings, "ACCESS_LOG_CLIENT_IP_HEADER", None)
    value = request.META.get(header, "") if header else ""
    value = value.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
    return value or None


def record_access(request, *, what: str, case=None, person=None, purpose: str = ""):
    """One INSERT: who (the request's user), when, what, from which address. ``case`` and
    ``person`` are objects or ids; the person defaults to the case's."""
    if person is None and case is not None and hasattr(case, "person_id"):
        person = case.person_id
    return AccessRecord.objects.create(
        user=request.user,
        case_id=getattr(case, "pk", case),
        person_id=getattr(person, "pk", person),
        what=what[:120],
        path=request.get_full_path()[:500],
        ip_address=client_ip(request),
        purpose=purpose,
    )


class LogsReads:
    """For views with ``self.case``: a successful GET is recorded in the access trail.

    ``access_label`` names what was read; without it, the URL's name."""

    access_label = ""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        case = getattr(self, "case", None)
        if (
            case is not None
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and request.user.is_authenticated
        ):
            label = self.access_label or self.access_what(request)
            record_access(request, what=label, case=case)
        return response

    def access_what(self, request) -> str:
        match = request.resolver_match
        return (match.url_name if match else "") or request.path


def readers_of(case):
    return AccessRecord.objects.filter(case=case).select_related("user")


class ExportPurposeForm(forms.Form):
    finalidad = forms.CharField(
        label="Finalidad de la exportación",
        help_text=(
            "Para qué necesita estos datos (por ejemplo «informe mensual a la Seremi»). "
            "Queda en el registro de accesos."
        ),
        min_length=5,
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "Indique la finalidad de la exportación."},
    )


def export_with_purpose(request, *, what: str, build):
    """A bulk export needs a stated purpose: without one, the purpose form (the query kept in
    hidden fields); with one, the export is recorded with it and ``build()`` answers."""
    form = ExportPurposeForm(request.GET if "finalidad" in request.GET else None)
    if form.is_valid():
        response = build()
        if response.status_code == 200:
            record_access(request, what=what, purpose=form.cleaned_data["finalidad"])
        return response
    hidden = [(k, v) for k, values in request.GET.lists() if k != "finalidad" for v in values]
    return render(
        request,
        "reinsercion/cases/export_purpose.html",
        {"form": form, "hidden": hidden, "what": what},
        status=400 if form.is_bound else 200,
    )
