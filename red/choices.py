"""Stored values in English, labels in Spanish (es-CL)."""

from django.db import models


class InstitutionKind(models.TextChoices):
    REGIONAL = "regional", "Red regional"
    COMMUNAL = "communal", "Red comunal"
    OTHER = "other", "Otra red"


class Purpose(models.TextChoices):
    JOB_PLACEMENT = "job_placement", "Colocación laboral"
    TRADE_TRAINING = "trade_training", "Capacitación en oficio"
    DRUG_TREATMENT = "drug_treatment", "Tratamiento de drogas o alcohol"
    DETOX = "detox", "Desintoxicación"
    HOUSING = "housing", "Vivienda"
    SOCIAL_BENEFITS = "social_benefits", "Prestaciones sociales"
    MENTAL_HEALTH = "mental_health_assessment", "Evaluación de salud mental"
    SCHOOLING = "schooling", "Nivelación escolar"
    RECORD_ELIMINATION = "record_elimination", "Eliminación de antecedentes (DL 409)"
    MICROENTERPRISE = "microenterprise_funding", "Financiamiento de emprendimiento"
    OTHER = "other", "Otro"


class Status(models.TextChoices):
    DRAFT = "draft", "Borrador"
    SENT = "sent", "Enviada"
    RECEIVED = "received", "Recibida"
    ACCEPTED = "accepted", "Aceptada"
    WAITING_LIST = "waiting_list", "En lista de espera"
    REJECTED = "rejected", "Rechazada"
    IN_PROGRESS = "in_progress", "En curso"
    COMPLETED = "completed", "Finalizada"
    DROPPED_OUT = "dropped_out", "Abandonada"
    WITHDRAWN = "withdrawn", "Cerrada por el programa"


class OutcomeKind(models.TextChoices):
    HIRED = "hired", "Contratado/a (trabajo dependiente)"
    SELF_EMPLOYED = "self_employed", "Trabajo independiente"
    BUSINESS_FUNDED = "business_funded", "Emprendimiento financiado"
    TRAINING_ENROLLED = "training_enrolled", "Inscrito/a en capacitación"
    TRAINING_COMPLETED = "training_completed", "Capacitación completada"
    TREATMENT_ADMITTED = "treatment_admitted", "Ingresó a tratamiento"
    TREATMENT_COMPLETED = "treatment_completed", "Completó tratamiento"
    HOUSING_APPLICATION = "housing_application", "Postulación a vivienda presentada"
    BENEFIT_GRANTED = "benefit_granted", "Prestación otorgada"
    RECORD_ELIMINATED = "record_eliminated", "Antecedentes eliminados u omitidos"
    SCHOOLING_ENROLLED = "schooling_enrolled", "Matriculado/a en nivelación"
    OTHER = "other", "Otro"


class CostReduction(models.IntegerChoices):
    HALF = 50, "50 %"
    FULL = 100, "100 %"


class SharedField(models.TextChoices):
    """Case data a referral may share, field by field (the person's name always goes)."""

    RUT = "rut", "RUT"
    BIRTH_DATE = "birth_date", "Fecha de nacimiento y edad"
    SEX = "sex", "Sexo"
    NATIONALITY = "nationality", "Nacionalidad"
    COMUNA = "comuna", "Comuna"
    ADDRESS = "address", "Dirección"
    PHONE = "phone", "Teléfono de la persona"
    OFFENCE = "offence", "Delito"
    SENTENCE = "sentence", "Condena y período"
    DRUG_CONDITION = "drug_treatment_condition", "Condición de tratamiento de drogas"
    PROGRAM_PHASE = "program_phase", "Fase del programa"
