"""Family interventions on the case timeline (registered in FamiliasConfig.ready())."""

from django.urls import reverse

from reinsercion.extensions import TimelineEntry

from .models import FamilyIntervention, SignificantReferent


def family_timeline(case) -> list[TimelineEntry]:
    url = reverse("familias:family", args=[case.pk])
    entries = []
    interventions = (
        FamilyIntervention.objects.filter(case=case)
        .select_related("group_talk")
        .prefetch_related("attendees")
    )
    for record in interventions:
        who = ", ".join(m.full_name for m in record.attendees.all())
        if record.beneficiary_attended:
            who = f"{case.person.full_name}, {who}" if who else case.person.full_name
        title = record.get_kind_display()
        if record.group_talk_id:
            title += f": {record.group_talk.topic}"
        detail = f"Asistentes: {who}." if who else "Asistentes por registrar."
        if record.notes:
            detail += f" {record.notes}"
        entries.append(
            TimelineEntry(
                when=record.held_on,
                kind="family_intervention",
                kind_label="Intervención familiar",
                title=title,
                detail=detail,
                ambit=record.ambit,
                url=url,
            )
        )
    for referent in SignificantReferent.objects.filter(case=case).select_related("member"):
        entries.append(
            TimelineEntry(
                when=referent.started_on,
                kind="significant_referent",
                kind_label="Referente significativo",
                title=f"Referente significativo: {referent.member.full_name}",
                detail=referent.reason,
                ambit="family",
                url=reverse("familias:referent", args=[case.pk]),
            )
        )
    return entries
