"""Demo families for OPV cases: synthetic people, fixed seed, created through the actions."""

import datetime
import random

from dateutil.relativedelta import relativedelta

from django.db import transaction

from familias import actions
from familias.choices import DEFAULT_AMBIT, InterventionKind, ProblemKind
from familias.models import FamilyMember
from reinsercion.cases.models import Case
from reinsercion.demo.cases import FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, mobile
from reinsercion.people.rut import unused_synthetic_rut
from reinsercion.programs.models import Program, User

TALK_TOPICS = [
    "Qué significa la salida en libertad para la familia",
    "Consumo problemático de alcohol y drogas: señales y apoyo (SENDA Previene)",
    "Subsidios habitacionales y postulación con SERVIU",
    "Comunicación efectiva y resolución de conflictos en la familia",
]
COUNSELLING_NOTES = [
    "Consejería con la madre sobre la reorganización de los roles en el hogar.",
    "Se trabaja la comunicación con la pareja antes de la salida al medio libre.",
    "Orientación sobre límites y rutinas con los hijos.",
    "Se aborda la preocupación de la familia por el consumo de alcohol.",
]
HOME_VISIT_NOTES = [
    "Visita al domicilio: se verifica la dirección y las condiciones de habitabilidad.",
    "La familia se muestra disponible para acompañar el proceso.",
]
BENEFIT_NOTES = [
    "Apoyo en la actualización del Registro Social de Hogares.",
    "Orientación para postular al Subsidio Único Familiar.",
]
HOUSING_NOTES = ["Orientación para la postulación al subsidio habitacional DS49 con SERVIU."]
JOB_NOTES = ["Colocación laboral de la pareja a través de la OMIL municipal."]
PROBLEMS_BY_COHORT = {
    # seeds/000: family problems reported for each generation
    1: [ProblemKind.DOMESTIC_VIOLENCE, ProblemKind.WEAK_PARENTAL_ROLES],
    2: [ProblemKind.DRUG_DEALING_LINKS, ProblemKind.SUBSTANCE_USE],
    3: [ProblemKind.DRUG_DEALING_LINKS, ProblemKind.HOUSING],
    4: [ProblemKind.DOMESTIC_VIOLENCE, ProblemKind.SUBSTANCE_USE, ProblemKind.WEAK_PARENTAL_ROLES],
    5: [ProblemKind.MEMBER_DISABILITY, ProblemKind.SUBSTANCE_USE, ProblemKind.DOMESTIC_VIOLENCE],
    6: [ProblemKind.HOUSING, ProblemKind.WEAK_PARENTAL_ROLES],
    7: [ProblemKind.SUBSTANCE_USE, ProblemKind.HOUSING],
}


class FamilyDemo:
    def __init__(self, seed=2018, stdout=None):
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.used_ruts = set(FamilyMember.objects.values_list("rut", flat=True))

    def rut(self, low, high):
        return unused_synthetic_rut(self.rng, self.used_ruts, low, high)

    def birth(self, on, age):
        return on - relativedelta(years=age, days=self.rng.randint(0, 360))

    def member(self, case, actor, relationship, sex, age, last_names, **extra):
        names = FIRST_NAMES_F if sex == "female" else FIRST_NAMES_M
        adult = age >= 18
        return actions.add_member(
            case=case,
            actor=actor,
            first_names=self.rng.choice(names),
            last_names=last_names,
            relationship=relationship,
            sex=sex,
            birth_date=self.birth(case.opened_on, age),
            rut=self.rut(5_000_000, 19_000_000) if adult else self.rut(20_000_000, 26_000_000),
            phone=mobile(self.rng) if adult else "",
            email=f"familia{case.pk}.{relationship}@correo.demo" if adult else "",
            address=case.person.address,
            **extra,
        )

    def family(self, case, actor):
        surname = case.person.last_names.split(" ")[0]
        other = self.rng.choice(LAST_NAMES)
        mother = self.member(
            case,
            actor,
            "mother",
            "female",
            self.rng.randint(50, 68),
            f"{other} {self.rng.choice(LAST_NAMES)}",
            lives_with_beneficiary=self.rng.random() < 0.6,
            indirect_beneficiary=True,
        )
        members = [mother]
        partner = None
        if self.rng.random() < 0.7:
            partner = self.member(
                case,
                actor,
                "partner",
                "female",
                self.rng.randint(22, 40),
                f"{self.rng.choice(LAST_NAMES)} {self.rng.choice(LAST_NAMES)}",
                lives_with_beneficiary=True,
                indirect_beneficiary=True,
            )
            members.append(partner)
            partner_surname = partner.last_names.split(" ")[0]
            for _ in range(self.rng.randint(1, 3)):
                sex = self.rng.choice(["male", "female"])
                members.append(
                    self.member(
                        case,
                        actor,
                        "child",
                        sex,
                        self.rng.randint(1, 19),
                        f"{surname} {partner_surname}",
                        lives_with_beneficiary=True,
                        indirect_beneficiary=True,
                    )
                )
        if self.rng.random() < 0.5:
            members.append(
                self.member(
                    case,
                    actor,
                    "sibling",
                    "male",
                    self.rng.randint(20, 45),
                    case.person.last_names,
                    is_antisocial_peer=self.rng.random() < 0.4,
                )
            )
        if self.rng.random() < 0.25:
            members.append(
                self.member(case, actor, "grandparent", "female", self.rng.randint(70, 85), other)
            )
        return members, mother, partner

    def problems(self, case, actor):
        kinds = PROBLEMS_BY_COHORT.get(case.cohort.ordinal if case.cohort else 7, [])
        for kind in self.rng.sample(kinds, k=min(len(kinds), self.rng.randint(1, 2))):
            actions.record_problem(
                case=case,
                actor=actor,
                kind=kind,
                identified_on=case.opened_on + relativedelta(days=self.rng.randint(10, 40)),
                description="Identificada en la entrevista de ingreso con la familia.",
            )

    def interventions(self, case, actor, members, today):
        start = case.opened_on
        plan = [
            (InterventionKind.HOME_VISIT, 20, HOME_VISIT_NOTES),
            (InterventionKind.COUNSELLING, 45, COUNSELLING_NOTES),
            (InterventionKind.COUNSELLING, 90, COUNSELLING_NOTES),
            (InterventionKind.SOCIAL_BENEFITS, 120, BENEFIT_NOTES),
        ]
        if self.rng.random() < 0.4:
            plan.append((InterventionKind.HOUSING_APPLICATION, 150, HOUSING_NOTES))
        if self.rng.random() < 0.3:
            plan.append((InterventionKind.JOB_PLACEMENT, 210, JOB_NOTES))
        adults = [m for m in members if not m.is_minor(start)]
        for kind, day, notes in plan:
            held_on = start + relativedelta(days=day + self.rng.randint(0, 10))
            if held_on > today:
                continue
            actions.record_intervention(
                case=case,
                actor=actor,
                kind=kind,
                held_on=held_on,
                ambit=DEFAULT_AMBIT[kind],
                attendees=self.rng.sample(adults, k=min(len(adults), self.rng.randint(1, 2))),
                beneficiary_attended=kind == InterventionKind.COUNSELLING,
                notes=self.rng.choice(notes),
            )

    def group_talks(self, cases, actor, today, members_by_case):
        """Charlas informativas for all the families of a generation at once."""
        if len(cases) < 2:
            return
        first, others = cases[0], cases[1:]
        for index, topic in enumerate(TALK_TOPICS[: 2 + len(cases) % 2]):
            held_on = first.opened_on + relativedelta(months=1 + 2 * index, days=5)
            if held_on > today:
                continue
            record = actions.record_intervention(
                case=first,
                actor=actor,
                kind=InterventionKind.TALK,
                held_on=held_on,
                ambit=DEFAULT_AMBIT[InterventionKind.TALK],
                attendees=members_by_case[first.pk][:1],
                notes="Charla grupal para las familias de la generación.",
                other_cases=others,
                topic=topic,
                place="Salón municipal, Quillota",
            )
            # Mark who came from each of the other families.
            for intervention in record.group_talk.interventions.exclude(case=first):
                attendees = [
                    m for m in members_by_case[intervention.case_id][:2] if self.rng.random() < 0.75
                ]
                actions.update_intervention(
                    intervention=intervention,
                    actor=actor,
                    held_on=intervention.held_on,
                    ambit=intervention.ambit,
                    attendees=attendees,
                    notes=intervention.notes,
                )

    def referent(self, case, actor, mother, partner):
        candidate = partner if partner is not None and self.rng.random() < 0.5 else mother
        actions.designate_referent(
            case=case,
            member=candidate,
            actor=actor,
            started_on=case.opened_on + relativedelta(days=self.rng.randint(15, 45)),
            reason="Mantiene contacto frecuente, reconoce el delito y se compromete a apoyar "
            "el proceso y a avisar al equipo ante señales de riesgo.",
        )


@transaction.atomic
def build(stdout=None, seed=2018) -> int:
    program = Program.objects.filter(code="OPV").first()
    actor = User.objects.filter(username="coordinacion.opv").first()
    if program is None or actor is None:
        return 0
    demo = FamilyDemo(seed=seed, stdout=stdout)
    today = datetime.date.today()
    created = 0
    for cohort in program.cohorts.order_by("ordinal"):
        cases = list(
            Case.objects.filter(cohort=cohort).select_related("person", "cohort").order_by("pk")
        )
        # Every member of the two latest generations; a few of each earlier one.
        if cohort.ordinal < 6:
            cases = cases[:3]
        cases = [c for c in cases if not c.family_members.exists()]
        members_by_case = {}
        for case in cases:
            members, mother, partner = demo.family(case, actor)
            members_by_case[case.pk] = members
            demo.problems(case, actor)
            demo.referent(case, actor, mother, partner)
            demo.interventions(case, actor, members, today)
            created += 1
        demo.group_talks(cases, actor, today, members_by_case)
    return created
