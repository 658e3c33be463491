import django_tables2 as tables

from reinsercion.cases.models import Case
from reinsercion.people.collation import spanish_order


def by_name(queryset, is_descending, prefix=""):
    """Order by surnames then names in Spanish alphabetical order («Álvarez» before «Bravo»)."""
    sign = "-" if is_descending else ""
    fields = (f"{sign}{prefix}last_names", f"{sign}{prefix}first_names")
    return queryset.order_by(*spanish_order(*fields), f"{sign}pk"), True


class CaseTable(tables.Table):
    person = tables.Column(
        "Persona",
        linkify=True,
        order_by=("person__last_names", "person__first_names"),
        accessor="person__full_name",
    )
    rut = tables.Column(
        verbose_name="RUT",
        accessor="person__rut_display",
        order_by="person__rut",
        attrs={"td": {"class": "nowrap"}},
    )
    program = tables.Column(verbose_name="Programa", accessor="program__code")
    cohort = tables.Column(verbose_name="Generación", order_by=("cohort__ordinal",))
    phase = tables.Column(verbose_name="Fase")
    professionals = tables.Column(verbose_name="Profesionales", orderable=False, empty_values=())
    opened_on = tables.DateColumn(
        verbose_name="Ingreso", format="d-m-Y", attrs={"td": {"class": "nowrap"}}
    )

    class Meta:
        model = Case
        fields = ["person", "rut", "program", "cohort", "phase", "professionals", "opened_on"]
        attrs = {"class": "table"}
        empty_text = "No hay casos que coincidan con la búsqueda."
        template_name = "reinsercion/cases/_caseload_table.html"
        per_page = 25

    def order_person(self, queryset, is_descending):
        return by_name(queryset, is_descending, prefix="person__")

    def render_person(self, record):
        return record.person.full_name

    def render_professionals(self, record):
        names = [p.get_full_name() or p.username for p in record.professionals.all()]
        return ", ".join(names) or "—"

    def value_professionals(self, record):
        return self.render_professionals(record)

    def value_person(self, record):
        return record.person.full_name
