"""Data-subject requests: register, answer, the access export and the anonymisation."""

import datetime
import io
import json
import zipfile

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reinsercion.cases.models import Case
from reinsercion.extensions import anonymisers
from reinsercion.paperwork import Document, render_pdf
from reinsercion.people.models import Person
from reinsercion.people.rut import with_check_digit
from reinsercion.privacy.models import DataSubjectRequest, RequestKind
from reinsercion.privacy.queries import export_cases, retained_until, subject_sections
from reinsercion.programs.models import User
from reinsercion.programs.permissions import can_manage_program

# Pseudonymous RUTs live above any real one (people and companies are below 100 million).
PSEUDONYM_RUT_BASE = 900_000_000


def ensure_answers(user, case: Case) -> None:
    if not can_manage_program(user, case.program):
        raise PermissionDenied(
            "Las solicitudes sobre datos personales las registra y responde la coordinación "
            "del programa."
        )


@transaction.atomic
def register_request(
    *, case: Case, actor: User, kind: str, received_on: datetime.date, details: str = ""
) -> DataSubjectRequest:
    ensure_answers(actor, case)
    return DataSubjectRequest.objects.create(
        case=case, kind=kind, received_on=received_on, details=details, recorded_by=actor
    )


@transaction.atomic
def answer_request(
    *, request: DataSubjectRequest, actor: User, answer: str, on_date: datetime.date | None = None
) -> DataSubjectRequest:
    ensure_answers(actor, request.case)
    if request.answered_on:
        raise ValidationError("Esta solicitud ya fue respondida.")
    if not answer.strip():
        raise ValidationError({"answer": "Escriba la respuesta."})
    request.answered_on = on_date or timezone.localdate()
    request.answer = answer
    request.answered_by = actor
    request.save()
    return request


# The access export ---------------------------------------------------------------------------


def export_data(person: Person, cases) -> dict:
    programs = sorted({c.program.code for c in cases.select_related("program")})
    return {
        "persona": f"{person.full_name} (RUT {person.rut_display})",
        "generado": timezone.localtime().isoformat(timespec="seconds"),
        "alcance": (
            (
                f"Datos del programa {programs[0]}."
                if len(programs) == 1
                else f"Datos de los programas {', '.join(programs) or '—'}."
            )
            + " Si la persona participa en otros programas, la coordinación de cada uno "
            "responde por los suyos."
        ),
        "secciones": [
            {"clave": s.key, "titulo": s.title, "registros": list(s.rows)}
            for s in subject_sections(person, cases)
        ],
    }


def export_pdf(person: Person, data: dict, request: DataSubjectRequest) -> bytes:
    return render_pdf(
        "reinsercion/privacy/subject_export_pdf.html",
        {"person": person, "data": data, "data_request": request},
        document=Document(name="Datos personales (Ley 21.719)", number=f"{request.pk}"),
    )


def build_access_export(*, request: DataSubjectRequest, actor: User) -> bytes:
    """A ZIP with everything about the request's person: datos.json and datos.pdf."""
    ensure_answers(actor, request.case)
    person = request.case.person
    data = export_data(person, export_cases(person, actor))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datos.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("datos.pdf", export_pdf(person, data, request))
    return out.getvalue()


# Anonymisation -------------------------------------------------------------------------------


def pseudonym(person: Person) -> str:
    return f"P-{person.pk:06d}"


def _age_band_keeping_birth_date(person: Person):
    """The birth date cut to its year, on a day of that year that keeps the person's age at
    the opening of every case (the public results count by age band)."""
    born = person.birth_date
    if born is None:
        return None
    openings = list(person.cases.values_list("opened_on", flat=True))

    def age(birth, on):
        return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))

    for candidate in (datetime.date(born.year, 1, 1), datetime.date(born.year, 12, 31)):
        if all(age(candidate, on) == age(born, on) for on in openings):
            return candidate
    return datetime.date(born.year, born.month, 1)


def _scrub_audit_log(model, pks, label, fields=None) -> None:
    """The audit log keeps old values: the anonymised rows' entries keep which fields
    changed, not their values (of ``fields`` only, when given), and are named by ``label``
    (a text, or a function of the row's pk)."""
    content_type = ContentType.objects.get_for_model(model)
    for entry in LogEntry.objects.filter(content_type=content_type, object_pk__in=pks):
        entry.changes = {
            field: ["(anonimizado)", "(anonimizado)"]
            if fields is None or field in fields
            else values
            for field, values in (entry.changes or {}).items()
        }
        entry.object_repr = label(entry.object_pk) if callable(label) else label
        entry.save(update_fields=["changes", "object_repr"])


@transaction.atomic
def anonymise(
    *, request: DataSubjectRequest, actor: User, today: datetime.date | None = None
) -> Person:
    """Replace the person's identifying data with a pseudonym, in every app; keep what the
    public results count (sex, comuna, age at each opening, the cases). Refused while the
    program's retention rule applies, saying until when."""
    ensure_answers(actor, request.case)
    today = today or timezone.localdate()
    if request.kind != RequestKind.ERASURE:
        raise ValidationError("Solo una solicitud de supresión lleva a anonimizar.")
    person = Person.objects.select_for_update().get(pk=request.case.person_id)
    until, case = retained_until(person)
    if until is None and case is not None:
        raise ValidationError(
            f"No se puede anonimizar: el caso en {case.program.code} está abierto; los datos "
            f"se conservan mientras dure la intervención y "
            f"{case.program.retention_years} años después del cierre."
        )
    if until is not None and today <= until:
        raise ValidationError(
            f"No se puede anonimizar todavía: los datos se conservan hasta el "
            f"{until:%d-%m-%Y} ({case.program.retention_years} años después del cierre del "
            f"caso en {case.program.code}). Se podrá desde el "
            f"{until + datetime.timedelta(days=1):%d-%m-%Y}."
        )
    label = pseudonym(person)
    with disable_auditlog():
        person.first_names = "Persona"
        person.last_names = f"anonimizada {label}"
        person.rut = with_check_digit(PSEUDONYM_RUT_BASE + person.pk)
        person.address = ""
        person.phone = ""
        person.birth_date = _age_band_keeping_birth_date(person)
        person.save()
        # The court's case numbers lead back to the person through the judiciary's search.
        cases = {c.pk: c for c in Case.objects.filter(person=person).select_related("program")}
        for case in cases.values():
            case.rit = case.ruc = ""
            case.person = person
            case.save(update_fields=["rit", "ruc"])
        for anonymiser in anonymisers().values():
            anonymiser(person)
    _scrub_audit_log(Person, [str(person.pk)], label)
    # A case is named after its person («Nombre Apellido · OPV») in its audit entries.
    _scrub_audit_log(
        Case, [str(pk) for pk in cases], lambda pk: str(cases[int(pk)]), fields={"rit", "ruc"}
    )
    answer_request(
        request=request,
        actor=actor,
        answer=(
            f"Datos identificatorios reemplazados por el seudónimo {label} en la ficha, los "
            "casos (sin RIT ni RUC), el grupo familiar, las derivaciones y el registro de "
            "cambios; se conservan los datos agregados de los resultados públicos. Quedan como "
            "estaban los documentos firmados y los textos libres."
        ),
        on_date=today,
    )
    return person
