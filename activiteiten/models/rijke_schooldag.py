"""The Rijke schooldag: activities in blocks between holidays, sessions from a weekly rhythm,
enrolment with a waitlist, attendance, and doorstroom to clubs (reference/domain.md §5)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from familieschool.models import School, Schooljaar
from gezinnen.models import Jaargroep, Leerling
from partners.models import Partner


class Ontwikkelgebied(models.TextChoices):
    """The six School & Omgeving development areas (reference/domain.md §3.2)."""

    SPORT = "sport", "Sport en bewegen"
    CULTUUR = "cultuur", "Kunst en cultuur"
    COGNITIEF = "cognitief", "Cognitieve ontwikkeling"
    SOCIAAL = "sociaal", "Sociale ontwikkeling"
    ZELF = "zelf", "Oriëntatie op jezelf"
    WERELD = "wereld", "Oriëntatie op de wereld"


class Sluiting(models.Model):
    """A day or period the school is closed for activities: a holiday of regio Noord, a public
    holiday, or a studiedag of the school. Region-wide rows have no school."""

    class Soort(models.TextChoices):
        VAKANTIE = "vakantie", "Schoolvakantie"
        FEESTDAG = "feestdag", "Feestdag"
        STUDIEDAG = "studiedag", "Studiedag"

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="sluitingen", verbose_name="school"
    )
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    naam = models.CharField("naam", max_length=100)
    van = models.DateField("van")
    tot_en_met = models.DateField("tot en met")

    class Meta:
        verbose_name = "sluiting"
        verbose_name_plural = "sluitingen"
        ordering = ["van"]
        constraints = [
            models.CheckConstraint(condition=models.Q(tot_en_met__gte=models.F("van")), name="sluiting_periode"),
            models.UniqueConstraint(
                fields=["soort", "naam", "van"], condition=models.Q(school__isnull=True), name="sluiting_regio_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.van:%d-%m-%Y} – {self.tot_en_met:%d-%m-%Y})"


@pghistory.track()
class Blok(models.Model):
    """A period of weekly sessions between two holidays (usually 6–8 weeks)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="blokken")
    schooljaar = models.ForeignKey(Schooljaar, on_delete=models.PROTECT, related_name="blokken")
    naam = models.CharField("naam", max_length=100)
    begindatum = models.DateField("eerste dag")
    einddatum = models.DateField("laatste dag")

    class Meta:
        verbose_name = "blok"
        verbose_name_plural = "blokken"
        ordering = ["begindatum"]
        constraints = [
            models.CheckConstraint(condition=models.Q(einddatum__gte=models.F("begindatum")), name="blok_periode"),
            models.UniqueConstraint(fields=["school", "schooljaar", "naam"], name="blok_naam_uniek"),
        ]

    def __str__(self) -> str:
        return self.naam


@pghistory.track(exclude=["updated_at"])
class Activiteit(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="activiteiten")
    blok = models.ForeignKey(Blok, on_delete=models.PROTECT, related_name="activiteiten", verbose_name="blok")
    titel = models.CharField("titel", max_length=150)
    omschrijving = models.TextField("omschrijving", blank=True)
    ontwikkelgebied = models.CharField("ontwikkelgebied", max_length=20, choices=Ontwikkelgebied.choices)
    aanbieder = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activiteiten",
        verbose_name="aanbieder",
        help_text="Leeg: door eigen personeel.",
    )
    locatie = models.CharField("locatie", max_length=150, default="School")
    jaargroepen = ArrayField(
        models.CharField(max_length=2, choices=Jaargroep.choices), verbose_name="voor jaargroepen", default=list
    )
    capaciteit = models.PositiveSmallIntegerField("aantal plaatsen")
    kosten = models.DecimalField("kosten voor de school (€)", max_digits=9, decimal_places=2, default=0)
    begeleiders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="begeleide_activiteiten", verbose_name="begeleiders"
    )
    # The weekly rhythm the sessions are generated from.
    weekdag = models.PositiveSmallIntegerField(
        "dag", choices=[(0, "maandag"), (1, "dinsdag"), (2, "woensdag"), (3, "donderdag"), (4, "vrijdag")]
    )
    begintijd = models.TimeField("van")
    eindtijd = models.TimeField("tot")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "activiteit"
        verbose_name_plural = "activiteiten"
        ordering = ["blok__begindatum", "titel"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capaciteit__gte=1), name="activiteit_capaciteit"),
            models.CheckConstraint(condition=models.Q(kosten__gte=0), name="activiteit_kosten"),
            models.CheckConstraint(condition=models.Q(eindtijd__gt=models.F("begintijd")), name="activiteit_tijden"),
            models.CheckConstraint(
                condition=models.Q(ontwikkelgebied__in=Ontwikkelgebied.values), name="activiteit_ontwikkelgebied"
            ),
            models.CheckConstraint(condition=models.Q(weekdag__gte=0, weekdag__lte=4), name="activiteit_weekdag"),
        ]

    def __str__(self) -> str:
        return self.titel


class Bijeenkomst(models.Model):
    """One session. Generated from the activity's rhythm, skipping closures; can be cancelled
    or moved one by one."""

    activiteit = models.ForeignKey(Activiteit, on_delete=models.CASCADE, related_name="bijeenkomsten")
    datum = models.DateField("datum")
    # Set when a session is moved, so generating the sessions again does not bring it back.
    oorspronkelijke_datum = models.DateField("oorspronkelijke datum", null=True, blank=True)
    begintijd = models.TimeField("van")
    eindtijd = models.TimeField("tot")
    geannuleerd = models.BooleanField("geannuleerd", default=False)
    reden = models.CharField("reden van annuleren of verplaatsen", max_length=200, blank=True)
    werkelijke_minuten = models.PositiveSmallIntegerField("werkelijke duur (minuten)", null=True, blank=True)

    class Meta:
        verbose_name = "bijeenkomst"
        verbose_name_plural = "bijeenkomsten"
        ordering = ["datum", "begintijd"]
        constraints = [
            models.UniqueConstraint(fields=["activiteit", "datum"], name="bijeenkomst_een_per_dag"),
            models.CheckConstraint(condition=models.Q(eindtijd__gt=models.F("begintijd")), name="bijeenkomst_tijden"),
        ]

    def __str__(self) -> str:
        return f"{self.activiteit} {self.datum:%d-%m-%Y}"


class InschrijvingStatus(models.TextChoices):
    GEPLAATST = "geplaatst", "Geplaatst"
    WACHTLIJST = "wachtlijst", "Wachtlijst"
    AFGEMELD = "afgemeld", "Afgemeld"


@pghistory.track()
class Inschrijving(models.Model):
    Status = InschrijvingStatus

    activiteit = models.ForeignKey(Activiteit, on_delete=models.CASCADE, related_name="inschrijvingen")
    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="inschrijvingen")
    status = models.CharField("status", max_length=20, choices=InschrijvingStatus.choices)
    # Waitlist order: pupils not yet reached this school year first, then by time of enrolment.
    prioriteit = models.BooleanField("voorrang (nog niet bereikt)", default=False)
    ingeschreven_op = models.DateTimeField("ingeschreven op", auto_now_add=True)
    toestemming_ouder = models.BooleanField("toestemming van ouder op het formulier", default=False)
    ingeschreven_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "inschrijving"
        verbose_name_plural = "inschrijvingen"
        ordering = ["-prioriteit", "ingeschreven_op", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activiteit", "leerling"], name="inschrijving_uniek"),
            models.CheckConstraint(
                condition=models.Q(status__in=InschrijvingStatus.values), name="inschrijving_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leerling} → {self.activiteit} ({self.get_status_display()})"


class PresentieStatus(models.TextChoices):
    AANWEZIG = "aanwezig", "Aanwezig"
    AFWEZIG_MET_REDEN = "afwezig_met_reden", "Afwezig met reden"
    AFWEZIG = "afwezig", "Afwezig"


class Presentie(models.Model):
    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="presenties")
    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="presenties")
    status = models.CharField("presentie", max_length=20, choices=PresentieStatus.choices)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "presentie"
        verbose_name_plural = "presenties"
        constraints = [
            models.UniqueConstraint(fields=["bijeenkomst", "leerling"], name="presentie_uniek"),
            models.CheckConstraint(condition=models.Q(status__in=PresentieStatus.values), name="presentie_status"),
        ]

    def __str__(self) -> str:
        return f"{self.leerling} {self.get_status_display()}"


class Doorstroom(models.Model):
    """A pupil became a member of a club after an activity."""

    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="doorstromen")
    activiteit = models.ForeignKey(
        Activiteit, on_delete=models.SET_NULL, null=True, blank=True, related_name="doorstromen"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="doorstromen", verbose_name="club")
    datum = models.DateField("lid sinds")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "doorstroom"
        verbose_name_plural = "doorstromen"
        ordering = ["-datum"]
        constraints = [models.UniqueConstraint(fields=["leerling", "partner"], name="doorstroom_uniek")]

    def __str__(self) -> str:
        return f"{self.leerling} → {self.partner}"


class ActiviteitVertaling(models.Model):
    """The activity's title and description in a parent's language, for the booklet and the
    invitations; without one, parents read the Dutch text."""

    activiteit = models.ForeignKey(Activiteit, on_delete=models.CASCADE, related_name="vertalingen")
    taal = models.CharField("taal", max_length=10)
    titel = models.CharField("titel", max_length=150)
    omschrijving = models.TextField("omschrijving", blank=True)

    class Meta:
        verbose_name = "vertaling"
        verbose_name_plural = "vertalingen"
        ordering = ["taal"]
        constraints = [
            models.UniqueConstraint(fields=["activiteit", "taal"], name="activiteit_vertaling_uniek"),
            models.CheckConstraint(condition=~models.Q(taal="nl"), name="activiteit_vertaling_niet_nl"),
        ]

    def __str__(self) -> str:
        return f"{self.activiteit} ({self.taal})"


class ActiviteitUitnodiging(models.Model):
    """A pupil not yet reached this school year was invited for the activities of a block: the
    guardians got an e-mail in their language with the booklet, or a printed booklet to take
    home. One per pupil and block, so the list shows who was invited already."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="activiteit_uitnodigingen")
    blok = models.ForeignKey(Blok, on_delete=models.CASCADE, related_name="uitnodigingen")
    uitgenodigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uitgenodigd_op = models.DateTimeField("uitgenodigd op", auto_now_add=True)
    per_email = models.PositiveSmallIntegerField("aantal e-mails", default=0)
    op_papier = models.BooleanField("boekje meegeven (geen e-mailadres)", default=False)

    class Meta:
        verbose_name = "uitnodiging voor activiteiten"
        verbose_name_plural = "uitnodigingen voor activiteiten"
        ordering = ["-uitgenodigd_op"]
        constraints = [models.UniqueConstraint(fields=["leerling", "blok"], name="activiteit_uitnodiging_uniek")]

    def __str__(self) -> str:
        return f"{self.leerling} — {self.blok}"


class Opvolging(models.Model):
    """The coordinator dealt with the suggestion "three absences in a row" (a signal logged, a
    talk with the parents): the suggestion disappears until the child is absent again after
    ``tot_en_met``."""

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="opvolgingen")
    tot_en_met = models.DateField("afwezigheden tot en met")
    notitie = models.CharField("wat is er gedaan", max_length=200, blank=True)
    afgehandeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    afgehandeld_op = models.DateTimeField("afgehandeld op", auto_now_add=True)

    class Meta:
        verbose_name = "opvolging van afwezigheid"
        verbose_name_plural = "opvolgingen van afwezigheid"
        constraints = [models.UniqueConstraint(fields=["inschrijving", "tot_en_met"], name="opvolging_uniek")]

    def __str__(self) -> str:
        return f"{self.inschrijving} t/m {self.tot_en_met:%d-%m-%Y}"
