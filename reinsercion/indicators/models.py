from django.db import models


class IndicatorSnapshot(models.Model):
    """A program's indicators for one period, computed once and read by every request until it
    is older than ``INDICATORS_MAX_AGE_MINUTES`` (reinsercion/indicators/snapshots.py).

    At national scale one computation reads millions of session rows (tens of seconds); the
    page, its exports and its PDF read the stored result instead. Only aggregates and the
    names of the cases below a threshold are stored, as the page shows them to the same roles.
    """

    program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="programa",
        on_delete=models.CASCADE,
        related_name="indicator_snapshots",
    )
    period_kind = models.CharField("tipo de periodo", max_length=10)
    period_start = models.DateField("inicio del periodo")
    period_end = models.DateField("término del periodo")
    as_of = models.DateField("cifras al día")
    requested_at = models.DateTimeField("solicitado", auto_now_add=True)
    computed_at = models.DateTimeField("calculado", null=True, blank=True)
    # The assembled report (reinsercion.indicators.report.ProgramReport), pickled: written
    # and read only by this module's code, never from user input.
    payload = models.BinaryField("cifras calculadas", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "cálculo de indicadores"
        verbose_name_plural = "cálculos de indicadores"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "period_kind", "period_start", "period_end", "as_of"],
                name="one_indicator_snapshot_per_period_and_day",
            )
        ]

    def __str__(self):
        return f"{self.program} · {self.period_start:%d-%m-%Y}–{self.period_end:%d-%m-%Y}"
