"""Parent activities (reference/domain.md §6): theme evenings, coffee mornings in the ouderkamer,
outings and "Ouders ontmoeten Ouders" series. Guardians are invited in their own language by
e-mail, SMS or on paper; they answer through a signed link (no account); reminders are outbox rows
in PostgreSQL that a Celery beat sweeper claims and sends exactly once (reference/
security-reliability.md §5.1); at the door families are checked in, walk-ins too."""

from __future__ import annotations

import uuid

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from familieschool.models import School, Schooljaar
from gezinnen.models import Gezin, Kanaal, Taal, Verzorger


class OuderactiviteitSoort(models.TextChoices):
    THEMA_AVOND = "thema_avond", "Thema-avond"
    KOFFIEOCHTEND = "koffieochtend", "Koffieochtend in de ouderkamer"
    OUDERS_ONTMOETEN_OUDERS = "ontmoeten", "Ouders ontmoeten Ouders"
    UITJE = "uitje", "Uitje"
    SLOTAVOND = "slotavond", "Slotavond"
    OVERIG = "overig", "Overig"


class Ouderreeks(models.Model):
    """A series planned at the start of the school year (e.g. five "Ouders ontmoeten Ouders"
    evenings ending in a closing evening)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="ouderreeksen")
    schooljaar = models.ForeignKey(Schooljaar, on_delete=models.PROTECT, related_name="ouderreeksen")
    naam = models.CharField("naam", max_length=150)
    omschrijving = models.TextField("omschrijving", blank=True)

    class Meta:
        verbose_name = "reeks ouderactiviteiten"
        verbose_name_plural = "reeksen ouderactiviteiten"
        ordering = ["-schooljaar__startjaar", "naam"]
        constraints = [models.UniqueConstraint(fields=["school", "schooljaar", "naam"], name="ouderreeks_uniek")]

    def __str__(self) -> str:
        return self.naam


@pghistory.track(exclude=["updated_at"])
class Ouderactiviteit(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="ouderactiviteiten")
    reeks = models.ForeignKey(
        Ouderreeks, on_delete=models.SET_NULL, null=True, blank=True, related_name="activiteiten", verbose_name="reeks"
    )
    soort = models.CharField("soort", max_length=20, choices=OuderactiviteitSoort.choices)
    titel = models.CharField("titel", max_length=150)
    thema = models.CharField("thema", max_length=200, blank=True)
    omschrijving = models.TextField("omschrijving", blank=True)
    datum = models.DateField("datum")
    # The program of an evening: walk-in, dinner, start, end (domain.md §6).
    inloop = models.TimeField("inloop vanaf", null=True, blank=True)
    diner = models.TimeField("eten om", null=True, blank=True)
    begintijd = models.TimeField("begin")
    eindtijd = models.TimeField("einde")
    locatie = models.CharField("locatie", max_length=150, default="Ouderkamer")
    gespreksleider = models.CharField("gespreksleider", max_length=150, blank=True)
    kinderopvang = models.BooleanField("kinderopvang", default=False)
    tolktalen = ArrayField(
        models.CharField(max_length=10, choices=Taal.choices),
        verbose_name="tolk aanwezig voor",
        default=list,
        blank=True,
    )
    capaciteit = models.PositiveSmallIntegerField(
        "aantal plaatsen (volwassenen)", null=True, blank=True, help_text="Leeg: geen maximum."
    )
    geannuleerd_op = models.DateTimeField("geannuleerd op", null=True, blank=True)
    annuleringsreden = models.CharField("reden van annuleren", max_length=200, blank=True)
    # Raised on every change of date or time, so each change gets its own update message.
    versie = models.PositiveSmallIntegerField(default=1, editable=False)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ouderactiviteit"
        verbose_name_plural = "ouderactiviteiten"
        ordering = ["datum", "begintijd"]
        constraints = [
            models.CheckConstraint(condition=models.Q(eindtijd__gt=models.F("begintijd")), name="ouderact_tijden"),
            models.CheckConstraint(
                condition=models.Q(inloop__isnull=True) | models.Q(inloop__lte=models.F("begintijd")),
                name="ouderact_inloop_voor_begin",
            ),
            models.CheckConstraint(
                condition=models.Q(diner__isnull=True) | models.Q(diner__lt=models.F("eindtijd")),
                name="ouderact_diner_voor_einde",
            ),
            models.CheckConstraint(
                condition=models.Q(capaciteit__isnull=True) | models.Q(capaciteit__gte=1), name="ouderact_capaciteit"
            ),
            models.CheckConstraint(
                condition=models.Q(soort__in=OuderactiviteitSoort.values), name="ouderact_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.datum:%d-%m-%Y})"

    @property
    def is_geannuleerd(self) -> bool:
        return self.geannuleerd_op is not None


class UitnodigingStatus(models.TextChoices):
    NIEUW = "nieuw", "Nog niet verstuurd"
    VERSTUURD = "verstuurd", "Verstuurd"
    AFGEDRUKT = "afgedrukt", "Op papier"
    MISLUKT = "mislukt", "Versturen mislukt"


class Uitnodiging(models.Model):
    """One guardian invited to one parent activity, in their language, through their channel. The
    signed RSVP link carries ``token``; the paper invitation prints it as a QR code."""

    ouderactiviteit = models.ForeignKey(Ouderactiviteit, on_delete=models.CASCADE, related_name="uitnodigingen")
    verzorger = models.ForeignKey(
        Verzorger, on_delete=models.SET_NULL, null=True, blank=True, related_name="uitnodigingen"
    )
    gezin = models.ForeignKey(Gezin, on_delete=models.SET_NULL, null=True, blank=True, related_name="uitnodigingen")
    taal = models.CharField("taal", max_length=10, choices=Taal.choices, default=Taal.NL)
    kanaal = models.CharField("kanaal", max_length=10, choices=Kanaal.choices)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        "status", max_length=12, choices=UitnodigingStatus.choices, default=UitnodigingStatus.NIEUW
    )
    verstuurd_op = models.DateTimeField("verstuurd op", null=True, blank=True)
    uitgenodigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ouderactiviteit", "verzorger"], name="uitnodiging_een_per_verzorger"),
            models.CheckConstraint(condition=models.Q(kanaal__in=Kanaal.values), name="uitnodiging_kanaal_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.verzorger} → {self.ouderactiviteit}"


class AanmeldingStatus(models.TextChoices):
    KOMT = "komt", "Komt"
    WACHTLIJST = "wachtlijst", "Wachtlijst"
    KOMT_NIET = "komt_niet", "Komt niet"


@pghistory.track()
class Aanmelding(models.Model):
    """The answer to an invitation: yes or no, with whom, childcare, diet. Changeable until the
    day before; when the activity is full a yes goes on the waitlist."""

    uitnodiging = models.OneToOneField(Uitnodiging, on_delete=models.CASCADE, related_name="aanmelding")
    status = models.CharField("antwoord", max_length=12, choices=AanmeldingStatus.choices)
    volwassenen = models.PositiveSmallIntegerField("aantal volwassenen", default=1)
    kinderen = models.PositiveSmallIntegerField("aantal kinderen", default=0)
    kinderopvang_nodig = models.BooleanField("kinderopvang nodig", default=False)
    dieetwensen = models.CharField("dieetwensen", max_length=200, blank=True)
    beantwoord_op = models.DateTimeField("beantwoord op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        ordering = ["beantwoord_op", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=AanmeldingStatus.values), name="aanmelding_status"),
            models.CheckConstraint(
                condition=models.Q(volwassenen__lte=10) & models.Q(kinderen__lte=15), name="aanmelding_aantallen"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.uitnodiging} — {self.get_status_display()}"


class Binnenkomst(models.Model):
    """A family checked in at the door: with an invitation (name search or the QR code on the
    paper invitation) or as a walk-in without one."""

    ouderactiviteit = models.ForeignKey(Ouderactiviteit, on_delete=models.CASCADE, related_name="binnenkomsten")
    uitnodiging = models.OneToOneField(
        Uitnodiging, on_delete=models.SET_NULL, null=True, blank=True, related_name="binnenkomst"
    )
    gezin = models.ForeignKey(Gezin, on_delete=models.SET_NULL, null=True, blank=True, related_name="binnenkomsten")
    naam = models.CharField("naam (zonder uitnodiging)", max_length=150, blank=True)
    taal = models.CharField("taal", max_length=10, choices=Taal.choices, blank=True)
    volwassenen = models.PositiveSmallIntegerField("volwassenen", default=1)
    kinderen = models.PositiveSmallIntegerField("kinderen", default=0)
    ingecheckt_op = models.DateTimeField("binnen om", auto_now_add=True)
    ingecheckt_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "binnenkomst"
        verbose_name_plural = "binnenkomsten"
        ordering = ["ingecheckt_op"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(uitnodiging__isnull=False) | ~models.Q(naam="") | models.Q(gezin__isnull=False),
                name="binnenkomst_wie",
            ),
        ]

    def __str__(self) -> str:
        return self.naam or str(self.uitnodiging or self.gezin)


class HerinneringStatus(models.TextChoices):
    GEPLAND = "gepland", "Gepland"
    BEZIG = "bezig", "Wordt verstuurd"
    VERSTUURD = "verstuurd", "Verstuurd"
    MISLUKT = "mislukt", "Mislukt"
    GEANNULEERD = "geannuleerd", "Geannuleerd"


class Herinnering(models.Model):
    """The outbox: one row per message to send (the invitation itself, a reminder N days before,
    an update after a change, a cancellation). PostgreSQL is the source of truth, Redis only the
    transport: a sweeper claims due rows with SELECT … FOR UPDATE SKIP LOCKED and a lease, the send
    task re-reads the row and does nothing when it was sent already; the Message-ID is derived from
    the row, so a retry is recognisable as the same message."""

    uitnodiging = models.ForeignKey(Uitnodiging, on_delete=models.CASCADE, related_name="herinneringen")
    moment = models.CharField(
        "moment", max_length=40, help_text="uitnodiging, dagen-7, dagen-1, wijziging-2, annulering"
    )
    kanaal = models.CharField("kanaal", max_length=10, choices=Kanaal.choices)
    verstuur_op = models.DateTimeField("versturen vanaf", db_index=True)
    status = models.CharField(
        "status", max_length=12, choices=HerinneringStatus.choices, default=HerinneringStatus.GEPLAND
    )
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)
    geclaimd_tot = models.DateTimeField("geclaimd tot", null=True, blank=True)
    verstuurd_op = models.DateTimeField("verstuurd op", null=True, blank=True)
    fout = models.TextField("laatste fout", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "herinnering"
        verbose_name_plural = "herinneringen"
        ordering = ["verstuur_op", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["uitnodiging", "moment"], name="herinnering_een_per_moment"),
            models.CheckConstraint(condition=models.Q(status__in=HerinneringStatus.values), name="herinnering_status"),
        ]
        indexes = [models.Index(fields=["status", "verstuur_op"], name="herinnering_due_idx")]

    def __str__(self) -> str:
        return f"{self.moment} → {self.uitnodiging_id} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        return f"<herinnering-{self.pk}-{self.moment}@familieschool>"
