"""The Familieservicepunt: walk-in hours, walk-in questions, intakes (Hulpvraag) with contact
moments, agreed actions and appointments, and referrals to partners (reference/domain.md §4.3)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse

from familieschool.choices import Hulpdomein
from familieschool.models import School
from gezinnen.models.leerlingen import Gezin
from gezinnen.models.signalen import Signaal
from partners.models import Partner


class Weekdag(models.IntegerChoices):
    MAANDAG = 0, "maandag"
    DINSDAG = 1, "dinsdag"
    WOENSDAG = 2, "woensdag"
    DONDERDAG = 3, "donderdag"
    VRIJDAG = 4, "vrijdag"


@pghistory.track()
class Spreekuur(models.Model):
    """A weekly walk-in hour of the FSP, e.g. Monday 8:30–10:00 in the ouderkamer."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="spreekuren")
    weekdag = models.PositiveSmallIntegerField("dag", choices=Weekdag.choices)
    begintijd = models.TimeField("van")
    eindtijd = models.TimeField("tot")
    locatie = models.CharField("waar", max_length=100, default="Ouderkamer")
    medewerkers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="spreekuren", verbose_name="wie zitten er"
    )
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "spreekuur"
        verbose_name_plural = "spreekuren"
        ordering = ["weekdag", "begintijd"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eindtijd__gt=models.F("begintijd")), name="spreekuur_eind_na_begin"
            ),
            models.CheckConstraint(condition=models.Q(weekdag__gte=0, weekdag__lte=4), name="spreekuur_weekdag"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekdag_display()} {self.begintijd:%H:%M}–{self.eindtijd:%H:%M} ({self.locatie})"


class HulpvraagStatus(models.TextChoices):
    OPEN = "open", "Open"
    LOPEND = "lopend", "Loopt"
    AFGEROND = "afgerond", "Afgerond"


@pghistory.track(exclude=["updated_at"])
class Hulpvraag(models.Model):
    """An intake at the FSP: a family's question that needs more than an answer on the spot.
    Owned by the OKA or the Buurtteam; its notes are confidential to the FSP roles."""

    Status = HulpvraagStatus

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="hulpvragen")
    gezin = models.ForeignKey(Gezin, on_delete=models.PROTECT, related_name="hulpvragen", verbose_name="gezin")
    categorieen = ArrayField(
        models.CharField(max_length=20, choices=Hulpdomein.choices), verbose_name="categorieën", default=list
    )
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hulpvragen", verbose_name="eigenaar"
    )
    status = models.CharField("status", max_length=20, choices=HulpvraagStatus.choices, default=HulpvraagStatus.OPEN)
    aanleiding = models.TextField("aanleiding", max_length=1000, blank=True)
    vertrouwelijke_notities = models.TextField("vertrouwelijke notities", blank=True)
    signaal = models.ForeignKey(
        Signaal, on_delete=models.SET_NULL, null=True, blank=True, related_name="hulpvragen", verbose_name="signaal"
    )
    uitkomst = models.TextField("uitkomst", max_length=1000, blank=True)
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)

    class Meta:
        verbose_name = "hulpvraag"
        verbose_name_plural = "hulpvragen"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["school", "status"], name="hulpvraag_school_status_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=HulpvraagStatus.values), name="hulpvraag_status"),
            models.CheckConstraint(
                condition=models.Q(categorieen__contained_by=Hulpdomein.values) & ~models.Q(categorieen=[]),
                name="hulpvraag_categorieen",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=HulpvraagStatus.AFGEROND) | ~models.Q(uitkomst=""),
                name="hulpvraag_afgerond_met_uitkomst",
            ),
        ]

    def __str__(self) -> str:
        return f"Hulpvraag {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("gezinnen:hulpvraag_detail", args=[self.pk])


@pghistory.track()
class Vraag(models.Model):
    """A walk-in question at the FSP, registered in seconds: a category, anonymous or linked to
    a family, answered on the spot or turned into an intake."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="vragen")
    spreekuur = models.ForeignKey(
        Spreekuur, on_delete=models.SET_NULL, null=True, blank=True, related_name="vragen", verbose_name="spreekuur"
    )
    gesteld_op = models.DateTimeField("gesteld op")
    categorie = models.CharField("categorie", max_length=20, choices=Hulpdomein.choices)
    gezin = models.ForeignKey(
        Gezin,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vragen",
        verbose_name="gezin",
        help_text="Leeg: anoniem.",
    )
    omschrijving = models.CharField("korte omschrijving", max_length=300, blank=True)
    ter_plekke_beantwoord = models.BooleanField("ter plekke beantwoord", default=True)
    tolk_gebruikt = models.BooleanField("tolk gebruikt", default=False)
    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.SET_NULL, null=True, blank=True, related_name="vragen", verbose_name="intake"
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="geregistreerd door"
    )

    class Meta:
        verbose_name = "vraag"
        verbose_name_plural = "vragen"
        ordering = ["-gesteld_op"]
        indexes = [models.Index(fields=["school", "gesteld_op"], name="vraag_school_datum_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(categorie__in=Hulpdomein.values), name="vraag_categorie"),
            # An intake needs a family: an anonymous question cannot become one.
            models.CheckConstraint(
                condition=models.Q(hulpvraag__isnull=True) | models.Q(gezin__isnull=False),
                name="vraag_intake_met_gezin",
            ),
        ]

    def __str__(self) -> str:
        return f"Vraag {self.pk} ({self.get_categorie_display()})"


class ContactSoort(models.TextChoices):
    INLOOP = "inloop", "Inloop"
    AFSPRAAK = "afspraak", "Afspraak"
    TELEFOON = "telefoon", "Telefoon"
    HUISBEZOEK = "huisbezoek", "Huisbezoek"
    OVERIG = "overig", "Anders"


@pghistory.track()
class Contactmoment(models.Model):
    hulpvraag = models.ForeignKey(Hulpvraag, on_delete=models.CASCADE, related_name="contactmomenten")
    soort = models.CharField("soort", max_length=20, choices=ContactSoort.choices)
    op = models.DateTimeField("wanneer")
    duur_minuten = models.PositiveSmallIntegerField("duur (minuten)", default=15)
    tolk_gebruikt = models.BooleanField("tolk gebruikt", default=False)
    notitie = models.TextField("notitie", max_length=2000, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="door")

    class Meta:
        verbose_name = "contactmoment"
        verbose_name_plural = "contactmomenten"
        ordering = ["-op"]
        constraints = [
            models.CheckConstraint(condition=models.Q(soort__in=ContactSoort.values), name="contactmoment_soort"),
            models.CheckConstraint(
                condition=models.Q(duur_minuten__gte=1, duur_minuten__lte=480), name="contactmoment_duur"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.op:%d-%m-%Y}"


@pghistory.track()
class Actiepunt(models.Model):
    """An agreed action ("moeder vraagt Stadspas aan", "OKA belt school") with a date."""

    hulpvraag = models.ForeignKey(Hulpvraag, on_delete=models.CASCADE, related_name="actiepunten")
    omschrijving = models.CharField("wat", max_length=300)
    wie = models.CharField("wie", max_length=100)
    uiterlijk = models.DateField("uiterlijk", null=True, blank=True)
    gedaan_op = models.DateField("gedaan op", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "actiepunt"
        verbose_name_plural = "actiepunten"
        ordering = ["gedaan_op", "uiterlijk", "pk"]

    def __str__(self) -> str:
        return self.omschrijving


@pghistory.track()
class Afspraak(models.Model):
    """An appointment, usually in a walk-in slot."""

    hulpvraag = models.ForeignKey(Hulpvraag, on_delete=models.CASCADE, related_name="afspraken")
    spreekuur = models.ForeignKey(
        Spreekuur, on_delete=models.SET_NULL, null=True, blank=True, related_name="afspraken", verbose_name="spreekuur"
    )
    datum = models.DateField("datum")
    begintijd = models.TimeField("tijd")
    duur_minuten = models.PositiveSmallIntegerField("duur (minuten)", default=30)
    met = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="met")
    tolk_nodig = models.BooleanField("tolk nodig", default=False)
    notitie = models.CharField("notitie", max_length=300, blank=True)
    geannuleerd = models.BooleanField("geannuleerd", default=False)

    class Meta:
        verbose_name = "afspraak"
        verbose_name_plural = "afspraken"
        ordering = ["datum", "begintijd"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duur_minuten__gte=5, duur_minuten__lte=240), name="afspraak_duur"
            ),
        ]

    def __str__(self) -> str:
        return f"Afspraak {self.datum:%d-%m-%Y} {self.begintijd:%H:%M}"


class DoorverwijzingStatus(models.TextChoices):
    VERSTUURD = "verstuurd", "Verwezen, wacht op reactie"
    GEACCEPTEERD = "geaccepteerd", "Geaccepteerd door de partner"
    AFGEWEZEN = "afgewezen", "Niet geaccepteerd"
    AFGEROND = "afgerond", "Afgerond"


@pghistory.track(exclude=["updated_at"])
class Doorverwijzing(models.Model):
    """A referral of a family to a partner of the sociale kaart. We keep only *that* it happened,
    to whom, when and how it went; the partner keeps its own file (reference/domain.md §8)."""

    Status = DoorverwijzingStatus

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="doorverwijzingen")
    gezin = models.ForeignKey(Gezin, on_delete=models.PROTECT, related_name="doorverwijzingen", verbose_name="gezin")
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="doorverwijzingen", verbose_name="partner"
    )
    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.SET_NULL, null=True, blank=True, related_name="doorverwijzingen"
    )
    signaal = models.ForeignKey(
        Signaal, on_delete=models.SET_NULL, null=True, blank=True, related_name="doorverwijzingen"
    )
    categorie = models.CharField("categorie", max_length=20, choices=Hulpdomein.choices)
    datum = models.DateField("verwezen op")
    warme_overdracht = models.BooleanField("warme overdracht", default=False)
    terugkoppeling_voor = models.DateField("terugkoppeling verwacht vóór")
    status = models.CharField(
        "status", max_length=20, choices=DoorverwijzingStatus.choices, default=DoorverwijzingStatus.VERSTUURD
    )
    ontvangen_op = models.DateField("reactie van de partner op", null=True, blank=True)
    terugkoppeling = models.TextField("terugkoppeling", max_length=1000, blank=True)
    uitkomst = models.TextField("uitkomst", max_length=1000, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="door")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "doorverwijzing"
        verbose_name_plural = "doorverwijzingen"
        ordering = ["-datum", "-pk"]
        indexes = [
            models.Index(fields=["school", "status"], name="doorverwijzing_status_idx"),
            models.Index(fields=["partner", "status"], name="doorverwijzing_partner_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=DoorverwijzingStatus.values), name="doorverwijzing_status"
            ),
            models.CheckConstraint(
                condition=models.Q(categorie__in=Hulpdomein.values), name="doorverwijzing_categorie"
            ),
            models.CheckConstraint(
                condition=models.Q(terugkoppeling_voor__gte=models.F("datum")),
                name="doorverwijzing_terugkoppeling_na_datum",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DoorverwijzingStatus.AFGEROND) | ~models.Q(uitkomst=""),
                name="doorverwijzing_afgerond_met_uitkomst",
            ),
        ]

    def __str__(self) -> str:
        return f"Doorverwijzing naar {self.partner}"

    def get_absolute_url(self) -> str:
        return reverse("gezinnen:doorverwijzing_detail", args=[self.pk])
