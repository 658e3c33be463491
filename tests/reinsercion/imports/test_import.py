"""Importing people, cases and a generation's roster: upload → preview → confirm."""

import datetime
import io

import pytest
import tablib
from auditlog.models import LogEntry

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reinsercion.cases.models import Case
from reinsercion.imports import actions, tasks
from reinsercion.imports.models import ImportBatch
from reinsercion.imports.spreadsheet import COLUMNS
from reinsercion.people.models import Person
from reinsercion.people.rut import with_check_digit
from reinsercion.programs.choices import Phase
from tests.factories import CohortFactory, PersonFactory, open_case

HEADER = "RUT;Nombres;Apellidos;Fecha de nacimiento;Programa;Generación;Fase;Fecha de ingreso"


def rut(n: int) -> str:
    return with_check_digit(20_000_000 + n)


def csv_file(*lines: str, name="listado.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([HEADER, *lines]).encode(), "text/csv")


def upload(client, user, file, url=None):
    client.force_login(user)
    return client.post(url or reverse("team:import_upload"), {"file": file}, follow=True)


@pytest.fixture
def cohort(opv):
    return CohortFactory(program=opv, ordinal=3, year=2026, starts_on=None)


def test_preview_shows_each_error_kind_with_row_and_column_and_writes_nothing(
    client, coordinator, opv, cohort
):
    # given: a generation with room for two more
    opv.max_cohort_size = 2
    opv.save()
    open_case(program=opv, actor=coordinator, cohort=cohort)
    people_before = Person.objects.count()
    file = csv_file(
        f"{rut(1)};Ana;Soto;17-05-1990;OPV;3;;01-03-2026",  # row 2: fine
        "12.345.678-9;Berta;Rojas;;OPV;3;;",  # row 3: wrong check digit
        f"{rut(1)};Ana;Soto;;OPV;3;;",  # row 4: repeated RUT
        f"{rut(2)};Carla;Díaz;;XYZ;;;",  # row 5: unknown program
        f"{rut(3)};Dora;Paz;;OPV;3;Ejecución;",  # row 6: phase of another program
        f"{rut(4)};Eva;Lira;;OPV;3;;",  # row 7: the generation is full after row 2
        f"{rut(5)};Fina;Mora;31-02-1990;OPV;3;;",  # row 8: no such date
        f"{rut(6)};Gina;Vera;;OPV;9;;",  # row 9: unknown generation
    )
    # when
    response = upload(client, coordinator, file)
    # then: one line per error, with its row and its column
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vista previa" in page
    expected = [
        ("Fila 2", "Crea la persona."),
        ("Fila 2", "Abre un caso en OPV en la 3ª generación (2026)."),
        ("Fila 3", "Columna A (RUT): RUT inválido «12.345.678-9»: El dígito verificador"),
        ("Fila 4", "Columna A (RUT): RUT duplicado: ya aparece en la fila 2."),
        ("Fila 5", "Columna E (Programa): Programa desconocido «XYZ»"),
        ("Fila 6", "Columna G (Fase): Fase desconocida «Ejecución» para OPV"),
        ("Fila 7", "Columna F (Generación): La 3ª generación (2026) ya tiene 2 integrantes"),
        ("Fila 8", "Columna D (Fecha de nacimiento): Fecha inválida «31-02-1990»"),
        ("Fila 9", "Columna F (Generación): La generación «9» no existe en OPV."),
    ]
    for row, text in expected:
        assert text in page, text
        assert page.index(row) < page.index(text)
    assert "no se importará nada" in page
    assert "Confirmar e importar" not in page
    # and nothing was written
    assert Person.objects.count() == people_before
    assert cohort.cases.count() == 1


def test_nothing_is_written_until_the_user_confirms_and_the_imported_case_is_audited(
    client, coordinator, opv, cohort
):
    file = csv_file(
        f"{rut(1)};Ana;Soto;17-05-1990;OPV;3;Extrapenitenciaria;01-03-2026",
        f"{rut(2)};Berta;Rojas;;OPV;3;;",
    )
    response = upload(client, coordinator, file)
    assert "Confirmar e importar 2 filas" in response.content.decode()
    assert "Lo deja en la fase Extrapenitenciaria." in response.content.decode()
    assert not Person.objects.filter(rut__in=[rut(1), rut(2)]).exists()
    batch = ImportBatch.objects.get()
    # when: the coordinator confirms
    response = client.post(batch.get_absolute_url(), follow=True)
    # then
    assert "Importación realizada: listado.csv" in response.content.decode()
    assert "Se importaron 2 filas" in response.content.decode()
    case = Case.objects.get(person__rut=rut(1))
    assert case.cohort == cohort
    assert case.phase == Phase.EXTRA_PENITENTIARY
    assert case.opened_on == datetime.date(2026, 3, 1)
    assert case.person.birth_date == datetime.date(1990, 5, 17)
    audited = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_pk=str(case.pk)
    )
    assert audited.filter(actor=coordinator, action=LogEntry.Action.CREATE).exists()
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person),
        object_pk=str(case.person.pk),
        actor=coordinator,
    ).exists()
    batch.refresh_from_db()
    assert batch.confirmed_at and batch.rows == []
    # a second confirmation imports nothing more
    client.post(batch.get_absolute_url())
    assert Case.objects.filter(person__rut=rut(1)).count() == 1


def test_a_file_with_errors_is_fixed_and_uploaded_again(client, coordinator, opv, cohort):
    response = upload(client, coordinator, csv_file(f"{rut(1)};Ana;Soto;1990/05/17;OPV;3;;"))
    assert "Fecha inválida «1990/05/17»" in response.content.decode()
    # confirming a preview with errors does nothing
    client.post(ImportBatch.objects.get().get_absolute_url())
    assert not Person.objects.filter(rut=rut(1)).exists()
    # when: the corrected file is uploaded
    upload(client, coordinator, csv_file(f"{rut(1)};Ana;Soto;17/05/1990;OPV;3;;"))
    client.post(ImportBatch.objects.latest("pk").get_absolute_url())
    # then
    assert Person.objects.get(rut=rut(1)).birth_date == datetime.date(1990, 5, 17)


def test_an_existing_person_is_updated_and_its_open_case_kept(client, coordinator, opv, cohort):
    person = PersonFactory(rut=rut(1), first_names="Ana", last_names="Soto")
    case = open_case(program=opv, actor=coordinator, cohort=cohort, person=person)
    response = upload(client, coordinator, csv_file(f"{rut(1)};Ana María;Soto;18-05-1990;OPV;3;;"))
    page = response.content.decode()
    assert "Actualiza la persona (nombres, fecha de nacimiento)." in page
    assert "Ya tiene un caso abierto en OPV, sin cambios." in page
    client.post(ImportBatch.objects.get().get_absolute_url())
    person.refresh_from_db()
    assert person.first_names == "Ana María"
    assert Case.objects.filter(person=person).get() == case


def test_a_person_followed_only_by_another_program_is_not_taken_in_by_a_sheet(
    client, coordinator, opv, lae, lae_professional, cohort
):
    # given: a person the OPV coordinator may not see (only an LAE case)
    person = PersonFactory(rut=rut(1), first_names="Rosa", last_names="Araya")
    open_case(program=lae, actor=lae_professional, person=person)
    # when: her RUT and name come in an OPV sheet
    response = upload(client, coordinator, csv_file(f"{rut(1)};Rosa;Araya;;OPV;3;;"))
    # then: the preview refuses the row, and confirming it opens nothing
    page = response.content.decode()
    assert "con un caso en un programa al que usted no tiene acceso" in page
    assert "Persona ya registrada" not in page
    client.post(ImportBatch.objects.get().get_absolute_url())
    assert not Case.objects.filter(person=person, program=opv).exists()
    client.force_login(coordinator)
    assert client.get(reverse("team:person_detail", args=[person.pk])).status_code == 404


def test_a_generation_roster_is_imported_from_xlsx_on_the_generation(
    client, coordinator, opv, cohort
):
    # given: an XLSX with real date cells and neither program nor generation columns
    sheet = tablib.Dataset(headers=["RUT", "Nombres", "Apellidos", "Fecha de nacimiento"])
    sheet.append([rut(1), "Ana", "Soto", datetime.datetime(1990, 5, 17)])
    sheet.append([rut(2), "Berta", "Rojas", None])
    file = SimpleUploadedFile("generacion.xlsx", sheet.export("xlsx"))
    # when
    response = upload(client, coordinator, file, reverse("team:cohort_import", args=[cohort.pk]))
    assert "listado de la 3ª generación (2026)" in response.content.decode()
    response = client.post(ImportBatch.objects.get().get_absolute_url(), follow=True)
    # then: both are members of the generation, linked from the result
    assert f'href="{cohort.get_absolute_url()}">Ver la 3ª generación (2026)' in (
        response.content.decode()
    )
    assert set(cohort.cases.values_list("person__rut", flat=True)) == {rut(1), rut(2)}
    assert Person.objects.get(rut=rut(1)).birth_date == datetime.date(1990, 5, 17)


def test_an_unreadable_file_is_refused_in_spanish(client, coordinator, opv):
    response = upload(client, coordinator, SimpleUploadedFile("listado.xlsx", b"not a spreadsheet"))
    assert "No se pudo leer el archivo como planilla Excel (.xlsx)." in response.content.decode()
    response = upload(client, coordinator, SimpleUploadedFile("listado.csv", b"Nombre;Edad\nAna;3"))
    assert "Faltan columnas obligatorias: RUT, Nombres, Apellidos." in response.content.decode()
    # bytes that are neither UTF-8 nor Windows-1252 (0x81)
    garbled = SimpleUploadedFile("listado.csv", b"RUT;Nombres;Apellidos\n1;\x81\xe9;x\n")
    response = upload(client, coordinator, garbled)
    assert response.status_code == 200
    assert "guárdelo como «CSV UTF-8»" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_template_spreadsheet_has_every_column(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("team:import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="planilla-importacion.xlsx"'
    sheet = tablib.Dataset().load(response.content, format="xlsx")
    assert sheet.headers == [c.header for c in COLUMNS]
    assert sheet[0][0] == "12.345.678-5"


def test_only_coordination_imports(client, coordinator, professional, supervisor, opv, cohort):
    urls = [
        reverse("team:import_upload"),
        reverse("team:import_template"),
        reverse("team:cohort_import", args=[cohort.pk]),
    ]
    for user in (professional, supervisor):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (user, url)
        assert (
            client.post(urls[0], {"file": csv_file(f"{rut(1)};Ana;Soto;;;;;")}).status_code == 403
        )
    # another user's pending import is not found
    upload(client, coordinator, csv_file(f"{rut(1)};Ana;Soto;;;;;"))
    batch = ImportBatch.objects.get()
    client.force_login(professional)
    assert client.get(batch.get_absolute_url()).status_code == 404
    assert client.post(batch.get_absolute_url()).status_code == 404
    assert not Person.objects.filter(rut=rut(1)).exists()
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_a_large_sheet_is_checked_in_the_background_while_the_page_refreshes(
    client, coordinator, opv, cohort
):
    # given: an upload whose preview task has not run yet
    batch = actions.upload(
        actor=coordinator,
        content="\n".join([HEADER, f"{rut(1)};Ana;Soto;;OPV;3;;"]).encode(),
        filename="grande.csv",
    )
    client.force_login(coordinator)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Revisando la planilla fila por fila" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "Confirmar e importar" not in page
    # confirming before the preview is ready does nothing
    client.post(batch.get_absolute_url())
    assert not Person.objects.filter(rut=rut(1)).exists()
    # when: the worker runs the task
    tasks.preview_batch.call(batch.pk)
    # then
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Confirmar e importar 1 fila" in page
    assert "http-equiv" not in page


def test_the_import_pages_take_few_queries(
    client, coordinator, opv, cohort, django_assert_max_num_queries
):
    upload(client, coordinator, csv_file(*(f"{rut(n)};P{n};Q{n};;OPV;3;;" for n in range(1, 15))))
    batch = ImportBatch.objects.get()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("team:import_upload")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("team:cohort_import", args=[cohort.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(batch.get_absolute_url()).status_code == 200


def test_the_daily_sweep_deletes_sheets_older_than_a_day(client, coordinator, opv, cohort):
    # given: yesterday's imported sheet and one just uploaded
    upload(client, coordinator, csv_file(f"{rut(1)};Ana;Soto;;OPV;3;;"))
    old = ImportBatch.objects.get()
    client.post(old.get_absolute_url())
    upload(client, coordinator, csv_file(f"{rut(2)};Berta;Rojas;;OPV;3;;"))
    ImportBatch.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    # when
    out = io.StringIO()
    call_command("sweep_imports", stdout=out)
    # then: the old sheet (RUTs and names) is gone, the fresh one and the imported case stay
    assert "1 planilla(s) borrada(s)." in out.getvalue()
    assert list(ImportBatch.objects.values_list("preview", flat=True).exclude(pk=old.pk))
    assert not ImportBatch.objects.filter(pk=old.pk).exists()
    assert Person.objects.filter(rut=rut(1)).exists()
