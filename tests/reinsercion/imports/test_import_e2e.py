"""The import pages, in a browser: upload → preview (with errors, then fixed) → confirm, at
390 px and at 1280 px, with no sideways scroll and no serious or critical axe violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from reinsercion.people.models import Person
from reinsercion.people.rut import with_check_digit
from tests.factories import CohortFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "clave-de-importacion-123"
HEADER = "RUT;Nombres;Apellidos;Fecha de nacimiento;Comuna;Teléfono"


def check(page, axe, width, label, problems, screenshots):
    page.set_viewport_size({"width": width, "height": 900})
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    problems += [
        f"{width} {label}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
        for v in axe.run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        problems.append(f"{width} {label}: {scroll} px wide")
    page.screenshot(path=screenshots / f"import-{label}-{width}.png", full_page=True)


def test_a_coordinator_imports_a_roster_on_a_phone(
    live_server, chromium, screenshots, coordinator, opv, tmp_path
):
    cohort = CohortFactory(program=opv, ordinal=4, year=2026, starts_on=None)
    coordinator.set_password(PASSWORD)
    coordinator.save()
    ruts = [with_check_digit(21_000_000 + n) for n in range(3)]
    wrong = tmp_path / "listado.csv"
    wrong.write_text(
        "\n".join(
            [
                HEADER,
                f"{ruts[0]};María José;Pérez Soto;17-05-1990;Quillota;123",
                f"{ruts[1]};Berta;Rojas Díaz;31-02-1991;Valparaiso;",
                f"{ruts[1]};Carla;Muñoz;;Comuna Inventada;123",
            ]
        ),
        encoding="utf-8",
    )
    page = chromium.new_page(locale="es-CL", viewport={"width": 390, "height": 900})
    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.fill("#id_username", coordinator.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/cuenta/ingresar/" not in url)
    axe, problems = Axe(), []
    # the upload page
    page.goto(f"{live_server.url}/equipo/generaciones/{cohort.pk}/importar/")
    for width in (390, 1280):
        check(page, axe, width, "upload", problems, screenshots)
    # a sheet with errors: every one shown, with its row and column; nothing imported
    page.set_input_files("#id_file", str(wrong))
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/equipo/importar/" in url)
    text = page.inner_text("main")
    assert "Fila 3" in text and "Fecha inválida «31-02-1991»" in text
    assert "RUT duplicado: ya aparece en la fila 3." in text
    assert "Comuna desconocida «Comuna Inventada»" in text
    assert "Columna F (Teléfono): El número de teléfono ingresado no es válido." in text
    for width in (390, 1280):
        check(page, axe, width, "preview-errors", problems, screenshots)
    assert not Person.objects.filter(rut__in=ruts).exists()
    # fixed and uploaded again, then confirmed
    fixed = tmp_path / "listado-corregido.csv"
    fixed.write_text(
        "\n".join(
            [
                HEADER,
                f"{ruts[0]};María José;Pérez Soto;17-05-1990;Quillota;9 8765 4321",
                f"{ruts[1]};Berta;Rojas Díaz;28-02-1991;Valparaiso;",
                f"{ruts[2]};Carla;Muñoz;;Ñuñoa;",
            ]
        ),
        encoding="utf-8",
    )
    page.click("text=Subir la planilla corregida")
    page.set_input_files("#id_file", str(fixed))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Confirmar e importar 3 filas")
    for width in (390, 1280):
        check(page, axe, width, "preview-ready", problems, screenshots)
    page.click("text=Confirmar e importar 3 filas")
    page.wait_for_selector("text=Importación realizada")
    assert set(cohort.cases.values_list("person__rut", flat=True)) == set(ruts)
    berta = Person.objects.get(rut=ruts[1])
    assert berta.home_comuna.name == "Valparaíso"
    assert str(Person.objects.get(rut=ruts[0]).phone) == "+56987654321"
    for width in (390, 1280):
        check(page, axe, width, "done", problems, screenshots)
    page.close()
    assert not problems, "\n".join(problems)
