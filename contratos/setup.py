"""Plugs contratos into the audit log and the case module's extension points (called from
``ContratosConfig.ready()``, when the models are loaded)."""

from auditlog.registry import auditlog

from contratos import privacy
from contratos.models import (
    ContractBreach,
    ContractDelivery,
    ContractSigner,
    ContractTemplate,
    ContractTemplateVersion,
    SocialContract,
)
from contratos.timeline import contract_timeline
from reinsercion.extensions import (
    CaseSection,
    register_case_section,
    register_subject_source,
    register_timeline_source,
)


def register() -> None:
    auditlog.register(ContractTemplate)
    auditlog.register(ContractTemplateVersion)
    auditlog.register(SocialContract, exclude_fields=["signed_text"])
    auditlog.register(ContractSigner)
    auditlog.register(ContractBreach)
    auditlog.register(ContractDelivery)
    register_subject_source("contratos", privacy.subject_sections)

    register_case_section(CaseSection("contract", "Contrato social", "contratos:list", order=50))
    register_timeline_source("social_contracts", contract_timeline)
