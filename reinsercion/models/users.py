from django.contrib.auth.models import AbstractUser
from django.db import models

from ..choices import ProfessionalKind, Role


class User(AbstractUser):
    """A person who logs in: team member, partner institution user, web editor or admin.

    What they may do comes from their team memberships (program + role); partner
    institution membership lives in the ``red`` app.
    """

    phone = models.CharField("teléfono", max_length=30, blank=True)
    professional_kind = models.CharField(
        "profesión", max_length=30, choices=ProfessionalKind.choices, blank=True
    )
    calendar_token = models.CharField(
        "token del calendario privado", max_length=64, blank=True, editable=False
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "usuario/a"
        verbose_name_plural = "usuarios/as"

    def __str__(self):
        return self.get_full_name() or self.username


class TeamMembership(models.Model):
    user = models.ForeignKey(
        User, verbose_name="usuario/a", on_delete=models.CASCADE, related_name="memberships"
    )
    program = models.ForeignKey(
        "reinsercion.Program",
        verbose_name="programa",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField("rol", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "integrante de equipo"
        verbose_name_plural = "integrantes de equipo"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "program", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.program.code}"
