import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from reinsercion.audit import Audited, AuditedQuerySet, Created
from reinsercion.cases.models import Case
from reinsercion.people.collation import spanish_order

from .choices import CostReduction, InstitutionKind, OutcomeKind, Purpose, SharedField, Status
from .workflow import AWAITING_ANSWER


class Institution(models.Model):
    """A partner institution of the network (OPV document, «Gestiones complementarias»)."""

    name = models.CharField("nombre", max_length=200, unique=True)
    short_name = models.CharField("sigla o nombre corto", max_length=60, blank=True)
    kind = models.CharField("tipo de red", max_length=20, choices=InstitutionKind.choices)
    ambit = models.TextField("ámbito de coordinación", blank=True)
    services = models.TextField("servicios que ofrece", blank=True)
    purposes = models.JSONField(
        "propósitos de derivación que atiende",
        default=list,
        blank=True,
        help_text="Códigos de propósito; orientan la elección de institución al derivar.",
    )
    contact_name = models.CharField("persona de contacto", max_length=200, blank=True)
    email = models.EmailField("correo electrónico", blank=True)
    phone = models.CharField("teléfono", max_length=30, blank=True)
    address = models.CharField("dirección", max_length=200, blank=True)
    comuna = models.CharField("comuna", max_length=60, blank=True)
    response_hours = models.PositiveSmallIntegerField(
        "plazo de respuesta (horas)",
        default=48,
        help_text="Horas que la institución se compromete a tardar en responder una derivación.",
    )
    is_active = models.BooleanField("activa", default=True)

    class Meta:
        verbose_name = "institución de la red"
        verbose_name_plural = "instituciones de la red"
        ordering = spanish_order("name")
        constraints = [
            models.CheckConstraint(
                condition=Q(response_hours__gte=1), name="institution_response_hours_positive"
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    def get_purposes_display(self) -> str:
        return ", ".join(Purpose(p).label for p in self.purposes if p in Purpose.values)


class PartnerMembership(models.Model):
    """A user who answers referrals on behalf of an institution (no case-module role)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="usuario/a",
        on_delete=models.CASCADE,
        related_name="partner_memberships",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name="institución",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    is_active = models.BooleanField("activa", default=True)

    class Meta:
        verbose_name = "usuario/a de institución"
        verbose_name_plural = "usuarios/as de instituciones"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution"], name="unique_partner_membership"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.institution}"


class ReferralQuerySet(AuditedQuerySet):
    def visible_to(self, user):
        """Referrals of the cases ``user`` may open in the case module."""

        return self.filter(case__in=Case.objects.visible_to(user).values("pk"))

    def for_partner(self, user):
        """Referrals sent to an institution ``user`` answers for. Drafts never leave."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        # The ids as values, so that the inbox reads its page from the (institution, sent_at)
        # index instead of sorting every referral of the institution.
        institutions = list(
            PartnerMembership.objects.filter(
                user=user, is_active=True, institution__is_active=True
            ).values_list("institution_id", flat=True)
        )
        return self.filter(institution__in=institutions).exclude(status=Status.DRAFT)

    def awaiting_answer(self):
        return self.filter(status__in=AWAITING_ANSWER)

    def overdue(self, now=None):
        now = now or timezone.now()
        return self.awaiting_answer().filter(answer_due_at__lt=now)


class Referral(Created):
    """A referral of a case to a partner institution (annex D of the LV norms)."""

    case = models.ForeignKey(
        "reinsercion.Case", verbose_name="caso", on_delete=models.PROTECT, related_name="referrals"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name="institución",
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    purpose = models.CharField("propósito", max_length=40, choices=Purpose.choices)
    purpose_detail = models.TextField(
        "a objeto de",
        help_text="Lo que se solicita a la institución. Solo lo necesario: lo leerá la "
        "institución.",
    )
    shared_fields = models.JSONField(
        "datos que se comparten",
        default=list,
        blank=True,
        help_text="Además del nombre, solo estos datos del caso llegan a la institución.",
    )
    shared_documents = models.ManyToManyField(
        "reinsercion.CaseDocument",
        verbose_name="documentos que se comparten",
        blank=True,
        related_name="+",
        help_text="Solo estos documentos del caso puede descargar la institución.",
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="profesional de contacto",
        on_delete=models.PROTECT,
        related_name="sent_referrals",
    )
    contact_email = models.EmailField("correo de contacto")
    contact_phone = models.CharField("teléfono de contacto", max_length=30, blank=True)
    status = models.CharField("estado", max_length=20, choices=Status.choices, default=Status.DRAFT)

    # Annex D: signed by the person (voluntary) and visado by the supervisor.
    consent_given = models.BooleanField("consentimiento de la persona", default=False)
    consent_on = models.DateField("fecha del consentimiento", null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="consentimiento registrado por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aprobada (visada) por",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField("fecha de aprobación", null=True, blank=True)

    sent_at = models.DateTimeField("enviada", null=True, blank=True)
    answer_due_at = models.DateTimeField("plazo de respuesta", null=True, blank=True)
    received_at = models.DateTimeField("recibida", null=True, blank=True)
    answered_at = models.DateTimeField("respondida", null=True, blank=True)
    closed_at = models.DateTimeField("cerrada", null=True, blank=True)
    rejection_reason = models.TextField("motivo del rechazo", blank=True)

    # Outcome recorded by the institution.
    outcome_kind = models.CharField(
        "resultado", max_length=30, choices=OutcomeKind.choices, blank=True
    )
    outcome_on = models.DateField("fecha del resultado", null=True, blank=True)
    employer = models.CharField("empleador/a", max_length=200, blank=True)
    job_start_on = models.DateField("fecha de inicio del trabajo", null=True, blank=True)
    cost_reduction = models.PositiveSmallIntegerField(
        "rebaja de costo (OTEC)", choices=CostReduction.choices, null=True, blank=True
    )
    outcome_notes = models.TextField("detalle del resultado", blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="creada por",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("creada", auto_now_add=True)
    updated_at = models.DateTimeField("modificada", auto_now=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = "derivación"
        verbose_name_plural = "derivaciones"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["institution", "-sent_at"], name="referral_inbox")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(consent_given=True) & Q(approved_at__isnull=False)),
                name="referral_sent_requires_consent_and_approval",
                violation_error_message=(
                    "Una derivación enviada requiere el consentimiento de la persona y la "
                    "aprobación de supervisión."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="referral_rejection_requires_reason",
                violation_error_message="Un rechazo requiere indicar el motivo.",
            ),
        ]

    def __str__(self):
        return f"Derivación N° {self.number}"

    def get_absolute_url(self):
        return reverse("red:referral_detail", args=[self.case_id, self.pk])

    def get_additional_data(self):
        return {"case": self.case_id}

    def get_portal_url(self):
        return reverse("portal:referral_detail", args=[self.pk])

    @property
    def number(self) -> str:
        year = (self.sent_at or self.created_at or timezone.now()).year
        return f"{self.pk}-{year}"

    @property
    def is_awaiting_answer(self) -> bool:
        return self.status in AWAITING_ANSWER

    def is_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(self.is_awaiting_answer and self.answer_due_at and now > self.answer_due_at)

    @property
    def answer_delay(self) -> datetime.timedelta | None:
        if self.sent_at and self.answered_at:
            return self.answered_at - self.sent_at
        return None

    def is_shared(self, field: str) -> bool:
        return field in self.shared_fields

    def get_shared_fields_display(self) -> list[str]:
        return [SharedField(f).label for f in self.shared_fields if f in SharedField.values]


class ReferralEvent(Audited):
    """A move of a referral, or a progress note: when, who, from which state to which."""

    referral = models.ForeignKey(
        Referral, verbose_name="derivación", on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField("estado anterior", max_length=20, choices=Status.choices)
    to_status = models.CharField("estado nuevo", max_length=20, choices=Status.choices)
    at = models.DateTimeField("fecha y hora", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="realizado por", on_delete=models.PROTECT
    )
    note = models.TextField("observación", blank=True)

    class Meta:
        verbose_name = "movimiento de derivación"
        verbose_name_plural = "movimientos de derivación"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    def get_additional_data(self):
        return {"case": self.referral.case_id}

    @property
    def is_progress_note(self) -> bool:
        return self.from_status == self.to_status


class ReferralMessage(Audited):
    """A message between the institution and the sending team about one referral."""

    referral = models.ForeignKey(
        Referral, verbose_name="derivación", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="autor/a", on_delete=models.PROTECT
    )
    from_partner = models.BooleanField("escrito por la institución", default=False)
    body = models.TextField("mensaje")
    created_at = models.DateTimeField("enviado", default=timezone.now)

    class Meta:
        verbose_name = "mensaje de derivación"
        verbose_name_plural = "mensajes de derivación"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Mensaje de {self.author} ({self.created_at:%d-%m-%Y %H:%M})"

    def get_additional_data(self):
        return {"case": self.referral.case_id}


class ReferralAccess(Audited):
    """Each time a partner user opens a referral in the portal."""

    referral = models.ForeignKey(
        Referral, verbose_name="derivación", on_delete=models.CASCADE, related_name="accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="usuario/a", on_delete=models.PROTECT
    )
    at = models.DateTimeField("fecha y hora", default=timezone.now)
    what = models.CharField("qué abrió", max_length=40, default="detail")

    class Meta:
        verbose_name = "acceso a derivación"
        verbose_name_plural = "accesos a derivaciones"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user} abrió {self.referral} ({self.at:%d-%m-%Y %H:%M})"

    def get_additional_data(self):
        return {"case": self.referral.case_id}
