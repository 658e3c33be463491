from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import TemplateView

from reinsercion.access import export_with_purpose, record_access
from reinsercion.indicators import exports, snapshots
from reinsercion.indicators.forms import PeriodForm
from reinsercion.indicators.pdf import render_report_pdf
from reinsercion.indicators.permissions import can_read_indicators, indicator_programs
from reinsercion.programs.views import TeamRequiredMixin


class IndicatorMixin(TeamRequiredMixin):
    """Coordination, supervision and direction only (others: 403); a program the user does
    not read answers 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_read_indicators(request.user):
            raise PermissionDenied(
                "Los indicadores son para coordinación, supervisión y dirección."
            )
        return super().dispatch(request, *args, **kwargs)

    def get_period_form(self):
        self.today = timezone.localdate()
        form = PeriodForm(self.request.GET or None, today=self.today)
        self.period = form.period()
        return form

    def get_program(self):
        return get_object_or_404(
            indicator_programs(self.request.user), code__iexact=self.kwargs["program_code"]
        )

    def read(self, program) -> snapshots.Reading:
        return snapshots.read(program, self.period, self.today)

    def period_query(self) -> str:
        query = self.request.GET.copy()
        for key in ("formato",):
            query.pop(key, None)
        return query.urlencode()


def pending_response(request):
    """The figures are being computed by the worker: say so, and reload in a moment."""
    response = render(request, "reinsercion/indicators/pending.html", status=503)
    response["Retry-After"] = "15"
    return response


class IndicatorOverviewView(IndicatorMixin, TemplateView):
    """The user's programs side by side: each program's main figures for the period."""

    template_name = "reinsercion/indicators/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_period_form()
        programs = list(indicator_programs(self.request.user).filter(is_active=True))
        readings = [(p, self.read(p)) for p in programs]
        context.update(
            form=form,
            period=self.period,
            readings=readings,
            pending=any(r.pending for _, r in readings),
            query=self.period_query(),
        )
        return context


class ProgramIndicatorsView(IndicatorMixin, TemplateView):
    template_name = "reinsercion/indicators/program.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_period_form()
        program = self.get_program()
        reading = self.read(program)
        context.update(
            form=form,
            period=self.period,
            program=program,
            report=reading.report,
            computed_at=reading.computed_at,
            report_key=reading.key,
            cache_seconds=int(snapshots.max_age().total_seconds()),
            pending=reading.pending,
            query=self.period_query(),
        )
        return context


class ProgramIndicatorExportView(IndicatorMixin, TemplateView):
    """One table of the page as CSV or XLSX (``?formato=``), for the chosen period."""

    def get(self, request, *args, **kwargs):
        self.get_period_form()
        program = self.get_program()
        fmt = request.GET.get("formato", "xlsx")
        if fmt not in exports.CONTENT_TYPES:
            raise Http404("Formato desconocido.")
        reading = self.read(program)
        if reading.pending:
            return pending_response(request)
        table = reading.report.tables().get(kwargs["table"])
        if table is None:
            raise Http404("Tabla desconocida.")
        name = f"{program.code.lower()}-{table.key}-{self.period.slug}"
        what = f"Exportación de indicadores {program.code} · {table.key} ({fmt.upper()})"
        return export_with_purpose(
            request, what=what, build=lambda: exports.response(table, fmt, name)
        )


class ProgramReportPdfView(IndicatorMixin, TemplateView):
    """The informe de gestión of a program and period."""

    def get(self, request, *args, **kwargs):
        self.get_period_form()
        program = self.get_program()
        reading = self.read(program)
        if reading.pending:
            return pending_response(request)
        pdf = render_report_pdf(reading.report)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"informe-gestion-{program.code.lower()}-{self.period.slug}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        record_access(request, what=f"Informe de gestión {program.code} (PDF)")
        return response
