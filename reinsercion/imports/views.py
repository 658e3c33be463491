from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from reinsercion.forms import apply_validation_error
from reinsercion.imports import actions, tasks
from reinsercion.imports.forms import UploadForm
from reinsercion.imports.models import ImportBatch, Status
from reinsercion.imports.spreadsheet import COLUMNS, template_xlsx
from reinsercion.programs import permissions
from reinsercion.programs.models import Cohort
from reinsercion.programs.views import TeamRequiredMixin


class CoordinationRequiredMixin(TeamRequiredMixin):
    """Importing is for a program's coordination; a roster, for the generation's program."""

    def dispatch(self, request, *args, **kwargs):
        self.cohort = None
        if request.user.is_authenticated and permissions.is_team_member(request.user):
            if "cohort_pk" in kwargs:
                self.cohort = get_object_or_404(
                    Cohort.objects.filter(
                        program__in=permissions.programs_of(request.user)
                    ).select_related("program"),
                    pk=kwargs["cohort_pk"],
                )
            actions.ensure_can_import(request.user, self.cohort)
        return super().dispatch(request, *args, **kwargs)


class UploadView(CoordinationRequiredMixin, FormView):
    template_name = "reinsercion/imports/upload.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cohort=self.cohort, columns=COLUMNS)
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            batch = actions.upload(
                actor=self.request.user,
                content=upload.read(),
                filename=upload.name,
                cohort=self.cohort,
            )
        except ValidationError as e:
            apply_validation_error(form, ValidationError({"file": e.messages}))
            return self.form_invalid(form)
        tasks.preview_batch.enqueue(batch.pk)
        return redirect(batch)


class PreviewView(TeamRequiredMixin, TemplateView):
    """What the upload will do, row by row; confirming (POST) imports it."""

    template_name = "reinsercion/imports/preview.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.batch = get_object_or_404(
                ImportBatch.objects.select_related("cohort__program"),
                token=kwargs["token"],
                created_by=request.user,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = self.batch
        if batch.cohort:
            again = reverse("team:cohort_import", args=[batch.cohort.pk])
        else:
            again = reverse("team:import_upload")
        if batch.status == Status.DONE:
            done = batch.cohort.get_absolute_url() if batch.cohort else reverse("team:case_list")
        else:
            done = ""
        context.update(
            done_url=done,
            batch=batch,
            rows=batch.preview,
            error_count=batch.error_count,
            rows_with_errors=batch.rows_with_errors,
            upload_again=again,
        )
        return context

    def post(self, request, *args, **kwargs):
        batch = self.batch
        if batch.status != Status.READY or batch.error_count:
            return redirect(batch)
        actions.request_import(batch=batch, actor=request.user)
        tasks.import_batch.enqueue(batch.pk)
        return redirect(batch)


class TemplateDownloadView(CoordinationRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="planilla-importacion.xlsx"'
        return response
