from phonenumber_field.modelfields import PhoneNumberField

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from reinsercion.audit import AuditedQuerySet
from reinsercion.people.choices import Sex
from reinsercion.people.collation import spanish_order
from reinsercion.people.rut import format_rut, validate_rut
from reinsercion.people.search import normalise


class Region(models.Model):
    """One of Chile's 16 regiones (official list, loaded by a data migration)."""

    code = models.CharField("código", max_length=4, unique=True, help_text="Ej.: V, RM, XVI.")
    number = models.PositiveSmallIntegerField("número oficial", unique=True)
    name = models.CharField("nombre", max_length=80, unique=True)
    position = models.PositiveSmallIntegerField("orden (de norte a sur)")

    class Meta:
        verbose_name = "región"
        verbose_name_plural = "regiones"
        ordering = ["position"]

    def __str__(self):
        return self.name

    @property
    def short_name(self) -> str:
        """«Valparaíso» for «Región de Valparaíso»."""
        for prefix in ("Región de ", "Región del ", "Región "):
            if self.name.startswith(prefix):
                return self.name.removeprefix(prefix)
        return self.name


class ComunaQuerySet(models.QuerySet):
    def matching(self, text: str):
        """The comuna named ``text``, without regard to accents, case or spacing; or None."""
        return self.filter(search_name=normalise(text)).first() if text else None


class Comuna(models.Model):
    """One of Chile's 346 comunas (official list, loaded by a data migration)."""

    name = models.CharField("nombre", max_length=60)
    region = models.ForeignKey(
        Region, verbose_name="región", on_delete=models.PROTECT, related_name="comunas"
    )
    search_name = models.CharField("nombre para búsqueda", max_length=60, unique=True)

    objects = ComunaQuerySet.as_manager()

    class Meta:
        verbose_name = "comuna"
        verbose_name_plural = "comunas"
        ordering = spanish_order("name")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalise(self.name)
        super().save(*args, **kwargs)


class PersonQuerySet(AuditedQuerySet):
    def visible_to(self, user):
        """People with at least one case the user may see, or with no case yet.

        A person without a case was just registered by a team member, who needs to open their
        case next; any team member may see it.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        # Cases depend on people, not the reverse: reach them through the relation.
        cases = self.model._meta.get_field("cases").related_model.objects
        visible_cases = cases.visible_to(user).values("person_id")
        without_case = ~Exists(cases.filter(person=OuterRef("pk")))
        return self.filter(Q(pk__in=visible_cases) | without_case)


class Person(models.Model):
    """A beneficiary. One row per real person, identified by their RUT."""

    rut = models.CharField(
        "RUT",
        max_length=12,
        unique=True,
        validators=[validate_rut],
        help_text="Con o sin puntos, con guion y dígito verificador (ej.: 12.345.678-5).",
    )
    first_names = models.CharField("nombres", max_length=100)
    last_names = models.CharField("apellidos", max_length=100)
    birth_date = models.DateField("fecha de nacimiento", null=True, blank=True)
    sex = models.CharField("sexo", max_length=10, choices=Sex.choices, blank=True)
    nationality = models.CharField("nacionalidad", max_length=60, default="Chilena")
    home_comuna = models.ForeignKey(
        Comuna,
        verbose_name="comuna",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The comuna's name (kept in step with home_comuna on save); before the official list,
    # free text: a value that matched no comuna is kept here, visible, until one is chosen.
    comuna = models.CharField("comuna (como texto)", max_length=60, blank=True)
    address = models.CharField("dirección", max_length=200, blank=True)
    phone = PhoneNumberField(
        "teléfono",
        blank=True,
        help_text="Celular o fijo; sin código de país, chileno (ej.: 9 8765 4321).",
    )
    created_at = models.DateTimeField("creado", auto_now_add=True)
    updated_at = models.DateTimeField("modificado", auto_now=True)
    # Maintained on save: the name as searches compare it (people/search.py).
    search_name = models.CharField(
        "nombre para búsqueda", max_length=201, default="", editable=False, db_index=True
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "persona"
        verbose_name_plural = "personas"
        ordering = spanish_order("last_names", "first_names")
        indexes = [models.Index(fields=["last_names", "first_names"], name="person_name")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = normalise(f"{self.first_names} {self.last_names}")
        if self.home_comuna_id is None and self.comuna:
            self.home_comuna = Comuna.objects.matching(self.comuna)
        if self.home_comuna_id is not None:
            self.comuna = self.home_comuna.name
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_names", "last_names"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        if update_fields is not None and {"comuna", "home_comuna"} & set(update_fields):
            kwargs["update_fields"] = {*kwargs["update_fields"], "comuna", "home_comuna"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("team:person_detail", args=[self.pk])

    def is_visible_to(self, user) -> bool:
        """Whether ``user`` may see this person (``PersonQuerySet.visible_to``)."""
        return Person.objects.visible_to(user).filter(pk=self.pk).exists()

    @property
    def comuna_outside_list(self) -> bool:
        """A comuna typed before the official list that matched none of its names."""
        return bool(self.comuna) and self.home_comuna_id is None

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_names}".strip()

    @property
    def rut_display(self) -> str:
        return format_rut(self.rut)

    @property
    def age(self) -> int | None:
        if not self.birth_date:
            return None
        today = timezone.localdate()
        before_birthday = (today.month, today.day) < (self.birth_date.month, self.birth_date.day)
        return today.year - self.birth_date.year - before_birthday
