"""Demo data for the network: the OPV document's institutions, two partner users, referrals.

Builds on ``demo_casos`` (OPV generations, the team users). Referrals go through the real
actions; afterwards their timestamps are moved back so that the demo shows answers on time,
late answers and overdue ones. Fixed random seed; synthetic people only.
"""

import datetime
import random
import secrets

from django.db import transaction
from django.utils import timezone

from red import actions
from red.choices import InstitutionKind, OutcomeKind, Purpose, SharedField, Status
from red.models import Institution, PartnerMembership, Referral
from red.workflow import ANSWERS, FINAL
from reinsercion.cases.models import Case
from reinsercion.programs.models import User

REGIONAL, COMMUNAL, OTHER = (
    InstitutionKind.REGIONAL,
    InstitutionKind.COMMUNAL,
    InstitutionKind.OTHER,
)
ALLIANCE = "Alianza colaborativa en procesos asociados al desarrollo del programa."

# (name, short name, kind, ámbito de coordinación — from the OPV document, purposes, comuna)
INSTITUTIONS = [
    (
        "Seremía de Justicia y Derechos Humanos",
        "Seremi Justicia",
        REGIONAL,
        ALLIANCE,
        [],
        "Valparaíso",
    ),
    (
        "Dirección Regional Gendarmería de Chile",
        "DR Gendarmería",
        REGIONAL,
        ALLIANCE,
        [],
        "Valparaíso",
    ),
    (
        "Área Técnica Regional Gendarmería de Chile",
        "AT Regional GENCHI",
        REGIONAL,
        ALLIANCE,
        [],
        "Valparaíso",
    ),
    (
        "Alcaldía I. Municipalidad de Quillota",
        "Alcaldía",
        COMMUNAL,
        "Representante en instancias gubernamentales y gestor del proyecto Oportunidades para la "
        "Vida.",
        [],
        "Quillota",
    ),
    (
        "Área Técnica CDP Quillota",
        "AT CDP Quillota",
        COMMUNAL,
        "Convenio de colaboración firmado desde el año 2012 a la fecha.",
        [],
        "Quillota",
    ),
    (
        "Centro de Reinserción Social de Quillota",
        "CRS Quillota",
        COMMUNAL,
        "Vinculación con red de apoyo para mejorar las gestiones de las instituciones y programas "
        "que trabajan en pos de la reinserción social. Apoyo, asesoramiento y seguimiento en "
        "conjunto para casos Decreto Ley 409.",
        [Purpose.RECORD_ELIMINATION],
        "Quillota",
    ),
    (
        "Oficina Municipal de Intermediación Laboral de Quillota",
        "OMIL",
        COMMUNAL,
        "Principal red de apoyo municipal con la cual se trabaja en conjunto para realizar "
        "colocaciones laborales a beneficiarios que se incorporan al medio libre, además de "
        "generar oportunidades de capacitación en oficio.",
        [Purpose.JOB_PLACEMENT, Purpose.TRADE_TRAINING],
        "Quillota",
    ),
    (
        "Organismo Técnico de Capacitación Municipal de Quillota",
        "OTEC municipal",
        COMMUNAL,
        "Red de apoyo municipal destinada a entregar opciones de capacitación por medio de "
        "derivaciones municipales, permitiendo reducir el costo a un 50% o 100% según informe "
        "social.",
        [Purpose.TRADE_TRAINING],
        "Quillota",
    ),
    (
        "Programa Abriendo Caminos",
        "Abriendo Caminos",
        COMMUNAL,
        "Programa financiado por el Ministerio de Desarrollo Social con el cual el Programa OPV "
        "trabaja en conjunto para abordar casos en común.",
        [Purpose.SOCIAL_BENEFITS],
        "Quillota",
    ),
    (
        "Gobernación Provincial de Quillota",
        "Gobernación",
        COMMUNAL,
        "Red de acompañamiento destinada al apoyo socioeconómico para el emprendimiento "
        "formalizado: financiamiento para la compra de mercadería o maquinaria.",
        [Purpose.MICROENTERPRISE],
        "Quillota",
    ),
    (
        "Centro El Molino",
        "El Molino",
        COMMUNAL,
        "Alternativa especializada de tratamiento ambulatorio para los casos que presenten "
        "recaídas significativas de consumo de drogas, y apoyo y orientación al grupo familiar.",
        [Purpose.DRUG_TREATMENT],
        "Quillota",
    ),
    (
        "SENDA Previene Quillota",
        "SENDA Previene",
        COMMUNAL,
        "Orientación con respecto a los distintos consumos problemáticos existentes.",
        [Purpose.DRUG_TREATMENT],
        "Quillota",
    ),
    (
        "Servicio de Vivienda y Urbanización (SERVIU)",
        "SERVIU",
        COMMUNAL,
        "Acompañamiento y asesoramiento para el acceso a la vivienda de los beneficiarios directos "
        "o indirectos, y apoyo logístico con charlas informativas.",
        [Purpose.HOUSING],
        "Quillota",
    ),
    (
        "Unidad de Desintoxicación Municipal",
        "UDD",
        COMMUNAL,
        "Principal red de apoyo municipal respecto a la desintoxicación por consumo de drogas, con "
        "internación por 30 días.",
        [Purpose.DETOX],
        "Quillota",
    ),
    (
        "Unidad de Gestión Interna Municipal (UGIM)",
        "UGIM",
        COMMUNAL,
        "Apoyo en investigación y evaluación de intervenciones de carácter innovador.",
        [],
        "Quillota",
    ),
    (
        "Universidad de Chile, Área de Trabajo Social",
        "U. de Chile",
        COMMUNAL,
        "Área de Trabajo Social de la Universidad de Chile.",
        [],
        "Santiago",
    ),
    (
        "Centro de Estudio y Trabajo de Putaendo (CET)",
        "CET Putaendo",
        OTHER,
        "Continuación de la intervención de beneficiarios trasladados a centros de estudio y "
        "trabajo.",
        [Purpose.OTHER],
        "Putaendo",
    ),
]

PARTNERS = [
    ("omil.quillota", "Patricia", "Lagos", "OMIL"),
    ("otec.quillota", "Raúl", "Cortés", "OTEC municipal"),
]

# institution short name, purpose, detail, shared fields, final state, days ago, outcome
SCENARIOS = [
    (
        "OMIL",
        Purpose.JOB_PLACEMENT,
        "Colocación laboral en jornada completa; experiencia en bodega y construcción.",
        ["rut", "comuna", "phone"],
        Status.COMPLETED,
        45,
        dict(outcome_kind=OutcomeKind.HIRED, employer="Empresa de Parquímetros de Quillota"),
    ),
    (
        "OMIL",
        Purpose.JOB_PLACEMENT,
        "Apoyo en búsqueda de empleo de media jornada.",
        ["rut", "comuna"],
        Status.IN_PROGRESS,
        20,
        None,
    ),
    (
        "OMIL",
        Purpose.TRADE_TRAINING,
        "Capacitación en oficio (gasfitería).",
        ["rut"],
        Status.SENT,
        4,
        None,
    ),
    (
        "OMIL",
        Purpose.JOB_PLACEMENT,
        "Colocación laboral; disponibilidad inmediata.",
        ["rut", "phone"],
        Status.SENT,
        0,
        None,
    ),
    (
        "OTEC municipal",
        Purpose.TRADE_TRAINING,
        "Curso de maestro general en obras menores; "
        "solicitamos rebaja de costo según informe social.",
        ["rut", "birth_date"],
        Status.COMPLETED,
        70,
        dict(outcome_kind=OutcomeKind.TRAINING_COMPLETED, cost_reduction=100),
    ),
    (
        "OTEC municipal",
        Purpose.TRADE_TRAINING,
        "Curso de soldadura.",
        ["rut"],
        Status.WAITING_LIST,
        9,
        None,
    ),
    (
        "OTEC municipal",
        Purpose.TRADE_TRAINING,
        "Curso de elaboración de productos de repostería.",
        ["rut", "comuna"],
        Status.REJECTED,
        16,
        None,
    ),
    (
        "OTEC municipal",
        Purpose.TRADE_TRAINING,
        "Curso de computación básica.",
        ["rut"],
        Status.RECEIVED,
        1,
        None,
    ),
    (
        "El Molino",
        Purpose.DRUG_TREATMENT,
        "Tratamiento ambulatorio por recaída en consumo.",
        ["rut", "drug_treatment_condition"],
        Status.ACCEPTED,
        6,
        None,
    ),
    (
        "SERVIU",
        Purpose.HOUSING,
        "Orientación para postular a subsidio habitacional.",
        ["rut", "comuna", "address"],
        Status.SENT,
        12,
        None,
    ),
    (
        "CRS Quillota",
        Purpose.RECORD_ELIMINATION,
        "Apoyo para la eliminación de antecedentes (DL 409).",
        ["rut", "offence", "sentence"],
        Status.SENT,
        3,
        None,
    ),
]


class NetworkDemo:
    def __init__(self, seed=2018, stdout=None):
        self.rng = random.Random(seed)
        self.stdout = stdout

    def institutions(self):
        for name, short, kind, ambit, purposes, comuna in INSTITUTIONS:
            slug = short.lower().replace(" ", ".")
            Institution.objects.update_or_create(
                name=name,
                defaults=dict(
                    short_name=short,
                    kind=kind,
                    ambit=ambit,
                    services=ambit,
                    purposes=[str(p) for p in purposes],
                    comuna=comuna,
                    email=f"{slug}@demo.reinsercion.local",
                    phone=f"+56 33 2{self.rng.randint(100000, 999999)}",
                    response_hours=72 if kind == InstitutionKind.REGIONAL else 48,
                ),
            )

    def partners(self):
        logins = []
        for username, first, last, short in PARTNERS:
            institution = Institution.objects.get(short_name=short)
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@demo.reinsercion.local"
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save()
            PartnerMembership.objects.get_or_create(user=user, institution=institution)
            logins.append((username, password, f"Institución de la red: {institution.name}"))
        return logins

    def referrals(self):
        if Referral.objects.exists():
            return
        professional = User.objects.get(username="psicologa.opv")
        supervisor = User.objects.get(username="coordinacion.opv")
        cases = list(Case.objects.filter(program__code="OPV", phase="follow_up").order_by("pk"))
        intra = list(Case.objects.filter(program__code="OPV", phase="intra_penitentiary")[:3])
        for index, (short, purpose, detail, shared, state, days, outcome) in enumerate(SCENARIOS):
            case = cases[index % len(cases)]
            institution = Institution.objects.get(short_name=short)
            referral = self.draft(case, professional, institution, purpose, detail, shared)
            actions.record_consent(referral=referral, actor=professional)
            actions.approve_referral(referral=referral, actor=supervisor)
            referral = actions.send_referral(referral=referral, actor=professional)
            partner = institution.memberships.first()
            self.advance(referral, state, partner.user if partner else None, professional, outcome)
            self.backdate(Referral.objects.get(pk=referral.pk), days)
        # Drafts: one waiting for the person's signature, one for supervision's approval.
        senda = Institution.objects.get(short_name="SENDA Previene")
        self.draft(
            intra[0],
            professional,
            senda,
            Purpose.DRUG_TREATMENT,
            "Orientación sobre consumo problemático antes del egreso.",
            ["rut"],
        )
        draft = self.draft(
            intra[1],
            professional,
            Institution.objects.get(short_name="Gobernación"),
            Purpose.MICROENTERPRISE,
            "Postulación a fondo para emprendimiento "
            "formalizado (taller de reparación de bicicletas).",
            ["rut", "comuna"],
        )
        actions.record_consent(referral=draft, actor=professional)

    def draft(self, case, professional, institution, purpose, detail, shared):
        return actions.create_referral(
            case=case,
            actor=professional,
            institution=institution,
            purpose=purpose,
            purpose_detail=detail,
            shared_fields=[SharedField(f) for f in shared],
            # The case's first document (demo_documentos runs before), if it has one.
            shared_documents=list(case.documents.order_by("pk")[:1]),
        )

    def advance(self, referral, state, partner, professional, outcome):
        path = {
            Status.SENT: [],
            Status.RECEIVED: [Status.RECEIVED],
            Status.ACCEPTED: [Status.ACCEPTED],
            Status.WAITING_LIST: [Status.WAITING_LIST],
            Status.REJECTED: [Status.REJECTED],
            Status.IN_PROGRESS: [Status.ACCEPTED, Status.IN_PROGRESS],
            Status.COMPLETED: [Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED],
        }[state]
        if not partner:
            # An institution without portal users answers by phone; the team records it.
            for step in path:
                referral = actions.record_answer_received_elsewhere(
                    referral=referral,
                    actor=professional,
                    to_status=step,
                    note="Llamado telefónico de la encargada de admisión.",
                )
            return
        for step in path:
            referral = actions.move_referral(
                referral=referral,
                actor=partner,
                to_status=step,
                note="Se coordinó entrevista de ingreso." if step == Status.ACCEPTED else "",
                rejection_reason="Sin cupos en el curso hasta el próximo llamado; se sugiere "
                "postular en marzo."
                if step == Status.REJECTED
                else "",
            )
            if step == Status.IN_PROGRESS:
                actions.record_progress(
                    referral=referral, actor=partner, note="Asiste regularmente; buena disposición."
                )
                actions.post_message(
                    referral=referral,
                    actor=partner,
                    body="¿Podrían confirmar si la persona cuenta con cédula de identidad vigente?",
                )
                actions.post_message(
                    referral=referral,
                    actor=professional,
                    body="Sí, la renovó el mes pasado. Gracias por el aviso.",
                )
        if outcome:
            today = timezone.localdate()
            extra = {}
            if outcome["outcome_kind"] == OutcomeKind.HIRED:
                extra["job_start_on"] = today - datetime.timedelta(days=20)
            actions.record_outcome(
                referral=referral,
                actor=partner,
                outcome_on=today - datetime.timedelta(days=20),
                notes="Resultado informado por la institución.",
                **outcome,
                **extra,
            )

    def backdate(self, referral, days):
        """Move the referral's history ``days`` back; each later move comes a plausible delay
        after the previous one, and the referral's timestamps follow its events."""
        if not days:
            return
        shift = datetime.timedelta(days=days)
        delay = datetime.timedelta(hours=self.rng.choice([5, 20, 30, 60, 70]))
        referral.approved_at -= shift
        referral.consent_on -= shift
        referral.sent_at -= shift
        referral.answer_due_at -= shift
        for n, event in enumerate(referral.events.order_by("at", "pk")):
            event.at = referral.sent_at + delay * n
            event.save()
            if event.to_status == Status.RECEIVED:
                referral.received_at = event.at
            if event.to_status in ANSWERS and not event.is_progress_note:
                referral.answered_at = referral.answered_at and min(referral.answered_at, event.at)
                referral.answered_at = referral.answered_at or event.at
            if event.to_status in FINAL:
                referral.closed_at = event.at
        referral.save()
        for message in referral.messages.all():
            message.created_at = referral.sent_at + delay * 3
            message.save()


@transaction.atomic
def build(stdout=None, seed=2018):
    demo = NetworkDemo(seed=seed, stdout=stdout)
    demo.institutions()
    logins = demo.partners()
    demo.referrals()
    return logins, Institution.objects.count(), Referral.objects.count()
