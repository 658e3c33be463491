"""Stored values in English, labels in Spanish (es-CL)."""

from django.db import models


class ClauseSection(models.TextChoices):
    BENEFICIARY_DUTIES = "beneficiary_duties", "Deberes del beneficiario/a"
    FAMILY_DUTIES = "family_duties", "Deberes de la familia"
    RIGHTS = "rights", "Derechos"
    MUNICIPALITY_COMMITMENTS = "municipality_commitments", "Compromisos de la municipalidad"


class ContractStatus(models.TextChoices):
    DRAFT = "draft", "Borrador"
    SIGNED = "signed", "Firmado"


class SignerRole(models.TextChoices):
    BENEFICIARY = "beneficiary", "Beneficiario/a"
    FAMILY = "family", "Familiar"


class SignatureMethod(models.TextChoices):
    DRAWN = "drawn", "Firma dibujada en pantalla"
    TYPED = "typed", "Nombre escrito (no pudo firmar en pantalla)"
