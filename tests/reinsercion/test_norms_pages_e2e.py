"""The pages of issue 14 (intake on the case file, transfers, contact exceptions, court
reports, reduction/substitution requests, the plan's limits exception) pass axe-core with no
serious or critical violation and do not scroll sideways, at 1280 and 390 px."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from reinsercion.activities import actions as activity_actions
from reinsercion.cases import transfers
from reinsercion.cases.models import TransferKind
from reinsercion.programs.choices import Role
from reinsercion.reports import actions as report_actions
from reinsercion.reports import pena_mixta

from ..factories import JudicialProgramFactory, UserFactory, member, open_case
from .activity_helpers import at, set_court_data, travel
from .assessment_factories import assess, configured_version, plan_with_objectives

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "clave-de-normas-123"
D = datetime.date


def test_the_norms_pages_pass_axe_and_fit_a_phone(live_server, chromium):
    # given an LAE case with its intake, plan, report, exception and transfer on record
    lae = JudicialProgramFactory()
    las = JudicialProgramFactory(code="LAS", name="Libertad Asistida Simple")
    professional = member(UserFactory(username="delegado"), lae, Role.PROFESSIONAL)
    supervisor = member(UserFactory(username="supervisora"), lae, Role.SUPERVISION)
    supervisor.set_password(PASSWORD)
    supervisor.save()
    case = open_case(program=lae, actor=professional, professionals=[professional])
    set_court_data(
        case,
        professional,
        sentence_starts_on=D(2026, 1, 5),
        sentence_ends_on=D(2029, 1, 5),
        sentence_copy_received_at=at(2026, 1, 5, 15),
        presented_on=D(2026, 1, 8),
        region="RM",
    )
    version = configured_version()
    assess(case, professional, version, peers=2, attitudes=2)
    plan = plan_with_objectives(case, professional, version, ("peers", "attitudes"))
    with travel(D(2026, 4, 2)):
        report = report_actions.start_report(case=case, actor=professional, due_on=D(2026, 4, 5))
        report_actions.submit_report(report=report, actor=professional)
        activity_actions.request_contact_exception(
            case=case,
            actor=professional,
            kind="shift_work",
            interval_days=30,
            reason="Turnos 7x7 en faena minera.",
            starts_on=D(2026, 4, 1),
        )
        transfers.request_transfer(
            case=case,
            actor=professional,
            to_program=las,
            kind=TransferKind.TEMPORARY,
            reason="Trabajo temporal en otra ciudad.",
            starts_on=D(2026, 4, 10),
            ends_on=D(2026, 7, 10),
        )
    # The case file's history table, which scrolls in its own box on a phone, is made
    # keyboard-reachable on main (commit cc43727); here only the intake section this issue adds.
    intake = 'section[aria-labelledby="intake-title"]'
    scoped = {f"/equipo/casos/{case.pk}/": {"include": [[intake]]}}
    paths = [
        f"/equipo/casos/{case.pk}/",
        f"/equipo/casos/{case.pk}/traslados/",
        f"/equipo/casos/{case.pk}/excepciones-contacto/",
        f"/equipo/casos/{case.pk}/informes/",
        f"/equipo/casos/{case.pk}/informes/{report.pk}/",
        f"/equipo/casos/{case.pk}/solicitudes/",
        f"/equipo/casos/{case.pk}/plan/{plan.pk}/excepcion-limites/",
    ]
    axe = Axe()
    problems = []
    for width in (1280, 390):
        page = chromium.new_page(locale="es-CL", viewport={"width": width, "height": 900})
        page.goto(f"{live_server.url}/cuenta/ingresar/")
        page.fill("#id_username", "supervisora")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/cuenta/ingresar/" not in url)
        for path in paths:
            # when each page is opened
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            # then axe finds nothing serious, and nothing is wider than the window
            violations = axe.run(page, context=scoped.get(path)).response["violations"]
            problems += [
                f"{width} {path}: {v['id']} ({v['impact']})"
                for v in violations
                if v["impact"] in ("serious", "critical")
            ]
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{width} {path}: {scroll} px wide")
        page.close()
    assert not problems, "\n".join(problems)


def axe_and_width(live_server, chromium, username, paths):
    axe = Axe()
    problems = []
    for width in (1280, 390):
        page = chromium.new_page(locale="es-CL", viewport={"width": width, "height": 900})
        page.goto(f"{live_server.url}/cuenta/ingresar/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/cuenta/ingresar/" not in url)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            violations = axe.run(page).response["violations"]
            problems += [
                f"{width} {username} {path}: {v['id']} ({v['impact']})"
                for v in violations
                if v["impact"] in ("serious", "critical")
            ]
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{width} {username} {path}: {scroll} px wide")
        page.close()
    return problems


def test_the_pena_mixta_pages_pass_axe_and_fit_a_phone(live_server, chromium):
    # given two LAE cases: one evaluation being written, one in supervision's review
    lae = JudicialProgramFactory()
    professional = member(UserFactory(username="delegado"), lae, Role.PROFESSIONAL)
    supervisor = member(UserFactory(username="supervisora"), lae, Role.SUPERVISION)
    for user in (professional, supervisor):
        user.set_password(PASSWORD)
        user.save()
    version = configured_version()
    evaluations = []
    for _ in range(2):
        case = open_case(program=lae, actor=professional, professionals=[professional])
        set_court_data(case, professional, sentence_starts_on=D(2026, 1, 5), rit="O-1-2026")
        assess(case, professional, version, peers=2, attitudes=2)
        plan = plan_with_objectives(case, professional, version, ("peers", "attitudes"))
        evaluations.append(
            pena_mixta.open_evaluation(
                case=case,
                actor=professional,
                received_on=D(2026, 3, 2),
                papers_complete_on=D(2026, 3, 9),
            )
        )
    reviewed = evaluations[1]
    pena_mixta.update_report(
        evaluation=reviewed,
        actor=professional,
        outcome="favourable",
        synthesis="Síntesis.",
        summary="Beneficio.",
        plan=plan,
    )
    pena_mixta.submit_report(evaluation=reviewed, actor=professional)
    written = evaluations[0]
    # when each page is opened by the delegado (forms) and by supervision (review)
    problems = axe_and_width(
        live_server,
        chromium,
        "delegado",
        [f"/equipo/casos/{written.case_id}/pena-mixta/", written.get_absolute_url()],
    )
    problems += axe_and_width(live_server, chromium, "supervisora", [reviewed.get_absolute_url()])
    # then axe finds nothing serious, and nothing is wider than the window
    assert not problems, "\n".join(problems)
