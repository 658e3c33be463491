from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.generic import FormView, View

from reinsercion.access import record_access
from reinsercion.cases.permissions import can_change_case
from reinsercion.cases.views import CaseMixin
from reinsercion.forms import apply_validation_error
from reinsercion.programs.views import TeamRequiredMixin

from . import actions
from .forms import DocumentForm
from .models import CaseDocument
from .queries import document_for, documents_of


class CaseDocumentsView(CaseMixin, FormView):
    """The case's documents, and the form to attach one (for who may change the case)."""

    template_name = "reinsercion/documents/case_documents.html"
    form_class = DocumentForm

    @property
    def case_for_change(self):
        return self.request.method == "POST"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = documents_of(self.case)
        context["can_change"] = can_change_case(self.request.user, self.case)
        return context

    def form_valid(self, form):
        try:
            document = actions.attach_document(
                case=self.case, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as e:
            apply_validation_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, f"Documento guardado: {document}.")
        return redirect("team:case_documents", self.case.pk)


class DocumentFileView(TeamRequiredMixin, View):
    """The file, from the private storage, to the case's team only; never a public URL."""

    def get(self, request, case_pk, pk):
        try:
            document = document_for(request.user, case_pk, pk)
        except CaseDocument.DoesNotExist as e:
            raise Http404("Documento no encontrado.") from e
        record_access(request, what=f"Documento: {document}", case=document.case)
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
