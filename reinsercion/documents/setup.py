"""Documents: audit and the case file's tab."""

from auditlog.registry import auditlog

from reinsercion.documents.models import CaseDocument, DocumentType
from reinsercion.extensions import CaseSection, register_case_section


def register() -> None:
    auditlog.register(CaseDocument)
    auditlog.register(DocumentType)
    register_case_section(CaseSection("documents", "Documentos", "team:case_documents", order=65))
