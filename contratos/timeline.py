"""Signed contracts and breaches on the case timeline."""

from django.utils import timezone

from reinsercion.extensions import TimelineEntry

from .models import ContractBreach, SocialContract


def contract_timeline(case) -> list[TimelineEntry]:
    entries = []
    for contract in SocialContract.objects.signed().filter(case=case):
        title = f"Contrato social firmado (versión {contract.number})"
        if contract.amends_id:
            title = f"Enmienda del contrato social (versión {contract.number})"
        entries.append(
            TimelineEntry(
                when=timezone.localtime(contract.signed_at),
                kind="social_contract",
                kind_label="Contrato social",
                title=title,
                detail=f"Firmado en {contract.place}.",
                url=contract.get_absolute_url(),
            )
        )
    for breach in ContractBreach.objects.filter(contract__case=case).select_related("contract"):
        entries.append(
            TimelineEntry(
                when=breach.occurred_on,
                kind="contract_breach",
                kind_label="Incumplimiento del contrato",
                title=f"Incumplimiento del contrato social v{breach.contract.number}",
                detail=breach.description,
                url=breach.contract.get_absolute_url(),
            )
        )
    return entries
