"""Extension points of the case module.

``reinsercion`` never imports ``familias``, ``red`` or ``contratos``; those apps plug their
pages, timeline entries and deadlines into the case file and the agenda by registering here
from their ``AppConfig.ready()``.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseSection:
    """A tab of the case file, linking to a page of another app."""

    key: str
    label: str
    url_name: str  # reversed with the case pk as its only argument
    order: int = 100


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


_case_sections: dict[str, CaseSection] = {}
# source(case) -> iterable of TimelineEntry
_timeline_sources: dict[str, Callable[..., Iterable[TimelineEntry]]] = {}
# source(cases_queryset, today) -> iterable of AgendaItem; must run a bounded number of
# queries whatever the number of cases.
_agenda_sources: dict[str, Callable[..., Iterable[AgendaItem]]] = {}


def register_case_section(section: CaseSection) -> None:
    _case_sections[section.key] = section


def case_sections() -> list[CaseSection]:
    return sorted(_case_sections.values(), key=lambda s: (s.order, s.label))


def register_timeline_source(key: str, source: Callable[..., Iterable[TimelineEntry]]) -> None:
    _timeline_sources[key] = source


def timeline_sources() -> dict[str, Callable[..., Iterable[TimelineEntry]]]:
    return dict(_timeline_sources)


def register_agenda_source(key: str, source: Callable[..., Iterable[AgendaItem]]) -> None:
    _agenda_sources[key] = source


def agenda_sources() -> dict[str, Callable[..., Iterable[AgendaItem]]]:
    return dict(_agenda_sources)
