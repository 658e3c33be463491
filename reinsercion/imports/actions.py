"""Importing people and cases from a spreadsheet: upload, preview, confirm.

Every row goes through the same actions as the forms (``create_person``, ``update_person``,
``open_case``, ``update_case``, ``move_case_phase``): validated and audited the same way. The
preview runs them inside a transaction that is rolled back, so it shows exactly what the
confirmation will do (a full generation, a duplicate, a refused permission) and writes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reinsercion.cases import actions as case_actions
from reinsercion.cases.models import Case
from reinsercion.imports.models import ImportBatch, Status
from reinsercion.imports.spreadsheet import BY_KEY, column_label, read_rows
from reinsercion.people import actions as people_actions
from reinsercion.people.choices import Sex
from reinsercion.people.models import Comuna, Person
from reinsercion.people.rut import format_rut, normalize_rut
from reinsercion.people.search import normalise
from reinsercion.programs import permissions
from reinsercion.programs.choices import Phase
from reinsercion.programs.models import Cohort, Program, User

PERSON_KEYS = ("first_names", "last_names", "birth_date", "sex", "nationality")
PERSON_KEYS += ("address", "phone")
# Where an action's error on a model field is shown: the spreadsheet column it came from.
FIELD_COLUMNS = {
    **{key: key for key in ("rut", *PERSON_KEYS, "opened_on")},
    "person": "rut",
    "home_comuna": "comuna",
    "cohort": "cohort",
    "program": "program",
    "to_phase": "phase",
    "on_date": "opened_on",
}
SEXES = (
    {normalise(label): value for value, label in Sex.choices}
    | {normalise(value): value for value in Sex.values}
    | {"f": Sex.FEMALE, "m": Sex.MALE, "femenino": Sex.FEMALE, "masculino": Sex.MALE}
)
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
STALE_AFTER = datetime.timedelta(days=1)


class RowError(Exception):
    """A value of the row that no action could take (a bad date)."""

    def __init__(self, key, message):
        super().__init__(message)
        self.key = key
        self.message = message


@dataclass
class RowResult:
    row: int
    rut: str
    name: str
    changes: list[str] = field(default_factory=list)
    errors: list[tuple[str | None, str]] = field(default_factory=list)

    def as_dict(self, columns) -> dict:
        return {
            "row": self.row,
            "rut": self.rut,
            "name": self.name,
            "changes": self.changes,
            "errors": [
                {"column": column_label(key, columns), "message": message}
                for key, message in self.errors
            ],
        }


def ensure_can_import(actor, cohort=None):
    if cohort is not None:
        if not permissions.can_manage_program(actor, cohort.program):
            raise PermissionDenied("Solo la coordinación del programa importa su listado.")
    elif not (
        actor.is_superuser
        or any(permissions.can_manage_program(actor, p) for p in permissions.programs_of(actor))
    ):
        raise PermissionDenied("Solo la coordinación de un programa importa planillas.")


def upload(*, actor: User, content: bytes, filename: str, cohort: Cohort | None = None):
    """Read the spreadsheet and keep it on the server; its preview is left to a background
    task (the view enqueues ``tasks.preview_batch``, which calls ``preview``). Nothing else
    is written."""
    ensure_can_import(actor, cohort)
    columns, rows = read_rows(content, filename)
    ImportBatch.objects.filter(
        created_by=actor, created_at__lt=timezone.now() - STALE_AFTER
    ).delete()
    batch = ImportBatch(
        created_by=actor, cohort=cohort, filename=filename[:200], columns=columns, rows=rows
    )
    batch.save()
    return batch


def preview(*, batch: ImportBatch) -> ImportBatch:
    """What each row would do, through the actions, rolled back."""
    batch.preview = run(batch=batch, actor=batch.created_by, commit=False)
    batch.status = Status.READY
    batch.save(update_fields=["preview", "status"])
    return batch


def request_import(*, batch: ImportBatch, actor: User) -> ImportBatch:
    """The user confirms a preview without errors; the import itself runs in the background
    (the view enqueues ``tasks.import_batch``, which calls ``confirm``)."""
    ensure_can_import(actor, batch.cohort)
    if batch.created_by_id != actor.pk or batch.status != Status.READY or batch.error_count:
        raise PermissionDenied("Esta importación no está lista para confirmarse.")
    batch.status = Status.IMPORTING
    batch.save(update_fields=["status"])
    return batch


@transaction.atomic
def confirm(*, batch: ImportBatch, actor: User) -> list[dict]:
    """Import every row, or none: when a row fails now (the data changed since the preview),
    nothing is written and the batch shows the new preview."""
    ensure_can_import(actor, batch.cohort)
    if batch.created_by_id != actor.pk or batch.confirmed_at:
        raise PermissionDenied("Esta importación no está pendiente.")
    results = run(batch=batch, actor=actor, commit=True)
    batch.preview = results
    if any(r["errors"] for r in results):
        batch.status = Status.READY
        batch.save(update_fields=["preview", "status"])
        return results
    batch.rows = []
    batch.status = Status.DONE
    batch.confirmed_at = timezone.now()
    batch.save(update_fields=["preview", "rows", "status", "confirmed_at"])
    return results


def run(*, batch: ImportBatch, actor: User, commit: bool) -> list[dict]:
    """Apply every row through the actions; roll everything back unless ``commit`` and no
    row failed. Returns one result per row."""
    importer = _Importer(actor=actor, cohort=batch.cohort)
    with transaction.atomic():
        results = [importer.apply(row).as_dict(batch.columns) for row in batch.rows]
        if not commit or any(r["errors"] for r in results):
            transaction.set_rollback(True)
    return results


def _date(value: str, key: str) -> datetime.date | None:
    if not value:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RowError(key, f"Fecha inválida «{value}»: use el formato dd-mm-aaaa.")


def _messages(error: ValidationError):
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            key = FIELD_COLUMNS.get(name)
            for message in errors:
                yield key, message
    else:
        for message in error.messages:
            yield None, message


class _Importer:
    """Applies rows one by one, remembering what earlier rows of the same file did."""

    def __init__(self, *, actor, cohort):
        self.actor = actor
        self.cohort = cohort
        self.seen = {}
        self.programs = {normalise(p.code): p for p in Program.objects.all()}
        self.comunas = {c.search_name: c for c in Comuna.objects.all()}
        self.cohorts = {}

    def apply(self, row: dict) -> RowResult:
        result = RowResult(
            row=row["_row"],
            rut=row.get("rut", ""),
            name=f"{row.get('first_names', '')} {row.get('last_names', '')}".strip(),
        )
        try:
            with transaction.atomic():
                self._apply(row, result)
        except RowError as e:
            result.errors.append((e.key, e.message))
        except ValidationError as e:
            result.errors.extend(_messages(e))
        except PermissionDenied as e:
            result.errors.append((None, str(e) or "Sin permiso."))
        if result.errors:
            result.changes = []
        return result

    def _program(self, row, errors):
        cohort = self.cohort
        if cohort is not None:
            program = cohort.program
            given = row.get("program", "")
            if given and normalise(given) != normalise(program.code):
                errors.append(("program", f"Este listado es de {program.code}, no de «{given}»."))
            given = row.get("cohort", "")
            if given and given != str(cohort.ordinal):
                errors.append(("cohort", f"Este listado es de la {cohort}, no de la «{given}»."))
        else:
            code = row.get("program", "")
            if not code:
                if row.get("cohort") or row.get("phase"):
                    errors.append(("program", "Indique el programa del caso."))
                return None, None, None
            program = self.programs.get(normalise(code))
            if program is None:
                known = ", ".join(sorted(p.code for p in self.programs.values()))
                errors.append(("program", f"Programa desconocido «{code}» (programas: {known})."))
                return None, None, None
            ordinal = row.get("cohort", "")
            cohort = None
            if ordinal:
                cohort = self._cohort(program, ordinal)
                if cohort is None:
                    errors.append(
                        ("cohort", f"La generación «{ordinal}» no existe en {program.code}.")
                    )
        if not permissions.can_manage_program(self.actor, program):
            errors.append(("program", f"Solo la coordinación de {program.code} importa casos."))
        phase = None
        if row.get("phase"):
            wanted = normalise(row["phase"])
            phase = next(
                (p for p in program.phases if wanted in (normalise(p), normalise(Phase(p).label))),
                None,
            )
            if phase is None or phase == program.terminal_phase:
                labels = ", ".join(Phase(p).label for p in program.phases[:-1])
                errors.append(
                    (
                        "phase",
                        f"Fase desconocida «{row['phase']}» para {program.code} (fases: {labels}).",
                    )
                )
        return program, cohort, phase

    def _cohort(self, program, ordinal):
        key = (program.pk, ordinal)
        if key not in self.cohorts:
            try:
                number = int(ordinal.rstrip("ªº° ").strip())
            except ValueError:
                number = None
            self.cohorts[key] = (
                Cohort.objects.filter(program=program, ordinal=number).first()
                if number is not None
                else None
            )
        return self.cohorts[key]

    def _apply(self, row, result):
        data, program, cohort, phase = self._parse(row, result)
        if result.errors:
            return
        actor = self.actor
        rut = data.pop("rut")
        opened_on = data.pop("opened_on")
        person = Person.objects.filter(rut=rut).first()
        if person is None:
            person = people_actions.create_person(actor=actor, rut=rut, **data)
            result.changes.append("Crea la persona.")
        elif not person.is_visible_to(actor):
            # As on the screens (CaseCreateView): a person followed only by programs the user
            # does not work in is neither shown nor taken into her program by a sheet.
            raise RowError(
                "rut",
                f"Ya existe una persona con el RUT {format_rut(rut)}, con un caso en un programa "
                "al que usted no tiene acceso: esta fila no se importa. Si la persona ingresa "
                "también a su programa, coordínelo con ese programa.",
            )
        else:
            changed = {k: v for k, v in data.items() if getattr(person, k) != v}
            if changed:
                people_actions.update_person(person=person, actor=actor, **changed)
                labels = ", ".join(BY_KEY[FIELD_COLUMNS[k]].header.lower() for k in changed)
                result.changes.append(f"Actualiza la persona ({labels}).")
            else:
                result.changes.append("Persona ya registrada, sin cambios.")
        if program is None:
            return
        case = (
            Case.objects.filter(person=person, program=program)
            .exclude(phase=program.terminal_phase)
            .first()
        )
        if case is not None:
            if cohort is not None and case.cohort_id != cohort.pk:
                case_actions.update_case(case=case, actor=actor, cohort=cohort)
                result.changes.append(f"Cambia el caso de {program.code} a la {cohort}.")
            else:
                result.changes.append(f"Ya tiene un caso abierto en {program.code}, sin cambios.")
            return
        case = case_actions.open_case(
            person=person, program=program, actor=actor, opened_on=opened_on, cohort=cohort
        )
        where = f" en la {cohort}" if cohort else ""
        result.changes.append(f"Abre un caso en {program.code}{where}.")
        if phase and phase != case.phase:
            for step in program.phases[1 : program.phases.index(phase) + 1]:
                case_actions.move_case_phase(
                    case=case, to_phase=step, actor=actor, on_date=case.opened_on
                )
            result.changes.append(f"Lo deja en la fase {Phase(phase).label}.")

    def _parse(self, row, result):
        """Everything the row says, checked before any action: all its errors at once."""
        errors = result.errors
        data = {}
        try:
            data["rut"] = normalize_rut(row.get("rut", ""))
            result.rut = format_rut(data["rut"])
        except ValidationError as e:
            errors.append(("rut", f"RUT inválido «{row.get('rut', '')}»: {e.messages[0]}"))
        else:
            if data["rut"] in self.seen:
                errors.append(
                    ("rut", f"RUT duplicado: ya aparece en la fila {self.seen[data['rut']]}.")
                )
            else:
                self.seen[data["rut"]] = row["_row"]
        for key in PERSON_KEYS:
            if row.get(key):
                data[key] = row[key]
        for key in ("birth_date", "opened_on"):
            try:
                data[key] = _date(row.get(key, ""), key)
            except RowError as e:
                errors.append((e.key, e.message))
        if data.get("birth_date") is None:
            data.pop("birth_date", None)
        if row.get("comuna"):
            data["home_comuna"] = self.comunas.get(normalise(row["comuna"]))
            if data["home_comuna"] is None:
                errors.append(
                    ("comuna", f"Comuna desconocida «{row['comuna']}»: use su nombre oficial.")
                )
        if row.get("sex"):
            sex = SEXES.get(normalise(row["sex"]))
            if sex is None:
                errors.append(("sex", f"Sexo desconocido «{row['sex']}»: Mujer, Hombre u Otro."))
            data["sex"] = sex
        program, cohort, phase = self._program(row, errors)
        return data, program, cohort, phase
