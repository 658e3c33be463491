"""The work queues: «Por visar» for supervision and coordination, «Devueltos» for the author,
on the home page with their counts, and the count in the navigation."""

import re

import pytest

from django.urls import reverse

from reinsercion.plans import actions as plan_actions
from reinsercion.programs.choices import Role

from ...factories import UserFactory, member, open_case
from ..assessment_factories import assess, configured_version, plan_with_objectives


@pytest.fixture
def version(db):
    return configured_version()


@pytest.fixture
def lae_supervisor(lae):
    return member(UserFactory(username="st_lae", first_name="Sara"), lae, Role.SUPERVISION)


@pytest.fixture
def sent_plan(lae_case, lae_professional, version):
    """A plan the case manager sent to supervision."""
    assess(lae_case, lae_professional, version, peers=2, attitudes=2, employment=2, history=0)
    plan = plan_with_objectives(lae_case, lae_professional, version)
    plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    return plan


def queue(body, key):
    """The titles listed in one queue of the home page, and its count."""
    block = body.split(f'data-queue="{key}"')[1].split("</div>")[0]
    count = int(re.search(r'<span class="count">(\d+)</span>', block).group(1))
    return count, re.findall(r'<a href="[^"]+">([^<]+)</a>', block)


def nav_count(body):
    nav = body.split('class="team-nav"')[1].split("</nav>")[0]
    found = re.search(r"nav-count[^>]*>(\d+)<", nav)
    return int(found.group(1)) if found else 0


def test_a_plan_sent_for_review_waits_in_the_supervisors_por_visar(
    sent_plan, lae_case, lae_supervisor, lae_professional, client_for
):
    # when the supervisor opens her home page
    body = client_for(lae_supervisor).get(reverse("team:home")).content.decode()
    # then the plan is in «Por visar», with the count there and in the navigation
    count, titles = queue(body, "to_review")
    assert count == 1 and titles == [f"PII versión 1 · {lae_case.person.full_name}"]
    assert nav_count(body) == 1
    # and the author has nothing returned and no «Por visar» queue at all
    author = client_for(lae_professional).get(reverse("team:home")).content.decode()
    assert 'data-queue="to_review"' not in author
    assert queue(author, "returned") == (0, [])
    assert nav_count(author) == 0


def test_a_returned_plan_leaves_por_visar_and_waits_in_the_authors_devueltos(
    sent_plan, lae_case, lae_supervisor, lae_professional, client_for
):
    # when supervision returns it with comments
    plan_actions.transition_plan(
        plan=sent_plan, actor=lae_supervisor, to_status="returned", comment="Precisar acciones."
    )
    # then it is in the author's «Devueltos»
    author = client_for(lae_professional).get(reverse("team:home")).content.decode()
    count, titles = queue(author, "returned")
    assert count == 1
    assert titles == [f"PII versión 1 · {lae_case.person.full_name} · devuelto con observaciones"]
    assert nav_count(author) == 1
    # and no longer in the supervisor's «Por visar»
    supervisor = client_for(lae_supervisor).get(reverse("team:home")).content.decode()
    assert queue(supervisor, "to_review") == (0, [])
    # and once the author sends it again, it moves back
    plan_actions.update_plan(plan=sent_plan, actor=lae_professional, development="Detalle")
    plan_actions.transition_plan(plan=sent_plan, actor=lae_professional, to_status="in_review")
    author = client_for(lae_professional).get(reverse("team:home")).content.decode()
    assert queue(author, "returned") == (0, [])
    supervisor = client_for(lae_supervisor).get(reverse("team:home")).content.decode()
    assert queue(supervisor, "to_review")[0] == 1


def test_another_programs_supervisor_sees_nothing_of_it(sent_plan, supervisor, client_for):
    # the OPV supervisor does not supervise LAE
    body = client_for(supervisor).get(reverse("team:home")).content.decode()
    assert queue(body, "to_review") == (0, [])


def test_the_home_page_queries_do_not_grow_with_the_queue(
    lae,
    lae_case,
    lae_professional,
    lae_supervisor,
    version,
    client_for,
    django_assert_max_num_queries,
):
    client = client_for(lae_supervisor)

    def measure():
        with django_assert_max_num_queries(30) as captured:
            response = client.get(reverse("team:home"))
        assert response.status_code == 200
        return len(captured)

    assess(lae_case, lae_professional, version, peers=2, attitudes=2, employment=2, history=0)
    plan = plan_with_objectives(lae_case, lae_professional, version)
    plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    measure()
    few = measure()
    for _ in range(3):
        other = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
        assess(other, lae_professional, version, peers=2, attitudes=2, employment=2, history=0)
        plan = plan_with_objectives(other, lae_professional, version)
        plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
    measure()  # the cached counts of the caseload are counted again once
    assert measure() == few
    body = client.get(reverse("team:home")).content.decode()
    assert queue(body, "to_review")[0] == 4


def test_a_long_queue_lists_the_oldest_and_counts_them_all(
    lae, lae_professional, lae_supervisor, version, client_for, monkeypatch
):
    # given four plans sent for review one after another, and a home page that lists two
    monkeypatch.setattr("reinsercion.cases.views.HOME_QUEUE_ITEMS", 2)
    names = []
    for _ in range(4):
        case = open_case(program=lae, actor=lae_professional, professionals=[lae_professional])
        assess(case, lae_professional, version, peers=2, attitudes=2, employment=2, history=0)
        plan = plan_with_objectives(case, lae_professional, version)
        plan_actions.transition_plan(plan=plan, actor=lae_professional, to_status="in_review")
        names.append(case.person.full_name)
    # when the supervisor opens her home page
    body = client_for(lae_supervisor).get(reverse("team:home")).content.decode()
    # then the queue counts all four, lists the two that wait longest, and says how many more
    count, titles = queue(body, "to_review")
    assert count == 4
    assert titles == [f"PII versión 1 · {name}" for name in names[:2]]
    assert "Y 2 más." in body
    assert nav_count(body) == 4
