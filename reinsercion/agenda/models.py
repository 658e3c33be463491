from django.db import models


class AgendaEntry(models.Model):
    """Something due on a case, as the agenda sources computed it at the last refresh.

    Derived data, rebuilt by ``reinsercion.agenda.actions`` whenever a case's data changes (and
    daily, for what depends on the date): the team agenda reads these rows with an index
    instead of running every rule over every case on each request. Not case data itself, so it
    is not audited; deleting every row loses nothing (``manage.py refresh_agenda`` rebuilds
    them).
    """

    case = models.ForeignKey(
        "reinsercion.Case",
        verbose_name="caso",
        on_delete=models.CASCADE,
        related_name="agenda_entries",
    )
    # The case's program, repeated so that a program's agenda is one index range.
    program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="programa",
        on_delete=models.CASCADE,
        related_name="+",
    )
    source = models.CharField("regla de origen", max_length=60)
    kind = models.CharField("tipo", max_length=60)
    kind_label = models.CharField("tipo (texto)", max_length=120)
    title = models.CharField("qué", max_length=300)
    due_on = models.DateField("vence el")
    url = models.CharField("enlace", max_length=500, blank=True)
    starts_at = models.DateTimeField("empieza", null=True, blank=True)
    ends_at = models.DateTimeField("termina", null=True, blank=True)
    uid = models.CharField("clave del calendario", max_length=80, blank=True)
    refreshed_at = models.DateTimeField("calculado el", auto_now=True)

    class Meta:
        verbose_name = "pendiente de la agenda"
        verbose_name_plural = "pendientes de la agenda"
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["program", "due_on"], name="agenda_program_due"),
            models.Index(fields=["case", "due_on"], name="agenda_case_due"),
            # The team agenda's page: the earliest rows first, whatever the program.
            models.Index(fields=["due_on", "id"], name="agenda_due"),
        ]

    def __str__(self):
        return f"{self.kind_label} · caso {self.case_id} · {self.due_on:%d-%m-%Y}"


class AgendaCount(models.Model):
    """How many stored agenda rows a program has of each kind on each day.

    Kept in step with ``AgendaEntry`` by the same refresh, so that the team agenda's totals are
    a sum over a few thousand rows instead of a count over every case's items.
    """

    program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="programa",
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField("tipo", max_length=60)
    kind_label = models.CharField("tipo (texto)", max_length=120)
    due_on = models.DateField("vence el")
    n = models.PositiveIntegerField("pendientes", default=0)

    class Meta:
        verbose_name = "total de la agenda"
        verbose_name_plural = "totales de la agenda"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "kind", "kind_label", "due_on"], name="agenda_count_key"
            )
        ]

    def __str__(self):
        return f"{self.kind_label} · {self.due_on:%d-%m-%Y}: {self.n}"
