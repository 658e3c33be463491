"""Stored values in English, labels in Spanish (es-CL)."""

from django.db import models

from reinsercion.activities.choices import Ambit


class Relationship(models.TextChoices):
    MOTHER = "mother", "Madre"
    FATHER = "father", "Padre"
    PARTNER = "partner", "Pareja / cónyuge"
    CHILD = "child", "Hijo/a"
    STEPCHILD = "stepchild", "Hijastro/a"
    SIBLING = "sibling", "Hermano/a"
    GRANDPARENT = "grandparent", "Abuelo/a"
    GRANDCHILD = "grandchild", "Nieto/a"
    UNCLE_AUNT = "uncle_aunt", "Tío/a"
    COUSIN = "cousin", "Primo/a"
    IN_LAW = "in_law", "Suegro/a o cuñado/a"
    OTHER_RELATIVE = "other_relative", "Otro familiar"
    FRIEND = "friend", "Amigo/a o persona cercana"


# Where each relationship sits in the family diagram: -2 grandparents, -1 parents,
# 0 the beneficiary's own generation, 1 children, 2 grandchildren.
GENERATION = {
    Relationship.GRANDPARENT: -2,
    Relationship.MOTHER: -1,
    Relationship.FATHER: -1,
    Relationship.UNCLE_AUNT: -1,
    Relationship.IN_LAW: -1,
    Relationship.PARTNER: 0,
    Relationship.SIBLING: 0,
    Relationship.COUSIN: 0,
    Relationship.FRIEND: 0,
    Relationship.OTHER_RELATIVE: 0,
    Relationship.CHILD: 1,
    Relationship.STEPCHILD: 1,
    Relationship.GRANDCHILD: 2,
}


class ProblemKind(models.TextChoices):
    DOMESTIC_VIOLENCE = "domestic_violence", "Violencia intrafamiliar (VIF)"
    SUBSTANCE_USE = "substance_use", "Consumo de alcohol o drogas"
    WEAK_PARENTAL_ROLES = "weak_parental_roles", "Roles parentales debilitados o disfuncionales"
    DRUG_DEALING_LINKS = "drug_dealing_links", "Vinculación con el tráfico de drogas"
    HOUSING = "housing", "Problemas de vivienda"
    MEMBER_DISABILITY = "member_disability", "Discapacidad de un integrante"
    OTHER = "other", "Otro"


class InterventionKind(models.TextChoices):
    TALK = "talk", "Charla informativa"
    COUNSELLING = "counselling", "Consejería personalizada"
    HOME_VISIT = "home_visit", "Visita domiciliaria"
    SOCIAL_BENEFITS = "social_benefits", "Apoyo en prestaciones sociales"
    HOUSING_APPLICATION = "housing_application", "Apoyo en postulación a vivienda"
    JOB_PLACEMENT = "job_placement", "Colocación laboral de un familiar"


DEFAULT_AMBIT = {
    InterventionKind.TALK: Ambit.FAMILY,
    InterventionKind.COUNSELLING: Ambit.PSYCHOSOCIAL,
    InterventionKind.HOME_VISIT: Ambit.FAMILY,
    InterventionKind.SOCIAL_BENEFITS: Ambit.FAMILY,
    InterventionKind.HOUSING_APPLICATION: Ambit.FAMILY,
    InterventionKind.JOB_PLACEMENT: Ambit.LABOUR,
}
