"""Demo assessments and plans on top of ``demo_casos`` (synthetic people, fixed seed).

The shipped IGI and LAE/LAS scales have no cut-offs (licensed / unpublished), so the demo
records domain scores with the levels "from the paper sheet", as a team would until the
institution configures them. ASSIST is applied where the drug domain is positive.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from reinsercion.assessment import actions as assessment_actions
from reinsercion.assessment.models import Assessment, InstrumentVersion
from reinsercion.assessment.queries import profile_for_case
from reinsercion.assessment.rules.contact import ControlFrequency, frequency_for_interval
from reinsercion.cases import actions as case_actions
from reinsercion.cases.models import Case
from reinsercion.plans import actions as plan_actions
from reinsercion.programs.choices import Phase
from reinsercion.programs.models import User

LEVEL_BY_TOTAL = [(0, "very_low"), (6, "low"), (11, "medium"), (17, "high"), (24, "very_high")]
OBJECTIVES = {
    "companions": (
        "Disminuir el contacto con pares infractores",
        "Taller de habilidades sociales; actividades prosociales en su barrio",
    ),
    "peers_lifestyle": (
        "Disminuir el contacto con pares infractores",
        "Taller de habilidades sociales; deporte comunitario",
    ),
    "education_employment": (
        "Completar la enseñanza media",
        "Derivación a nivelación de estudios; apoyo en matrícula",
    ),
    "education": (
        "Reinsertarse en el sistema escolar",
        "Coordinación con el liceo; apoyo pedagógico",
    ),
    "alcohol_drugs": (
        "Iniciar tratamiento por consumo",
        "Derivación asistida a SENDA Previene / Centro El Molino",
    ),
    "procriminal_attitude": (
        "Reconocer el daño causado por el delito",
        "Intervención individual cognitivo-conductual",
    ),
    "family_marital": (
        "Fortalecer el vínculo con su familia",
        "Consejería familiar; visitas domiciliarias",
    ),
    "family_networks": (
        "Fortalecer el apoyo de un adulto responsable",
        "Sesiones familiares; identificar referente significativo",
    ),
    "psychological": (
        "Mejorar el manejo de la ira",
        "Intervención individual; derivación a salud mental",
    ),
}
PROTECTIVE = [
    "Apoyo de su madre y hermana; interés por aprender un oficio.",
    "Vínculo con su pareja y su hijo; experiencia laboral previa en la construcción.",
    "Participa en un club deportivo; buena relación con un profesor.",
    "Motivación por terminar sus estudios; abuela como figura de apoyo.",
]


class DemoAssessments:
    def __init__(self, seed=2018, stdout=None):
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.today = timezone.localdate()
        self.igi = InstrumentVersion.objects.get(instrument__code="igi")
        self.youth = InstrumentVersion.objects.get(instrument__code="factores-lae-las")
        self.assist = InstrumentVersion.objects.get(instrument__code="assist")
        self.counts = {"assessments": 0, "plans": 0}
        self.plan_states = 0

    def day(self, base, days):
        return min(base + datetime.timedelta(days=days), self.today)

    def assess(self, case, actor, version, on, *, lower=False, reason="initial", override=False):
        domains = list(version.domains.all())
        scores, needs = {}, {}
        for d in domains:
            top = 4 if lower else 8
            value = self.rng.randint(0, top)
            scores[d.pk] = value
            if not d.is_static:
                needs[d.pk] = "low" if value < 3 else ("medium" if value < 6 else "high")
        total = sum(scores.values())
        level = [lvl for minimum, lvl in LEVEL_BY_TOTAL if total >= minimum][-1]
        extra = {}
        if override:
            higher = {"very_low": "low", "low": "medium", "medium": "high", "high": "very_high"}
            extra = (
                dict(
                    override_level=higher[level],
                    override_reason="Antecedentes de la sentencia y del informe de Gendarmería "
                    "indican un riesgo mayor al obtenido por el instrumento.",
                )
                if level in higher
                else dict(
                    override_level="high",
                    override_reason="Red familiar protectora y empleo estable verificados en "
                    "visita domiciliaria: el puntaje sobrestima el riesgo.",
                )
            )
        assessment = assessment_actions.record_assessment(
            case=case,
            version=version,
            actor=actor,
            assessed_on=on,
            reason=reason,
            scores=scores,
            paper_needs=needs,
            paper_level=level,
            protective_factors=self.rng.choice(PROTECTIVE),
            significant_other=self.rng.choice(["Madre", "Abuela materna", "Hermano mayor", ""]),
            **extra,
        )
        self.counts["assessments"] += 1
        drugs = next((s for s in assessment.scores.all() if s.domain.code == "alcohol_drugs"), None)
        if drugs and drugs.need_level in ("medium", "high"):
            substances = {d.pk: 0 for d in self.assist.domains.all()}
            for d in self.assist.domains.all():
                if d.code in ("alcohol", "cannabis", "cocaine", "tobacco"):
                    substances[d.pk] = self.rng.randint(2, 30)
            assessment_actions.record_assessment(
                case=case,
                version=self.assist,
                actor=actor,
                assessed_on=on,
                reason=reason,
                scores=substances,
            )
            self.counts["assessments"] += 1
        return assessment

    def plan(self, case, author, supervisor, on, target):
        eligible = [
            d for d in plan_actions.eligible_domains(case) if d.version.instrument.code != "assist"
        ]
        rec = profile_for_case(case).recommendation
        name = case.person.first_names.split()[0]
        offence = case.offence.lower() or "su delito"
        plan = plan_actions.create_plan(
            case=case,
            actor=author,
            on_date=on,
            synthesis=(
                f"{name} registra {offence} como primera condena. "
                "La evaluación muestra necesidades en "
                + ", ".join(sorted({d.name.lower() for d in eligible[:3]}) or {"pocas áreas"})
                + ". Reconoce parcialmente su responsabilidad y muestra motivación externa."
            ),
            control_frequency=frequency_for_interval(rec.interval_days),
            control_frequency_other=""
            if frequency_for_interval(rec.interval_days) != ControlFrequency.OTHER
            else rec.frequency,
            control_justification=f"{rec.rule}. Tipo de intervención: {rec.intervention}.",
            development="Se priorizan las dos áreas de mayor necesidad durante el primer año; "
            "las demás se incorporan a medida que se cumplan los objetivos.",
        )
        # A drug-treatment condition already put the referral to treatment first.
        seen = {o.domain.code for o in plan.objectives.select_related("domain") if o.domain_id}
        for domain in eligible:
            if domain.code in seen or domain.version.instrument.code == "assist":
                continue
            if plan.objectives.count() >= 3:
                break
            seen.add(domain.code)
            text, acts = OBJECTIVES.get(
                domain.code, (f"Abordar {domain.name.lower()}", "Intervención individual")
            )
            plan_actions.add_objective(
                plan=plan,
                actor=author,
                domain=domain,
                objective=text,
                actions=acts,
                sentence_year=1 if len(seen) <= 2 else 2,
                status="in_progress"
                if plan.objectives.filter(status="in_progress").count() < 2
                else "pending",
            )
        self.counts["plans"] += 1
        steps = {
            "draft": [],
            "in_review": [("in_review", author)],
            "returned": [("in_review", author), ("returned", supervisor)],
            "endorsed": [("in_review", author), ("endorsed", supervisor)],
            "sent_to_court": [
                ("in_review", author),
                ("endorsed", supervisor),
                ("sent_to_court", author),
            ],
            "rejected": [
                ("in_review", author),
                ("endorsed", supervisor),
                ("sent_to_court", author),
                ("rejected", author),
            ],
            "in_execution": [("in_review", author), ("endorsed", supervisor)]
            + (
                [("sent_to_court", author), ("approved", author)]
                if case.program.requires_court_data
                else []
            )
            + [("in_execution", author)],
        }[target]
        when = on
        for status, actor in steps:
            when = self.day(when, self.rng.randint(1, 4))
            plan_actions.transition_plan(
                plan=plan,
                actor=actor,
                to_status=status,
                on_date=when,
                comment="Precisar las acciones y el año de condena del segundo objetivo."
                if status == "returned"
                else "",
                hearing_on=self.today + datetime.timedelta(days=21)
                if status == "rejected"
                else None,
            )
        if target in ("in_execution", "sent_to_court"):
            plan_actions.record_feedback_session(
                plan=plan,
                actor=author,
                held_on=when,
                agreement="agrees",
                person_words="Estoy de acuerdo, quiero terminar el colegio y conseguir trabajo.",
            )
        return plan

    def judicial(self, code):
        cases = list(
            Case.objects.filter(program__code=code)
            .select_related("person", "program")
            .prefetch_related("professionals")
            .order_by("pk")
        )
        supervisor = User.objects.get(username="supervision.lae")
        for i, case in enumerate(cases):
            if case.phase == Phase.INTAKE:
                continue
            author = case.professionals.first()
            if case.is_closed:
                continue
            start = self.day(case.opened_on, 7)
            if i % 7 == 3:
                case_actions.update_case(
                    case=case, actor=author, intake_meeting_on=self.day(case.opened_on, 2)
                )
                plan_actions.record_plan_extension(
                    case=case,
                    actor=author,
                    requested_on=self.day(case.opened_on, 8),
                    days=15,
                    reason="Se requiere evaluación especializada de consumo (ASSIST positivo).",
                )
            self.assess(case, author, self.youth, start, override=(i % 13 == 5))
            if case.phase == Phase.PLAN:
                self.plan_states += 1
                states = ["draft", "in_review", "returned", "endorsed", "sent_to_court"]
                self.plan(case, author, supervisor, start, states[self.plan_states % 5])
            elif case.phase == Phase.EXECUTION:
                target = "rejected" if i % 6 == 1 else "in_execution"
                plan = self.plan(case, author, supervisor, start, target)
                if target == "rejected":
                    plan_actions.new_plan_version(
                        plan=plan,
                        actor=author,
                        comment="Reformulación solicitada en audiencia.",
                        on_date=self.day(start, 14),
                    )
                elif i % 3 == 0 and self.today - start > datetime.timedelta(days=20):
                    self.assess(
                        case, author, self.youth, self.day(start, 20), lower=True, reason="other"
                    )
                    plan_actions.new_plan_version(
                        plan=plan,
                        actor=author,
                        comment="Nueva evaluación: disminuyen las necesidades.",
                        on_date=self.day(start, 21),
                    )

    def opv(self):
        cases = list(
            Case.objects.filter(program__code="OPV")
            .exclude(phase=Phase.CLOSED)
            .select_related("person", "program", "cohort")
            .prefetch_related("professionals")
            .order_by("pk")
        )
        supervisor = User.objects.get(username="coordinacion.opv")
        author = User.objects.get(username="psicologa.opv")
        for i, case in enumerate(cases):
            start = self.day(case.opened_on, 10)
            self.assess(case, author, self.igi, start, override=(i % 12 == 7))
            if case.phase != Phase.INTRA_PENITENTIARY:
                self.assess(
                    case,
                    author,
                    self.igi,
                    self.day(case.opened_on, 330),
                    lower=True,
                    reason="yearly",
                )
            if i % 3 == 0:
                self.plan(
                    case, author, supervisor, start, "in_execution" if i % 2 == 0 else "in_review"
                )


@transaction.atomic
def build(stdout=None, seed=2018):
    if Assessment.objects.exists():
        return None
    builder = DemoAssessments(seed=seed, stdout=stdout)
    builder.opv()
    builder.judicial("LAE")
    builder.judicial("LAS")
    return builder.counts
