"""Extension points of the case module.

``reinsercion`` never imports ``familias``, ``red`` or ``contratos``; those apps plug their
pages, timeline entries and deadlines into the case file and the agenda by registering here
from their ``AppConfig.ready()``.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from reinsercion.versions import DataVersion


@dataclass(frozen=True)
class CaseSection:
    """A tab of the case file, linking to a page of another app."""

    key: str
    label: str
    url_name: str  # reversed with the case pk as its only argument
    order: int = 100
    # shown_for(case) -> bool, for a tab that only some programs have; must not query.
    shown_for: Callable[..., bool] | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """Something that happened on a case, for the case timeline."""

    when: datetime.datetime | datetime.date
    kind: str  # stable key for filtering, e.g. "session", "family_intervention"
    kind_label: str  # Spanish label
    title: str
    detail: str = ""
    ambit: str = ""  # psicosocial / familiar / laboral value, if any
    url: str = ""


@dataclass(frozen=True)
class AgendaItem:
    """Something due on a case, for the professional's agenda."""

    due_on: datetime.date
    kind: str
    kind_label: str
    title: str
    case_id: int
    url: str = ""
    # A timed item (an appointment): its start and end, shown as a timed calendar event.
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    # A stable key for the calendar (so that a moved appointment stays the same event).
    uid: str = ""
    # An item the norms want seen earlier than the agenda's usual horizon (the reassessment
    # before the end of the sentence: from 30 days before): shown from this day.
    shown_from: datetime.date | None = None


@dataclass(frozen=True)
class ContactRequirement:
    """The minimum face-to-face contact a case needs, and the rule that set it."""

    interval_days: int  # at most this many days between face-to-face contacts
    label: str  # e.g. "Quincenal"
    rule: str  # e.g. "Cuadro N°1: riesgo Medio, necesidad media"
    intervention: str = ""  # intervention type the rule proposes
    visit_interval_days: int | None = None  # field visits


@dataclass(frozen=True)
class IndicatorTable:
    """A table another app adds to a program's indicator page (e.g. referral answer times)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]  # plain values: str, int, Decimal, date
    definition: str = ""  # what is counted, over which period, and the rule it follows


@dataclass(frozen=True)
class QueueItem:
    """Something waiting for a person's action in one of the work queues."""

    queue: str  # a key of WORK_QUEUES
    kind_label: str  # e.g. "Plan de intervención", "Derivación"
    title: str
    since: datetime.datetime  # waiting since (the queue is oldest first)
    url: str
    case_id: int


@dataclass
class Queue:
    """One work queue for one person: how many items wait, and the oldest of them."""

    key: str
    label: str
    count: int = 0
    items: list[QueueItem] = field(default_factory=list)  # the oldest ``limit``, oldest first

    @property
    def more(self) -> int:
        return self.count - len(self.items)


# The work queues, in the order the home page shows them.
WORK_QUEUES = {
    "to_review": "Por visar",
    "returned": "Devueltos",
    "network_answers": "Respuestas de la red",
}


# Sources look this far ahead (the calendar feed shows the coming weeks too).
SOURCE_HORIZON_DAYS = 90

_case_sections: dict[str, CaseSection] = {}
# source(case) -> iterable of TimelineEntry
_timeline_sources: dict[str, Callable[..., Iterable[TimelineEntry]]] = {}
# source(cases_queryset, today) -> iterable of AgendaItem; must run a bounded number of
# queries whatever the number of cases.
_agenda_sources: dict[str, Callable[..., Iterable[AgendaItem]]] = {}
_agenda_dependencies: set[type] = set()
# provider(user) -> iterable of QueueItem; a bounded number of queries whatever the data.
_queue_providers: dict[str, Callable[..., Iterable[Queue]]] = {}
work_queue_version = DataVersion("reinsercion:work-queues:version")


# listener(*, case, to_phase, actor, on_date, closing_answers), called inside the phase
# move's transaction; ``closing_answers`` holds the answers to the closing questions (empty
# on a move that does not close).
_phase_listeners: dict[str, Callable[..., None]] = {}
# provider(case) -> {field_name: django form field}: questions the closing move asks.
_closing_fields: dict[str, Callable[..., dict]] = {}
# provider(cases_queryset) -> {case_id: ContactRequirement}; bounded queries.
_contact_providers: dict[str, Callable[..., dict]] = {}
# source(*, program, start, end) -> IndicatorTable | None; bounded queries.
_indicator_sources: dict[str, Callable[..., "IndicatorTable | None"]] = {}


def register_case_section(section: CaseSection) -> None:
    _case_sections[section.key] = section


def case_sections(case=None) -> list[CaseSection]:
    """The tabs, in order; given a case, only those shown for it."""
    sections = sorted(_case_sections.values(), key=lambda s: (s.order, s.label))
    if case is None:
        return sections
    return [s for s in sections if s.shown_for is None or s.shown_for(case)]


def register_timeline_source(key: str, source: Callable[..., Iterable[TimelineEntry]]) -> None:
    _timeline_sources[key] = source


def timeline_sources() -> dict[str, Callable[..., Iterable[TimelineEntry]]]:
    return dict(_timeline_sources)


def register_agenda_source(
    key: str, source: Callable[..., Iterable[AgendaItem]], depends_on: Iterable[type] = ()
) -> None:
    """``source(cases, today)`` lists what is due; ``depends_on`` names the models it reads
    (besides the case and its phases), so that the stored agenda is refreshed when they
    change."""
    _agenda_sources[key] = source
    _agenda_dependencies.update(depends_on)


def agenda_sources() -> dict[str, Callable[..., Iterable[AgendaItem]]]:
    return dict(_agenda_sources)


def agenda_dependencies() -> set[type]:
    return _agenda_dependencies


def register_work_queue(
    key: str, provider: Callable[..., Iterable[Queue]], *, depends_on: Iterable[type] = ()
) -> None:
    """``provider(user, limit=n)`` tells what waits for ``user`` (plans to review, referrals
    to approve, plans returned…), so that queues of other apps show on the home page: one
    ``Queue`` per queue it feeds, with the full count and the ``n`` oldest items (none when
    ``n`` is 0). A bounded number of queries, however long the queue.

    ``depends_on``: the models whose changes can change what it counts; a change to any of
    them renews every cached count of the navigation (``work_queue_count``)."""
    _queue_providers[key] = provider
    for model in depends_on:
        uid = f"reinsercion.work_queue_version.{model._meta.label}"
        post_save.connect(_bump_work_queues, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_bump_work_queues, sender=model, dispatch_uid=f"{uid}.delete")


def _bump_work_queues(sender, **kwargs):
    work_queues_changed()


def work_queues_changed() -> None:
    """Renew the cached queue counts: for changes no model signal tells (bulk creates,
    queryset updates). Now, and again after the commit, so a racing read keeps no old count."""
    work_queue_version.bump()
    transaction.on_commit(work_queue_version.bump)


def work_queue_count(user) -> int:
    """How many items wait for ``user`` in all queues (the navigation's badge)."""
    return sum(queue.count for queue in cached_work_queues(user, limit=0).values())


def cached_work_queues(user, *, limit: int) -> dict[str, Queue]:
    """``work_queues``, computed once per version of the data the queues read and kept in the
    shared cache: at national scale counting the waiting plans is most of a page's SQL."""
    key = f"reinsercion:work-queues:{work_queue_version.get()}:{user.pk}:{limit}"
    queues = cache.get(key)
    if queues is None:
        queues = work_queues(user, limit=limit)
        cache.set(key, queues, timeout=600)
    return queues


def work_queues(user, *, limit: int = 20) -> dict[str, Queue]:
    """{queue key: Queue} for every queue, empty ones included; items oldest first."""
    queues = {key: Queue(key, label) for key, label in WORK_QUEUES.items()}
    for provider in _queue_providers.values():
        for part in provider(user, limit=limit):
            queue = queues.setdefault(part.key, Queue(part.key, part.label))
            queue.count += part.count
            queue.items += part.items
    for queue in queues.values():
        queue.items = sorted(queue.items, key=lambda i: i.since)[:limit]
    return queues


def register_contact_provider(key: str, provider: Callable[..., dict]) -> None:
    _contact_providers[key] = provider


def contact_requirements(cases) -> dict[int, ContactRequirement]:
    """Minimum contact per case id, from every registered provider (the strictest wins)."""
    result: dict[int, ContactRequirement] = {}
    for provider in _contact_providers.values():
        for case_id, requirement in provider(cases).items():
            current = result.get(case_id)
            if current is None or requirement.interval_days < current.interval_days:
                result[case_id] = requirement
    return result


def register_phase_listener(key: str, listener: Callable[..., None]) -> None:
    """``listener`` runs when a case enters a phase (inside the move's transaction), so that a
    component can react without the case component importing it."""
    _phase_listeners[key] = listener


def phase_listeners() -> list[Callable[..., None]]:
    return list(_phase_listeners.values())


def register_closing_fields(key: str, provider: Callable[..., dict]) -> None:
    """``provider(case)`` returns the form fields (by unique name, e.g. prefixed with the
    app) that the phase form adds to its exit fields for this case, or ``{}``. Their
    cleaned values reach the phase listeners as ``closing_answers={name: value}`` when the case
    closes."""
    _closing_fields[key] = provider


def closing_fields(case) -> dict:
    """Every registered closing question for ``case``, by field name."""
    fields = {}
    for provider in _closing_fields.values():
        fields.update(provider(case))
    return fields


def register_indicator_source(key: str, source: Callable[..., "IndicatorTable | None"]) -> None:
    """``source(program=, start=, end=)`` returns a table for the program's indicator page and
    its exports (or None when it has nothing for that program); ``key`` names the table in
    export links."""
    _indicator_sources[key] = source


def indicator_sources() -> dict[str, Callable[..., "IndicatorTable | None"]]:
    return dict(_indicator_sources)


# Data-subject rights (Ley 21.719, reinsercion.privacy) -------------------------------------


@dataclass(frozen=True)
class SubjectSection:
    """One part of the access export about a person: a title and rows of label → text."""

    key: str
    title: str
    rows: tuple[dict[str, str], ...]


# source(person, cases) -> iterable of SubjectSection; every app adds what it holds about a
# person in ``cases`` (a queryset of the person's cases the export covers: those of the programs
# the answering coordinator works in, or all of them for an administrator).
_subject_sources: dict[str, Callable[..., Iterable[SubjectSection]]] = {}
# anonymiser(person) -> None: replaces the identifying data an app holds about the person
# (called inside the anonymisation's transaction, with the audit log switched off).
_anonymisers: dict[str, Callable[..., None]] = {}


def register_subject_source(key: str, source: Callable[..., Iterable[SubjectSection]]) -> None:
    _subject_sources[key] = source


def subject_sources() -> dict[str, Callable[..., Iterable[SubjectSection]]]:
    return dict(_subject_sources)


def register_anonymiser(key: str, anonymiser: Callable[..., None]) -> None:
    _anonymisers[key] = anonymiser


def anonymisers() -> dict[str, Callable[..., None]]:
    return dict(_anonymisers)


def rows_of(objects, *, exclude: Iterable[str] = ()) -> tuple[dict[str, str], ...]:
    """Each object as {field's Spanish name: value as text}: choices by their label, related
    rows by their name, empty values left out. A related row is read and named once, however
    many rows point at it (a case's name reads its person and program)."""
    skip = {"id", *exclude}
    labels = {}
    rows = []
    for obj in objects:
        row = {}
        for model_field in obj._meta.concrete_fields:
            if model_field.name in skip or model_field.attname in skip:
                continue
            if model_field.choices:
                value = getattr(obj, f"get_{model_field.name}_display")()
            elif model_field.is_relation:
                pk = getattr(obj, model_field.attname)
                key = (model_field.related_model, pk)
                if pk is not None and key not in labels:
                    labels[key] = str(getattr(obj, model_field.name))
                value = labels.get(key)
            else:
                value = getattr(obj, model_field.attname)
            if value in (None, "", [], {}):
                continue
            if isinstance(value, bool):
                value = "Sí" if value else "No"
            elif isinstance(value, datetime.datetime):
                if timezone.is_aware(value):
                    value = timezone.localtime(value)
                value = value.strftime("%d-%m-%Y %H:%M")
            elif isinstance(value, datetime.date):
                value = value.strftime("%d-%m-%Y")
            label = str(model_field.verbose_name)
            row[label[:1].upper() + label[1:]] = str(value)
        rows.append(row)
    return tuple(rows)
