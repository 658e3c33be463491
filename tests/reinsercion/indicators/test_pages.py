"""The indicator pages: who reads them, what they show, their exports and the report PDF."""

import datetime
import io
import re

import openpyxl
import pytest
from pypdf import PdfReader

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reinsercion.indicators.models import IndicatorSnapshot
from reinsercion.programs.choices import Role
from reinsercion.programs.models import Cohort, User
from tests.paperwork import assert_on_the_letterhead, save_example

from ...factories import UserFactory, member, open_case
from ..activity_helpers import at, record, travel

pytestmark = pytest.mark.django_db

MARCH = {"periodo": "month", "anio": 2026, "mes": 3}
TODAY = datetime.date(2026, 4, 10)


def lae_cases(lae, actor, n, events_in_march=4):
    cases = []
    for _ in range(n):
        case = open_case(program=lae, actor=actor, professionals=[actor])
        for day in (2, 9, 16, 23, 30)[:events_in_march]:
            record(case, actor, at(2026, 3, day))
        cases.append(case)
    return cases


# Who reads the indicators -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["team:indicators", "team:program_indicators"])
def test_a_professional_gets_403(client_for, lae, lae_professional, name):
    args = ["LAE"] if name == "team:program_indicators" else []
    response = client_for(lae_professional).get(reverse(name, args=args))
    assert response.status_code == 403


def test_another_programs_indicators_are_404(client_for, director, lae):
    # given: the OPV director
    client = client_for(director)
    # then: LAE's page, its exports and its report do not exist for them
    for name, args in [
        ("team:program_indicators", ["LAE"]),
        ("team:program_indicators_export", ["LAE", "indicadores"]),
        ("team:program_indicators_pdf", ["LAE"]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.get(reverse("team:program_indicators", args=["OPV"])).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("team:program_indicators", args=["LAE"]))
    assert response.status_code == 302
    assert "/cuenta/ingresar/" in response.url


@pytest.mark.parametrize("role", [Role.COORDINATION, Role.SUPERVISION, Role.DIRECTION])
def test_the_navigation_shows_indicators_to_coordination_supervision_and_direction(
    client_for, opv, role
):
    user = member(UserFactory(username=f"u_{role}"), opv, role)
    page = client_for(user).get(reverse("team:home")).content.decode()
    assert f'href="{reverse("team:indicators")}"' in page


def test_the_navigation_hides_indicators_from_professionals(client_for, professional):
    page = client_for(professional).get(reverse("team:home")).content.decode()
    assert f'href="{reverse("team:indicators")}"' not in page


# What the pages show ----------------------------------------------------------------------


def test_the_program_page_shows_the_figure_its_target_and_its_definition(
    client_for, lae, lae_professional, lae_director
):
    # given: 9 of 10 youths with four events in March, one with three
    lae_cases(lae, lae_professional, 9)
    lae_cases(lae, lae_professional, 1, events_in_march=3)
    # when
    with travel(TODAY):
        page = client_for(lae_director).get(reverse("team:program_indicators", args=["LAE"]), MARCH)
    body = page.content.decode()
    # then
    assert "Jóvenes con al menos 4 eventos de acompañamiento cada mes" in body
    assert "<strong>90,0 %</strong>" in body
    assert "9 de 10" in body
    assert "Meta 90 %" in body and "cumple la meta" in body
    assert "<summary>Definición</summary>" in body
    assert "indicador de componente (meta 90 %)" in body
    assert "cumple 0 de 1 mes;" in body
    assert "03-2026 (3 eventos)" in body
    assert "marzo 2026" in body and "comparado con febrero 2026" in body
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body and "Meta 90 %</text>" in body


def test_the_overview_compares_with_the_previous_period(
    client_for, lae, lae_professional, lae_director
):
    # given: in February 1 of 2 youths met the minimum, in March both
    cases = lae_cases(lae, lae_professional, 2)
    for day in (2, 9, 16, 23):
        record(cases[0], lae_professional, at(2026, 2, day))
    # when
    with travel(TODAY):
        body = client_for(lae_director).get(reverse("team:indicators"), MARCH).content.decode()
    # then
    assert "<strong>100,0 %</strong>" in body
    assert "Periodo anterior: 50,0 % (1 de 2); +50,0 puntos" in body
    assert reverse("team:program_indicators", args=["LAE"]) in body


def test_indicator_pages_do_not_grow_in_queries_with_the_cases(
    client_for, lae, lae_professional, lae_director, django_assert_max_num_queries
):
    client = client_for(lae_director)
    counts = []
    for more in (2, 6):  # 2 cases, then 8
        lae_cases(lae, lae_professional, more)
        for name, args in [("team:program_indicators", ["LAE"]), ("team:indicators", [])]:
            IndicatorSnapshot.objects.all().delete()  # computed in the request, not stored
            with travel(TODAY), CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name, args=args), MARCH).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]
    IndicatorSnapshot.objects.all().delete()
    with travel(TODAY), django_assert_max_num_queries(40):
        client.get(reverse("team:program_indicators", args=["LAE"]), MARCH)
    # and read back from the stored report, a handful
    with travel(TODAY), django_assert_max_num_queries(10):
        client.get(reverse("team:program_indicators", args=["LAE"]), MARCH)


# Exports and the report -------------------------------------------------------------------


def test_the_xlsx_export_holds_the_figures(client_for, lae, lae_professional, lae_director):
    lae_cases(lae, lae_professional, 3)
    lae_cases(lae, lae_professional, 1, events_in_march=2)
    with travel(TODAY):
        response = client_for(lae_director).get(
            reverse("team:program_indicators_export", args=["LAE", "indicadores"]),
            {**MARCH, "formato": "xlsx", "finalidad": "informe mensual"},
        )
    assert response.status_code == 200
    assert "lae-indicadores-20260301-20260331.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Indicador", "Numerador", "Denominador", "%", "Meta (%)")
    events = rows[1]
    assert events[0] == "Jóvenes con al menos 4 eventos de acompañamiento cada mes"
    assert events[1:5] == (3, 4, 75, 90)


def test_the_csv_export_is_for_a_chilean_excel(client_for, lae, lae_professional, lae_director):
    lae_cases(lae, lae_professional, 1, events_in_march=2)
    with travel(TODAY):
        response = client_for(lae_director).get(
            reverse("team:program_indicators_export", args=["LAE", "bajo-el-minimo"]),
            {**MARCH, "formato": "csv", "finalidad": "informe mensual"},
        )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffCaso;Persona;Meses que cumple;Meses evaluados;")
    assert ";0;1;03-2026: 2" in text


def test_an_unknown_table_or_format_is_404(client_for, lae, lae_director):
    client = client_for(lae_director)
    url = reverse("team:program_indicators_export", args=["LAE", "nada"])
    assert client.get(url, {"formato": "xlsx"}).status_code == 404
    url = reverse("team:program_indicators_export", args=["LAE", "indicadores"])
    assert client.get(url, {"formato": "ods"}).status_code == 404


def test_the_management_report_pdf(client_for, lae, lae_professional, lae_director):
    lae_cases(lae, lae_professional, 2)
    with travel(TODAY):
        response = client_for(lae_director).get(
            reverse("team:program_indicators_pdf", args=["LAE"]), MARCH
        )
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Informe de gestión" in text
    assert "Libertad Asistida Especial (LAE)" in text
    assert "marzo 2026" in text
    assert "100,0 % (2 de 2)" in text
    assert "Numerador:" in text and "Documento:" in text
    assert_on_the_letterhead(response.content, "Informe de gestión", "Libertad Asistida Especial")
    save_example("informe-de-gestion.pdf", response.content)


# OPV on the demo ----------------------------------------------------------------------------


def test_the_opv_team_table_reproduces_the_published_results_on_the_demo(client_for):
    # given: the demo (OPV generations 2012–2018) and its director
    call_command("demo_casos", stdout=io.StringIO())
    director = User.objects.get(username="direccion")
    # when: the years of the OPV document
    page = client_for(director).get(
        reverse("team:program_indicators", args=["OPV"]),
        {"periodo": "range", "desde": "2012-01-01", "hasta": "2016-12-31"},
    )
    # then: the generations' rows and the total, every cell shown, the counting rule stated
    table = page.content.decode().split('id="generaciones"')[1].split("</table>")[0]
    rows = [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]
    body = {row[1]: row[2:7] for row in rows[1:-1]}
    assert body == {
        "2012": ["10", "9", "90", "1", "10"],
        "2013": ["9", "8", "89", "1", "11"],
        "2014": ["9", "8", "89", "1", "11"],
        "2015": ["9", "9", "100", "0", "0"],
        "2016": ["12", "11", "92", "1", "8"],
    }
    assert rows[-1][:7] == ["Total", "", "49", "45", "92", "4", "8"]
    assert all(row[-1] == "Seguimiento cerrado" for row in rows[1:-1])
    assert "al menos 4 meses de intervención en la fase intrapenitenciaria" in table
    # and the later generations (anchored to the day the demo runs) show their follow-up status
    sixth, seventh = (Cohort.objects.get(program__code="OPV", ordinal=n) for n in (6, 7))
    later = client_for(director).get(
        reverse("team:program_indicators", args=["OPV"]),
        {"periodo": "range", "desde": f"{sixth.year}-01-01", "hasta": f"{seventh.year}-12-31"},
    )
    text = later.content.decode()
    assert "En seguimiento (0 de 11 cerrados)" in text
    assert "En intervención intrapenitenciaria" in text


def test_the_directors_home_points_to_the_indicators(client_for, director, professional):
    home = client_for(director).get(reverse("team:home")).content.decode()
    assert "Indicadores de sus programas" in home
    assert f'class="button" href="{reverse("team:indicators")}"' in home
    home = client_for(professional).get(reverse("team:home")).content.decode()
    assert "Indicadores de sus programas" not in home
