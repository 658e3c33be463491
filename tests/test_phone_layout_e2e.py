"""Every team and partner page works on a phone (issue 13): at 390 px nothing scrolls sideways,
and axe-core finds no serious or critical violation at 390 px nor at 1280 px.

Loads the demo, logs in as the OPV coordinator, an OPV professional and a partner user, and
visits every page of ``/equipo/`` and ``/red/`` that answers a GET with HTML, the URL list
walked from the URLconf (as tests/test_every_view_is_protected.py does) and its ids taken from
the demo data the user may see. Each page is saved to the screenshots folder as
``phone-<user>-<url name>.png``.

Not visited: JSON suggestions, PDFs and the calendar feed (not pages), the plan's status moves
(``<str:to_status>``, POST only), the non-compliance report (the demo has none), and any URL
that answers that user with a redirect, 403, 404 or 405 (POST-only actions, pages of another
role): those are printed with ``-s``.
"""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from contratos.models import ContractTemplate, SocialContract
from cupos.models import InterventionProgram, SlotRequest
from familias.models import FamilyIntervention, FamilyMember, FamilyProblem
from red.choices import Status
from red.models import Referral
from reinsercion.activities.models import (
    ActivityRecord,
    Appointment,
    FollowUpContact,
    NonComplianceReport,
    WorkshopSeries,
    WorkshopSession,
)
from reinsercion.assessment.models import Assessment
from reinsercion.cases.models import Case
from reinsercion.documents.models import CaseDocument
from reinsercion.imports import actions as import_actions
from reinsercion.notifications.models import Notification
from reinsercion.plans.models import InterventionPlan, PlanObjective
from reinsercion.programs.choices import Role
from reinsercion.programs.models import Cohort, TeamMembership
from reinsercion.reports.models import FollowUpReport

User = get_user_model()

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE = Axe()
PASSWORD = "clave-de-telefono-123"
# The demo records no non-compliance report; the page's layout is the case file's.
DEMO_HAS_NONE = {
    # Data-subject requests (Ley 21.719): the demo records none; the list page is swept.
    "team:data_request",
    "team:data_request_export",
    "team:data_request_anonymise",
    "team:noncompliance_detail",
    "team:contact_exception_decide",
    "team:notification_read",  # only if the demo's actions notified the user
    "team:report_detail",
    "team:report_transition",
    "team:sentence_request_answer",
    "team:transfer_step",
    # Pena mixta is for court programs; the demo's swept users are OPV's. Their pages are
    # swept in tests/reinsercion/test_norms_pages_e2e.py.
    "team:pena_mixta_detail",
    "team:pena_mixta_action",
}
NOT_PAGES = ("suggest_", "_pdf", "calendar_feed", "pdf", "plan_transition")


# What pushes a page wider than the phone: the outermost element whose right edge passes it.
WIDEST = """() => {
  const wide = [...document.querySelectorAll("body *")].filter(
    (e) => e.getBoundingClientRect().right > window.innerWidth + 1);
  const outer = wide.filter((e) => !wide.includes(e.parentElement))[0];
  return outer ? outer.tagName.toLowerCase() + "." + [...outer.classList].join(".") : "";
}"""


def walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, prefix + str(pattern.pattern), pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern


def routes(prefix):
    """(view name, kwarg names) of every GET-able page under ``prefix``."""
    for route, namespace, pattern in walk(get_resolver()):
        if not route.startswith(prefix) or not pattern.name or not namespace:
            continue
        if pattern.name.startswith(NOT_PAGES) or pattern.name.endswith(NOT_PAGES):
            continue
        yield f"{namespace}:{pattern.name}", sorted(pattern.pattern.converters)


def first(queryset):
    return queryset.order_by("pk").first()


def import_preview(program):
    """A checked upload of the program's coordination, as the import preview shows it."""
    membership = TeamMembership.objects.filter(program=program, role=Role.COORDINATION).first()
    if membership is None:
        return None
    rows = [
        "RUT;Nombres;Apellidos;Programa;Generación",
        f"12.345.678-5;María José;Pérez Soto;{program.code};1",
        "12.345.678-9;Berta;Rojas;;",
    ]
    batch = import_actions.upload(
        actor=membership.user, content="\n".join(rows).encode(), filename="listado.csv"
    )
    return import_actions.preview(batch=batch)


def team_ids(user):
    """Kwargs per view name, taken from the demo rows the user may see."""
    cases = Case.objects.visible_to(user)
    case = first(cases.filter(referrals__isnull=False)) or first(cases)
    program = case.program
    ids = {
        name: {"case_pk": case.pk} for name, kwargs in routes("equipo/") if kwargs == ["case_pk"]
    }

    def add(names, obj, kwargs_of):
        if obj is not None:
            ids.update(dict.fromkeys(names, kwargs_of(obj)))

    def in_case(obj):
        return {"case_pk": obj.case_id, "pk": obj.pk}

    def by_pk(obj):
        return {"pk": obj.pk}

    cohort = case.cohort or first(Cohort.objects.filter(program=program))
    add(["team:cohort_detail", "team:cohort_workshops"], cohort, by_pk)
    add(["team:cohort_import"], cohort, lambda c: {"cohort_pk": c.pk})
    add(["team:import_preview"], import_preview(program), lambda b: {"token": b.token})
    add(
        [
            "team:cohort_create",
            "contratos:template_create",
            "team:program_indicators",
            "team:program_indicators_pdf",
        ],
        program,
        lambda p: {"program_code": p.code},
    )
    add(
        ["team:program_indicators_export"],
        program,
        lambda p: {"program_code": p.code, "table": "indicadores"},
    )
    add(["team:person_detail", "team:person_update"], case.person, by_pk)
    add(["team:case_create"], case.person, lambda p: {"person_pk": p.pk})
    assessment = first(Assessment.objects.filter(case__in=cases))
    add(["team:assessment_detail"], assessment, in_case)
    add(
        ["team:assessment_create"],
        assessment,
        lambda a: {"case_pk": a.case_id, "version_pk": a.version_id},
    )
    plan = first(InterventionPlan.objects.filter(case__in=cases))
    plan_views = [
        "detail",
        "update",
        "new_version",
        "feedback",
        "objective_create",
        "limits_exception",
    ]
    add([f"team:plan_{v}" for v in plan_views], plan, in_case)
    add(
        [f"team:plan_objective_{v}" for v in ("update", "status", "delete")],
        first(PlanObjective.objects.filter(plan__case__in=cases)),
        lambda o: {"case_pk": o.plan.case_id, "pk": o.plan_id, "objective_pk": o.pk},
    )
    for names, rows in [
        (["team:activity_update"], ActivityRecord.objects.filter(workshop_session=None)),
        (
            ["team:appointment_update"],
            Appointment.objects.filter(workshop_session=None, record=None, cancelled_at=None),
        ),
        (["team:follow_up_record"], FollowUpContact.objects.all()),
        (["team:noncompliance_detail"], NonComplianceReport.objects.all()),
        (["team:report_detail"], FollowUpReport.objects.all()),
        (["team:document_file"], CaseDocument.objects.all()),
        (["familias:member_update", "familias:member_delete"], FamilyMember.objects.all()),
        (["familias:problem_resolve"], FamilyProblem.objects.all()),
        (["familias:intervention_update"], FamilyIntervention.objects.all()),
        (
            [f"contratos:{v}" for v in ("detail", "sign", "discard", "email", "breach_create")],
            SocialContract.objects.all(),
        ),
        (
            [f"red:referral_{v}" for v in ("detail", "update", "consent", "approve", "send")]
            + ["red:referral_discard", "red:referral_message", "red:referral_answer_elsewhere"],
            Referral.objects.all(),
        ),
    ]:
        add(names, first(rows.filter(case__in=cases)), in_case)
    add(
        ["team:workshop_detail"],
        first(WorkshopSeries.objects.filter(cohort__program=program)),
        by_pk,
    )
    add(
        ["team:workshop_attendance"],
        first(WorkshopSession.objects.filter(series__cohort__program=program)),
        by_pk,
    )
    add(
        ["contratos:template_detail", "contratos:template_edit"],
        first(ContractTemplate.objects.filter(program=program)),
        by_pk,
    )
    add(
        ["red:institution_detail"],
        first(Referral.objects.filter(case__in=cases)),
        lambda r: {"pk": r.institution_id},
    )
    # POST only (mark read): listed so that the sweep knows it; the list page is swept.
    add(["team:notification_read"], first(Notification.objects.filter(recipient=user)), by_pk)
    cupos_views = ["request_detail", "request_withdraw", "request_start", "consent_sign"]
    slot_requests = SlotRequest.objects.filter(case__in=cases)
    add([f"cupos:{v}" for v in cupos_views], first(slot_requests), in_case)
    add(["cupos:answer"], first(slot_requests.exclude(status="queued")), by_pk)
    add(
        ["cupos:program_detail", "cupos:sessions"],
        first(InterventionProgram.objects.filter(requests__case__in=cases).distinct()),
        by_pk,
    )
    return ids


def portal_ids(user):
    # One still waiting for an answer, so that its page shows the partner's answer form.
    referrals = Referral.objects.for_partner(user)
    waiting = referrals.filter(status__in=(Status.SENT, Status.RECEIVED))
    referral = first(waiting) or first(referrals)
    names = [name for name, kwargs in routes("red/") if kwargs == ["pk"]]
    ids = {name: {"pk": referral.pk} for name in names}
    # Slot requests of the partner's institution, if it runs a program with slots (else the
    # pages answer 404 and are not shown).
    slot_request = first(SlotRequest.objects.for_partner(user)) or referral
    program = first(InterventionProgram.objects.answered_by(user)) or referral
    ids["cupos_portal:request_detail"] = {"pk": slot_request.pk}
    ids["cupos_portal:sessions"] = {"pk": program.pk}
    sharing = first(referrals.filter(shared_documents__isnull=False).distinct())
    if sharing is not None:
        ids["portal:referral_document"] = {
            "pk": sharing.pk,
            "document_pk": sharing.shared_documents.order_by("pk").first().pk,
        }
    return ids


def urls_for(prefix, ids):
    """The paths to visit and the view names that could not be filled."""
    paths, unfilled = {}, []
    for name, kwargs in routes(prefix):
        if not kwargs:
            paths[name] = reverse(name)
        elif name in ids:
            paths[name] = reverse(name, kwargs=ids[name])
        else:
            unfilled.append(name)
    return paths, unfilled


def log_in(browser, live_server, username):
    page = browser.new_page(locale="es-CL", viewport=PHONE)
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/cuenta/ingresar/" not in url)
    return page


def axe_problems(page, label):
    """The serious and critical axe-core violations of the page shown, one line each."""
    violations = AXE.run(page).response["violations"]
    return [
        f"{label}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def sweep(page, live_server, screenshots, who, paths):
    """Visit each path at 390 px and at 1280 px; return the widths of the pages shown at 390 px,
    the names not shown, and axe-core's serious or critical violations at both widths."""
    widths, not_shown, problems = {}, [], []
    for name, path in sorted(paths.items()):
        # Ask first, without a browser: a POST-only view answers 405 with no body to render.
        response = page.request.get(live_server.url + path, max_redirects=0)
        shown = response.status == 200 and "text/html" in response.headers.get("content-type", "")
        if not shown:
            not_shown.append(f"{name} ({response.status})")
            continue
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        widths[name] = (width, page.evaluate(WIDEST) if width > PHONE["width"] else "")
        page.screenshot(
            path=screenshots / f"phone-{who}-{name.replace(':', '-')}.png", full_page=True
        )
        problems += axe_problems(page, f"390 {who} {name}")
        page.set_viewport_size(DESKTOP)
        problems += axe_problems(page, f"1280 {who} {name}")
    return widths, not_shown, problems


def test_no_team_or_partner_page_scrolls_sideways_on_a_phone_or_fails_axe(
    live_server, chromium, screenshots
):
    # given: the demo, with known passwords for three of its users
    call_command("demo", stdout=io.StringIO())
    for username in ("coordinacion.opv", "psicologa.opv", "omil.quillota"):
        user = User.objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    visits = [
        ("coordinacion.opv", "equipo/", team_ids),
        ("psicologa.opv", "equipo/", team_ids),
        ("omil.quillota", "red/", portal_ids),
    ]
    widths, not_shown, unfilled, problems = {}, [], [], []
    for username, prefix, ids in visits:
        paths, missing = urls_for(prefix, ids(User.objects.get(username=username)))
        unfilled += [f"{username} {name}" for name in missing]
        # when
        page = log_in(chromium, live_server, username)
        shown, skipped, found = sweep(page, live_server, screenshots, username, paths)
        problems += found
        page.close()
        widths.update({f"{username} {name}": width for name, width in shown.items()})
        not_shown += [f"{username} {name}" for name in skipped]
    # then
    print("\n".join(f"{w:>5}  {seen} {why}" for seen, (w, why) in sorted(widths.items())))
    print("not shown:", ", ".join(not_shown))
    assert {name.split()[1] for name in unfilled} <= DEMO_HAS_NONE, unfilled
    assert len(widths) > 60, f"Too few pages shown: {sorted(widths)}; not shown: {not_shown}"
    too_wide = {seen: w for seen, w in widths.items() if w[0] > PHONE["width"]}
    assert not too_wide, f"Pages wider than {PHONE['width']} px: {too_wide}"
    assert not problems, "axe-core, serious or critical:\n" + "\n".join(problems)
