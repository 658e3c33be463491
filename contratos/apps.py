from django.apps import AppConfig


class ContratosConfig(AppConfig):
    name = "contratos"
    verbose_name = "Contratos sociales"

    def ready(self):
        from auditlog.registry import auditlog

        from reinsercion.extensions import (
            CaseSection,
            register_case_section,
            register_timeline_source,
        )

        from .models import (
            ContractBreach,
            ContractDelivery,
            ContractSigner,
            ContractTemplate,
            ContractTemplateVersion,
            SocialContract,
        )
        from .timeline import contract_timeline

        auditlog.register(ContractTemplate)
        auditlog.register(ContractTemplateVersion)
        auditlog.register(SocialContract, exclude_fields=["signed_text"])
        auditlog.register(ContractSigner)
        auditlog.register(ContractBreach)
        auditlog.register(ContractDelivery)

        register_case_section(
            CaseSection("contract", "Contrato social", "contratos:list", order=50)
        )
        register_timeline_source("social_contracts", contract_timeline)
