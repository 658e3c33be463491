from reinsercion.cases.permissions import get_case_or_404

from .models import CaseDocument


def documents_of(case):
    return CaseDocument.objects.filter(case=case).select_related(
        "document_type", "recorded_by", "session", "report"
    )


def document_for(user, case_pk: int, pk: int) -> CaseDocument:
    """A document of a case ``user`` may see; 404 otherwise."""
    case = get_case_or_404(user, case_pk)
    return documents_of(case).get(pk=pk)
