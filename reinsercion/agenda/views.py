import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from reinsercion.activities import actions as activity_actions
from reinsercion.activities import queries as activity_queries
from reinsercion.agenda import queries
from reinsercion.cases.models import Case
from reinsercion.programs import permissions as program_permissions
from reinsercion.programs.choices import Role
from reinsercion.programs.models import TeamMembership, User
from reinsercion.programs.queries import matching_professionals
from reinsercion.programs.views import TeamRequiredMixin


class AgendaBase(TeamRequiredMixin, TemplateView):
    """«Mi agenda», from its stored rows (``AgendaEntry``, kept by
    ``reinsercion.agenda.actions`` after every change and daily): what is due and overdue on
    the cases assigned to me, in four views (today, this week, overdue, next 30 days); it opens
    on today. The team's agenda says other rows with ``entries()`` and counts them with
    ``counts()``; a page costs the same for 10 or 100,000 cases."""

    template_name = "reinsercion/agenda/agenda.html"
    team = False

    def entries(self, today):
        return queries.my_entries(self.request.user, today, queries.VIEW_HORIZON_DAYS)

    def counts(self, entries, today):
        """{(kind, kind_label): {view: n}} of ``entries``."""
        return queries.entry_view_counts(entries, today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        view = self.request.GET.get("vista", "")
        if view not in queries.VIEWS:
            view = queries.VIEW_TODAY
        entries = self.entries(today)
        counts = self.counts(entries, today)
        kind = self.request.GET.get("tipo", "")
        shown = [n for k, n in counts.items() if not kind or k[0] == kind]
        if kind:
            entries = entries.filter(kind=kind)
        view_totals = {key: sum(n[key] for n in shown) for key in queries.VIEWS}
        listed = entries.filter(queries.view_filter(view, today))
        count = view_totals[view]
        collapsed = []
        if view == queries.VIEW_OVERDUE:
            cutoff = today - datetime.timedelta(days=queries.COLLAPSE_AFTER_DAYS)
            count -= listed.filter(due_on__lt=cutoff).count()
            listed = listed.filter(due_on__gte=cutoff).order_by("kind_label", "-due_on", "pk")
            collapsed = queries.collapsed_overdue(entries, today)
        else:
            listed = listed.order_by("due_on", "pk")
        paginator = CountedPaginator(listed, 50, count=count)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        page_obj.object_list = queries.rows_of(
            page_obj.object_list, today, queries.VIEW_HORIZON_DAYS
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        tab_query = query.copy()
        tab_query.pop("vista", None)
        overdue_by_kind = sorted(
            ((k, n[queries.VIEW_OVERDUE]) for k, n in counts.items() if n[queries.VIEW_OVERDUE]),
            key=lambda pair: -pair[1],
        )
        context.update(
            page_obj=page_obj,
            view=view,
            tabs=[
                (key, label, view_totals[key], key == view) for key, label in queries.VIEWS.items()
            ],
            tab_query=tab_query.urlencode(),
            collapsed=collapsed,
            collapse_after=queries.COLLAPSE_AFTER_DAYS,
            overdue_by_kind=overdue_by_kind if view != queries.VIEW_OVERDUE else [],
            kinds=sorted(counts, key=lambda k: k[1]),
            kind=kind,
            overdue_count=view_totals[queries.VIEW_OVERDUE],
            filter_query=query.urlencode(),
            today=today,
            team=self.team,
            can_see_team=self.team or bool(self.team_programs()),
            workshops=activity_queries.pending_workshops(self.workshop_programs()),
        )
        return context

    def workshop_programs(self):
        return program_permissions.programs_with_role(
            self.request.user, Role.COORDINATION, Role.PROFESSIONAL
        )

    def team_programs(self):
        return program_permissions.programs_with_role(
            self.request.user, Role.COORDINATION, Role.SUPERVISION, Role.DIRECTION
        )


class MyAgendaView(AgendaBase):
    """«Mi agenda»: what is due and overdue on the cases assigned to me."""


# Up to this many professionals in the team, the team agenda shows a count per professional.
PER_PROFESSIONAL_TABLE_MAX = 60


class TeamAgendaView(AgendaBase):
    """The team's agenda, for coordination: every case of their programs, the same views, a
    filter by professional and a count per professional. Its totals come from the stored
    per-program counts (``AgendaCount``)."""

    team = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and program_permissions.is_team_member(request.user):
            if not self.team_programs().exists():
                raise PermissionDenied("La agenda del equipo es para coordinación y jefatura.")
        return super().dispatch(request, *args, **kwargs)

    def workshop_programs(self):
        programs = self.team_programs()
        program = self.request.GET.get("programa", "")
        return programs.filter(code=program) if program else programs

    def entries(self, today):
        self.program = self.request.GET.get("programa", "")
        self.professional = self.request.GET.get("profesional", "").strip()
        entries = queries.team_entries(self.request.user, today, queries.VIEW_HORIZON_DAYS)
        if self.program:
            entries = entries.filter(program__code=self.program)
        self.program_entries = entries
        if self.professional:
            people = matching_professionals(self.professional, self.team_programs())
            assigned = Case.professionals.through.objects.filter(user__in=people)
            entries = entries.filter(case__in=assigned.values("case_id"))
        return entries

    def counts(self, entries, today):
        if self.professional:  # a few hundred rows: counted
            return super().counts(entries, today)
        return queries.team_view_counts(self.request.user, today, program=self.program)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programs = self.team_programs()
        if self.program:
            programs = programs.filter(code=self.program)
        # A table of a few dozen professionals helps coordination; at a regional office's
        # scale (thousands) it would be a count over every stored row on each view: there,
        # the filter by professional (with suggestions) gives each one's figures instead.
        team_size = (
            TeamMembership.objects.filter(program__in=programs, role=Role.PROFESSIONAL)
            .values("user")
            .distinct()
            .count()
        )
        per_professional = []
        if team_size <= PER_PROFESSIONAL_TABLE_MAX:
            per_professional = queries.per_professional(self.program_entries, context["today"])
        context.update(
            programs=self.team_programs(),
            professional=self.professional,
            program=self.program,
            per_professional=per_professional,
            team_size=team_size,
            per_professional_max=PER_PROFESSIONAL_TABLE_MAX,
        )
        return context


class CountedPaginator(Paginator):
    """A paginator told its count (from the stored totals) instead of counting the rows."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


class CalendarSettingsView(TeamRequiredMixin, TemplateView):
    """The private calendar address of the logged-in user; POST gives a new one."""

    template_name = "reinsercion/agenda/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        token = self.request.user.calendar_token
        if token:
            # The host the user browses on: the address must work from where they are.
            context["feed_url"] = self.request.build_absolute_uri(
                reverse("team:calendar_feed", args=[token])
            )
        return context

    def post(self, request, *args, **kwargs):
        had_token = bool(request.user.calendar_token)
        activity_actions.rotate_calendar_token(user=request.user, actor=request.user)
        messages.success(
            request,
            "Nueva dirección creada: la anterior dejó de funcionar."
            if had_token
            else "Dirección del calendario creada.",
        )
        return redirect("team:calendar_settings")


class CalendarFeedView(View):
    """iCalendar feed. Calendar apps cannot log in: the private token in the address is the
    key, and a wrong or revoked token answers 404 (whatever the method, so that nothing tells
    a guessed address apart from a real one)."""

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise Http404

    def get(self, request, token):
        if len(token) < 20:
            raise Http404
        user = User.objects.filter(calendar_token=token, is_active=True).first()
        if user is None or not program_permissions.is_team_member(user):
            raise Http404
        calendar = queries.build_calendar(user, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(calendar, content_type="text/calendar")
        response["Content-Disposition"] = 'inline; filename="agenda.ics"'
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
