"""What other apps may read of a case's family (``contratos`` uses it to pick signers)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import FamilyMember


@dataclass(frozen=True)
class FamilyMemberInfo:
    id: int
    full_name: str
    rut: str
    relationship: str  # Spanish label
    email: str
    age: int | None
    is_minor: bool
    is_victim: bool = False


def family_members(case, on: datetime.date | None = None) -> list[FamilyMemberInfo]:
    on = on or timezone.localdate()
    return [
        FamilyMemberInfo(
            id=m.pk,
            full_name=m.full_name,
            rut=m.rut,
            relationship=m.get_relationship_display(),
            email=m.email,
            age=m.age(on),
            is_minor=m.is_minor(on),
            is_victim=m.is_victim,
        )
        for m in FamilyMember.objects.filter(case=case).order_by("birth_date", "pk")
    ]
