"""Core models every app needs: users, the board and its schools, school years, memberships
(user × school × role), account invitations and the access log (Inzage)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

import pghistory
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from familieschool.roles import Rol


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


@pghistory.track(exclude=["password", "last_login"])
class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an email address. Roles live on memberships, per school."""

    email = models.EmailField("e-mailadres", unique=True)
    naam = models.CharField("naam", max_length=150)
    is_active = models.BooleanField("actief", default=True)
    is_staff = models.BooleanField("toegang tot Django-beheer", default=False)
    date_joined = models.DateTimeField("aangemaakt op", default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["naam"]

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.naam or self.email

    def get_full_name(self) -> str:
        return self.naam

    def get_short_name(self) -> str:
        return self.naam.split(" ")[0] if self.naam else self.email


@pghistory.track()
class Bestuur(models.Model):
    """The school board (one deployment serves one board with many schools)."""

    naam = models.CharField("naam", max_length=200)
    bestuursnummer = models.CharField(
        "bestuursnummer (DUO)",
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^\d{5}$", "Een bestuursnummer bestaat uit vijf cijfers.")],
    )

    class Meta:
        verbose_name = "bestuur"
        verbose_name_plural = "besturen"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


@pghistory.track()
class School(models.Model):
    bestuur = models.ForeignKey(Bestuur, on_delete=models.PROTECT, related_name="scholen")
    naam = models.CharField("naam", max_length=200)
    brin = models.CharField(
        "BRIN",
        max_length=4,
        validators=[RegexValidator(r"^\d{2}[A-Z]{2}$", "Een BRIN bestaat uit twee cijfers en twee hoofdletters.")],
    )
    vestiging = models.CharField(
        "vestigingsnummer",
        max_length=2,
        default="00",
        validators=[RegexValidator(r"^\d{2}$", "Een vestigingsnummer bestaat uit twee cijfers.")],
    )
    adres = models.CharField("adres", max_length=200, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True)
    plaats = models.CharField("plaats", max_length=100, default="Amsterdam")
    stadsdeel = models.CharField("stadsdeel", max_length=100, blank=True)
    wijk = models.CharField("wijk", max_length=100, blank=True)

    class Meta:
        verbose_name = "school"
        verbose_name_plural = "scholen"
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["brin", "vestiging"], name="school_brin_vestiging_unique"),
        ]

    def __str__(self) -> str:
        return self.naam


class Schooljaar(models.Model):
    """A school year runs from 1 August to 31 July; ``startjaar`` 2026 is 2026-2027."""

    startjaar = models.PositiveSmallIntegerField("startjaar", unique=True)
    begindatum = models.DateField("begindatum")
    einddatum = models.DateField("einddatum")

    class Meta:
        verbose_name = "schooljaar"
        verbose_name_plural = "schooljaren"
        ordering = ["-startjaar"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__gt=models.F("begindatum")), name="schooljaar_einde_na_begin"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.startjaar}-{self.startjaar + 1}"

    @staticmethod
    def startjaar_voor(datum: dt.date) -> int:
        return datum.year if datum.month >= 8 else datum.year - 1

    @staticmethod
    def grenzen(startjaar: int) -> tuple[dt.date, dt.date]:
        return dt.date(startjaar, 8, 1), dt.date(startjaar + 1, 7, 31)


@pghistory.track()
class Lidmaatschap(models.Model):
    """A user's role at one school. Aandachtsfunctionaris is a flag, not a role."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="lidmaatschappen")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="lidmaatschappen")
    rol = models.CharField("rol", max_length=20, choices=Rol.choices)
    is_aandachtsfunctionaris = models.BooleanField("aandachtsfunctionaris", default=False)
    actief = models.BooleanField("actief", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        ordering = ["school__naam"]
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="lidmaatschap_user_school_unique"),
            models.CheckConstraint(condition=models.Q(rol__in=Rol.values), name="lidmaatschap_rol_geldig"),
            models.CheckConstraint(
                condition=models.Q(is_aandachtsfunctionaris=False) | models.Q(rol__in=[Rol.OKA, Rol.BUURTTEAM]),
                name="lidmaatschap_aandachtsfunctionaris_alleen_oka_buurtteam",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_rol_display()} ({self.school})"


class Accountuitnodiging(models.Model):
    """An invitation to join a school with a role; the link carries a token whose hash is stored."""

    email = models.EmailField("e-mailadres")
    naam = models.CharField("naam", max_length=150, blank=True)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="accountuitnodigingen")
    rol = models.CharField("rol", max_length=20, choices=Rol.choices)
    is_aandachtsfunctionaris = models.BooleanField("aandachtsfunctionaris", default=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    uitgenodigd_door = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="verstuurde_uitnodigingen", verbose_name="uitgenodigd door"
    )
    created_at = models.DateTimeField("verstuurd op", auto_now_add=True)
    verloopt_op = models.DateTimeField("verloopt op")
    geaccepteerd_op = models.DateTimeField("geaccepteerd op", null=True, blank=True)
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)

    class Meta:
        verbose_name = "accountuitnodiging"
        verbose_name_plural = "accountuitnodigingen"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verloopt_op__gt=models.F("created_at")), name="uitnodiging_verloopt_na_aanmaak"
            ),
            # At most one open invitation per address and school.
            models.UniqueConstraint(
                Lower("email"),
                "school",
                condition=models.Q(geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True),
                name="uitnodiging_een_open_per_school",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} als {self.get_rol_display()} ({self.school})"

    @property
    def is_open(self) -> bool:
        return self.geaccepteerd_op is None and self.ingetrokken_op is None and self.verloopt_op > timezone.now()

    @property
    def status(self) -> str:
        if self.geaccepteerd_op:
            return "geaccepteerd"
        if self.ingetrokken_op:
            return "ingetrokken"
        if self.verloopt_op <= timezone.now():
            return "verlopen"
        return "open"


class Inzage(models.Model):
    """The access log: who read (or searched, exported, printed) which sensitive record, when,
    at which school, why and from where. Never the record's content. Rows are only added."""

    class Actie(models.TextChoices):
        LEZEN = "lezen", "Lezen"
        ZOEKEN = "zoeken", "Zoeken"
        EXPORTEREN = "exporteren", "Exporteren"
        AFDRUKKEN = "afdrukken", "Afdrukken"
        LOG_LEZEN = "log_lezen", "Inzagelog bekeken"

    class Uitkomst(models.TextChoices):
        TOEGESTAAN = "toegestaan", "Toegestaan"
        GEWEIGERD = "geweigerd", "Geweigerd"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tijdstip = models.DateTimeField("tijdstip", default=timezone.now, db_index=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="inzagen", verbose_name="gebruiker")
    rol = models.CharField("rol", max_length=20, choices=Rol.choices, blank=True)
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="inzagen", null=True, blank=True)
    actie = models.CharField("actie", max_length=20, choices=Actie.choices, default=Actie.LEZEN)
    uitkomst = models.CharField("uitkomst", max_length=20, choices=Uitkomst.choices, default=Uitkomst.TOEGESTAAN)
    record_type = models.CharField("soort gegeven", max_length=100)
    record_id = models.CharField("id van het gegeven", max_length=64, blank=True)
    doel = models.CharField("doel", max_length=100)
    ip_adres = models.GenericIPAddressField("IP-adres", null=True, blank=True)
    sessie_hash = models.CharField("sessie (gehasht)", max_length=64, blank=True)

    class Meta:
        verbose_name = "inzage"
        verbose_name_plural = "inzagelog"
        ordering = ["-tijdstip"]
        indexes = [
            models.Index(fields=["record_type", "record_id"], name="inzage_record_idx"),
            models.Index(fields=["school", "-tijdstip"], name="inzage_school_tijd_idx"),
            models.Index(fields=["user", "-tijdstip"], name="inzage_user_tijd_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(record_type=""), name="inzage_record_type_verplicht"),
            models.CheckConstraint(condition=~models.Q(doel=""), name="inzage_doel_verplicht"),
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.user_id} {self.actie} {self.record_type}:{self.record_id}"
