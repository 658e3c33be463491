import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse

from reinsercion.audit import Audited, AuditedQuerySet, Created, Recorded
from reinsercion.frozen import canonical_sha256
from reinsercion.people.rut import format_rut

from .choices import ClauseSection, ContractStatus, SignatureMethod, SignerRole


def private_storage():
    return storages["private"]


class SignedContractLocked(ValidationError):
    """A signed contract, its signers and signatures never change (DOMAIN.md §9)."""

    def __init__(self, message="El contrato está firmado: no se puede modificar ni eliminar."):
        super().__init__(message, code="signed_contract_locked")


class ContractTemplate(Audited):
    """The social contract of a program. Its text lives in versions."""

    program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="programa",
        on_delete=models.PROTECT,
        related_name="contract_templates",
    )
    name = models.CharField("nombre", max_length=200)
    is_active = models.BooleanField("en uso", default=True)
    created_at = models.DateTimeField("creado", auto_now_add=True)

    class Meta:
        verbose_name = "plantilla de contrato social"
        verbose_name_plural = "plantillas de contrato social"
        ordering = ["program", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="unique_template_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.program.code})"

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()


class ContractTemplateVersion(Created):
    """One version of a template's text. Versions are never edited: editing a template
    creates the next version, and contracts keep the version they were signed on."""

    template = models.ForeignKey(
        ContractTemplate,
        verbose_name="plantilla",
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField("versión")
    title = models.CharField("título del contrato", max_length=200)
    preamble = models.TextField(
        "introducción",
        help_text="Puede usar {beneficiario}, {rut}, {programa}, {institucion} y {comuna}.",
    )
    clauses = models.JSONField(
        "cláusulas", help_text="Por sección: lista de cláusulas, en orden.", default=dict
    )
    closing = models.TextField("cierre", blank=True)
    change_note = models.CharField("motivo del cambio", max_length=300, blank=True)

    class Meta:
        verbose_name = "versión de plantilla de contrato"
        verbose_name_plural = "versiones de plantillas de contrato"
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="unique_template_version_number"
            )
        ]

    def __str__(self):
        return f"{self.template.name} · versión {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(
                "Una versión de plantilla no se modifica: edite la plantilla para crear una "
                "nueva versión."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.contracts.exists():
            raise ValidationError("Hay contratos basados en esta versión: no se puede eliminar.")
        return super().delete(*args, **kwargs)

    def sections(self):
        """[(label, [clause, …]), …] in the fixed order of the sections."""
        return [
            (section.label, list(self.clauses.get(section.value, [])))
            for section in ClauseSection
            if self.clauses.get(section.value)
        ]


class SocialContractQuerySet(AuditedQuerySet):
    def delete(self):
        if self.filter(status=ContractStatus.SIGNED).exists():
            raise SignedContractLocked()
        return super().delete()

    def signed(self):
        return self.filter(status=ContractStatus.SIGNED)


class SocialContract(Created):
    """The social contract of a case: a draft until signed, then frozen forever."""

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.PROTECT,
        related_name="social_contracts",
    )
    number = models.PositiveIntegerField("versión del contrato")
    template_version = models.ForeignKey(
        ContractTemplateVersion,
        verbose_name="versión de plantilla",
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    amends = models.ForeignKey(
        "self",
        verbose_name="enmienda del contrato",
        on_delete=models.PROTECT,
        related_name="amendments",
        null=True,
        blank=True,
    )
    amendment_reason = models.TextField("motivo de la enmienda", blank=True)
    victim_cosigner_reason = models.TextField(
        "motivo para que firme la víctima",
        blank=True,
        help_text="Solo si firma un familiar registrado como víctima del delito.",
    )
    particular_clauses = models.TextField(
        "cláusulas particulares",
        blank=True,
        help_text="Acuerdos propios de este caso, una cláusula por línea.",
    )
    status = models.CharField(
        "estado", max_length=10, choices=ContractStatus.choices, default=ContractStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="preparado por",
        on_delete=models.PROTECT,
        related_name="+",
    )

    # Frozen on signing.
    signed_at = models.DateTimeField("fecha y hora de firma", null=True, blank=True)
    place = models.CharField("lugar de firma", max_length=120, blank=True)
    signed_text = models.TextField("texto firmado", blank=True)
    content_sha256 = models.CharField("SHA-256 del contenido firmado", max_length=64, blank=True)
    signing_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ministro/a de fe del equipo",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    pdf = models.FileField("PDF firmado", storage=private_storage, blank=True, max_length=300)

    objects = SocialContractQuerySet.as_manager()

    class Meta:
        verbose_name = "contrato social"
        verbose_name_plural = "contratos sociales"
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="unique_contract_number"),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="draft"),
                name="one_draft_contract_per_case",
                violation_error_message="El caso ya tiene un contrato en preparación.",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (
                    models.Q(signed_at__isnull=False)
                    & ~models.Q(content_sha256="")
                    & ~models.Q(signed_text="")
                ),
                name="signed_contract_is_frozen",
            ),
        ]

    def __str__(self):
        return f"Contrato social v{self.number} · {self.case.person}"

    def save(self, *args, **kwargs):
        # Checked against the database, not the instance: a signed row never changes,
        # whatever the caller did to the object in memory.
        if self._signed_in_db():
            raise SignedContractLocked()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("contratos:detail", args=[self.case_id, self.pk])

    def delete(self, *args, **kwargs):
        if self._signed_in_db() or self.is_signed:
            raise SignedContractLocked()
        return super().delete(*args, **kwargs)

    def get_additional_data(self):
        return {"case": self.case_id}

    @property
    def is_signed(self) -> bool:
        return self.status == ContractStatus.SIGNED

    def _signed_in_db(self) -> bool:
        if self.pk is None:
            return False
        return type(self).objects.filter(pk=self.pk, status=ContractStatus.SIGNED).exists()

    def particular_clause_list(self) -> list[str]:
        return [line.strip() for line in self.particular_clauses.splitlines() if line.strip()]

    # The signed content and its hash ------------------------------------------------------
    def signed_payload(self) -> dict:
        """Everything the signers agreed to, as stored: text, signers, signatures, place,
        time. The SHA-256 printed on the PDF is computed over this."""
        signers = []
        for signer in self.signers.order_by("order", "pk"):
            signers.append(
                {
                    "name": signer.full_name,
                    "rut": signer.rut,
                    "role": signer.role,
                    "method": signer.signature_method,
                    "typed_name": signer.typed_name,
                    "signature_sha256": signer.signature_sha256(),
                    "responsible_adult": signer.responsible_adult.rut
                    if signer.responsible_adult_id
                    else "",
                }
            )
        return {
            "case": self.case_id,
            "contract_version": self.number,
            "amends": self.amends.number if self.amends_id else None,
            "template": f"{self.template_version.template.name} v{self.template_version.number}",
            "text": self.signed_text,
            "place": self.place,
            "signed_at": self.signed_at.isoformat() if self.signed_at else "",
            "signers": signers,
        }

    def compute_sha256(self) -> str:
        return canonical_sha256(self.signed_payload())

    def hash_matches(self) -> bool:
        return bool(self.content_sha256) and self.compute_sha256() == self.content_sha256


class ContractSignerQuerySet(AuditedQuerySet):
    def delete(self):
        if self.filter(contract__status=ContractStatus.SIGNED).exists():
            raise SignedContractLocked()
        return super().delete()


class ContractSigner(models.Model):
    """A person who signs a contract: the beneficiary or a family member."""

    contract = models.ForeignKey(
        SocialContract, verbose_name="contrato", on_delete=models.PROTECT, related_name="signers"
    )
    role = models.CharField("calidad", max_length=20, choices=SignerRole.choices)
    # The family member this signer was taken from (familias is read only through its
    # public API, so no foreign key); name and RUT are copied and frozen here.
    family_member_id = models.PositiveBigIntegerField(
        "integrante del grupo familiar", null=True, blank=True
    )
    full_name = models.CharField("nombre completo", max_length=200)
    rut = models.CharField("RUT", max_length=12)
    relationship = models.CharField("parentesco", max_length=60, blank=True)
    email = models.EmailField("correo electrónico", blank=True)
    is_minor = models.BooleanField("menor de edad", default=False)
    responsible_adult = models.ForeignKey(
        "self",
        verbose_name="adulto responsable que firma con él/ella",
        on_delete=models.PROTECT,
        related_name="minors",
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField("orden", default=0)
    signature_method = models.CharField(
        "forma de firma", max_length=10, choices=SignatureMethod.choices, blank=True
    )
    signature = models.FileField(
        "firma (imagen PNG)", storage=private_storage, blank=True, max_length=300
    )
    typed_name = models.CharField("nombre escrito como firma", max_length=200, blank=True)
    identity_confirmed_at = models.DateTimeField("identidad confirmada", null=True, blank=True)

    objects = ContractSignerQuerySet.as_manager()

    class Meta:
        verbose_name = "firmante"
        verbose_name_plural = "firmantes"
        ordering = ["contract", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "rut"], name="unique_signer_rut"),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        if self._contract_signed_in_db():
            raise SignedContractLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._contract_signed_in_db():
            raise SignedContractLocked()
        return super().delete(*args, **kwargs)

    def get_additional_data(self):
        return {"case": self.contract.case_id}

    @property
    def rut_display(self) -> str:
        return format_rut(self.rut)

    def _contract_signed_in_db(self) -> bool:
        return SocialContract.objects.filter(
            pk=self.contract_id, status=ContractStatus.SIGNED
        ).exists()

    def signature_bytes(self) -> bytes:
        if not self.signature:
            return b""
        with self.signature.open("rb") as f:
            return f.read()

    def signature_sha256(self) -> str:
        data = self.signature_bytes()
        return hashlib.sha256(data).hexdigest() if data else ""


class ContractBreach(Recorded):
    """A breach of a signed contract (incumplimiento), recorded against it."""

    contract = models.ForeignKey(
        SocialContract,
        verbose_name="contrato",
        on_delete=models.PROTECT,
        related_name="breaches",
    )
    occurred_on = models.DateField("fecha del incumplimiento")
    description = models.TextField("descripción")
    created_at = models.DateTimeField("registrado", auto_now_add=True)

    class Meta:
        verbose_name = "incumplimiento del contrato"
        verbose_name_plural = "incumplimientos del contrato"
        ordering = ["-occurred_on", "-pk"]

    def __str__(self):
        return f"Incumplimiento del {self.occurred_on:%d-%m-%Y}"

    def get_additional_data(self):
        return {"case": self.contract.case_id}


class ContractDelivery(Audited):
    """A copy of the signed PDF sent by e-mail to a signer."""

    contract = models.ForeignKey(
        SocialContract,
        verbose_name="contrato",
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    signer = models.ForeignKey(
        ContractSigner, verbose_name="firmante", on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField("correo electrónico")
    sent_at = models.DateTimeField("enviado", auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enviado por",
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The e-mail as the background worker handles it: queued, sent or failed.
    outgoing = models.ForeignKey(
        "reinsercion.OutgoingEmail",
        verbose_name="correo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "envío del contrato"
        verbose_name_plural = "envíos del contrato"
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Enviado a {self.email}"

    def get_additional_data(self):
        return {"case": self.contract.case_id}
