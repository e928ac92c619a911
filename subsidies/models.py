"""Subsidies: funding streams as data, grants with budget lines and expenses, deadlines,
activities funded by grants, stored accountability reports, and fund applications per child
(DESIGN.md §5 "subsidies", reference/domain.md §3). Money is Decimal in euros, two places."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from activiteiten.models import Activiteit, Ouderactiviteit
from familieschool.models import Bestuur, School, Schooljaar
from gezinnen.models import Gezin, Hulpvraag, Leerling, Signaal
from partners.models import Partner

NUL = Decimal("0.00")


def bedrag_veld(verbose_name: str, **kwargs) -> models.DecimalField:
    """Euros with two decimals, up to ten million."""
    return models.DecimalField(verbose_name, max_digits=10, decimal_places=2, **kwargs)


class RegelingSoort(models.TextChoices):
    SUBSIDIE = "subsidie", "Subsidie aan school of bestuur"
    FONDS = "fonds", "Fonds per kind"


class Rapportage(models.TextChoices):
    """Which computed report a funding stream's accountability uses."""

    GEEN = "geen", "Alleen uitgaven"
    SCHOOL_EN_OMGEVING = "school_en_omgeving", "School & Omgeving (uren en deelname)"
    AFS = "afs", "Amsterdamse Familieschool (bereik, ouders, FSP, uitgaven)"


class Regeling(models.Model):
    """A funding stream with its rules, kept as data a board can edit (reference/domain.md §3:
    the streams change often and are to be bundled from 2029)."""

    bestuur = models.ForeignKey(Bestuur, on_delete=models.CASCADE, related_name="regelingen")
    code = models.SlugField("code", max_length=40)
    naam = models.CharField("naam", max_length=120)
    soort = models.CharField("soort", max_length=20, choices=RegelingSoort.choices, default=RegelingSoort.SUBSIDIE)
    financier = models.CharField("financier", max_length=200, blank=True)
    omschrijving = models.TextField("omschrijving", blank=True)
    voorwaarden = models.TextField("voorwaarden", blank=True)
    verantwoording = models.TextField("verantwoording en bewijs", blank=True)
    rapportage = models.CharField("rapportage", max_length=30, choices=Rapportage.choices, default=Rapportage.GEEN)
    # School & Omgeving: the weekly hours a participating pupil should get on average.
    minimum_uren_per_week = models.DecimalField(
        "minimum uren per week", max_digits=4, decimal_places=1, null=True, blank=True
    )
    # Funds per child.
    maximum_per_kind_per_jaar = bedrag_veld("maximum per kind per schooljaar", null=True, blank=True)
    stadspas_als_bewijs = models.BooleanField(
        "Stadspas geldt als bewijs van inkomen",
        default=False,
        help_text="Zonder Stadspas is dan een motivatie nodig.",
    )
    verlengen_na_maanden = models.PositiveSmallIntegerField("verlengen na (maanden)", null=True, blank=True)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "regeling"
        verbose_name_plural = "regelingen"
        ordering = ["soort", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["bestuur", "code"], name="regeling_code_uniek"),
            models.CheckConstraint(
                condition=Q(maximum_per_kind_per_jaar__isnull=True) | Q(maximum_per_kind_per_jaar__gt=0),
                name="regeling_maximum_positief",
            ),
            models.CheckConstraint(
                condition=Q(minimum_uren_per_week__isnull=True) | Q(minimum_uren_per_week__gt=0),
                name="regeling_minimum_uren_positief",
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class ToekenningStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", "Aangevraagd"
    TOEGEKEND = "toegekend", "Toegekend"
    VERANTWOORD = "verantwoord", "Verantwoord"
    VASTGESTELD = "vastgesteld", "Vastgesteld"
    AFGEWEZEN = "afgewezen", "Afgewezen"


@pghistory.track()
class Toekenning(models.Model):
    """A grant to one school: a period that may span school years, an amount, conditions."""

    Status = ToekenningStatus

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="toekenningen")
    regeling = models.ForeignKey(
        Regeling, on_delete=models.PROTECT, related_name="toekenningen", verbose_name="regeling"
    )
    naam = models.CharField("naam", max_length=150)
    referentie = models.CharField("kenmerk beschikking", max_length=100, blank=True)
    begindatum = models.DateField("begindatum")
    einddatum = models.DateField("einddatum")
    bedrag = bedrag_veld("toegekend bedrag")
    voorwaarden = models.TextField("voorwaarden", blank=True)
    status = models.CharField("status", max_length=20, choices=ToekenningStatus.choices, default="toegekend")
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "toekenning"
        verbose_name_plural = "toekenningen"
        ordering = ["-begindatum", "naam"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="toekenning_bedrag_niet_negatief"),
            models.CheckConstraint(condition=Q(einddatum__gte=F("begindatum")), name="toekenning_periode"),
            models.CheckConstraint(condition=Q(status__in=ToekenningStatus.values), name="toekenning_status"),
            models.UniqueConstraint(
                fields=["school", "regeling", "referentie"],
                condition=~Q(referentie=""),
                name="toekenning_referentie_uniek",
            ),
        ]
        indexes = [models.Index(fields=["school", "einddatum"], name="toekenning_school_eind_idx")]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("subsidies:toekenning_detail", args=[self.pk])


class Begrotingssoort(models.TextChoices):
    PERSONEEL = "personeel", "Personeel"
    ACTIVITEITEN = "activiteiten", "Activiteiten"
    MATERIAAL = "materiaal", "Materiaal"
    OVERIG = "overig", "Overig"


@pghistory.track()
class Begrotingspost(models.Model):
    """One line of a grant's budget; one line per kind."""

    Soort = Begrotingssoort

    toekenning = models.ForeignKey(Toekenning, on_delete=models.CASCADE, related_name="posten")
    soort = models.CharField("begrotingspost", max_length=20, choices=Begrotingssoort.choices)
    bedrag = bedrag_veld("begroot")
    toelichting = models.CharField("toelichting", max_length=300, blank=True)

    class Meta:
        verbose_name = "begrotingspost"
        verbose_name_plural = "begrotingsposten"
        ordering = ["toekenning", "soort"]
        constraints = [
            models.UniqueConstraint(fields=["toekenning", "soort"], name="begrotingspost_uniek"),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="begrotingspost_bedrag_niet_negatief"),
            models.CheckConstraint(condition=Q(soort__in=Begrotingssoort.values), name="begrotingspost_soort"),
        ]

    def __str__(self) -> str:
        return self.get_soort_display()


def bijlage_pad(instance: Uitgave, filename: str) -> str:
    """Attachments live under MEDIA_ROOT (outside the web root) with a random name; the original
    name is kept in ``bijlage_naam`` and only shown through a permission-checked view."""
    extensie = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"uitgaven/{instance.toekenning.school_id}/{uuid.uuid4().hex}.{extensie}"


@pghistory.track()
class Uitgave(models.Model):
    toekenning = models.ForeignKey(Toekenning, on_delete=models.PROTECT, related_name="uitgaven")
    post = models.ForeignKey(
        Begrotingspost, on_delete=models.PROTECT, related_name="uitgaven", verbose_name="begrotingspost"
    )
    datum = models.DateField("datum")
    bedrag = bedrag_veld("bedrag")
    omschrijving = models.CharField("omschrijving", max_length=300)
    activiteit = models.ForeignKey(
        Activiteit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uitgaven",
        verbose_name="activiteit",
    )
    ouderactiviteit = models.ForeignKey(
        Ouderactiviteit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uitgaven",
        verbose_name="ouderactiviteit",
    )
    factuurnummer = models.CharField("factuurnummer", max_length=100, blank=True)
    bijlage = models.FileField("bijlage", upload_to=bijlage_pad, blank=True, max_length=200)
    bijlage_naam = models.CharField("naam bijlage", max_length=200, blank=True)
    bijlage_type = models.CharField("type bijlage", max_length=50, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "uitgave"
        verbose_name_plural = "uitgaven"
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="uitgave_bedrag_positief"),
        ]
        indexes = [models.Index(fields=["toekenning", "datum"], name="uitgave_toekenning_datum_idx")]

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.datum:%d-%m-%Y})"

    def clean(self) -> None:
        if self.post_id and self.toekenning_id and self.post.toekenning_id != self.toekenning_id:
            raise ValidationError({"post": "Deze begrotingspost hoort bij een andere toekenning."})


class Financiering(models.Model):
    """An activity paid (in part) from a grant: the share in percent. The shares of one activity
    add up to at most 100 (checked in subsidies.services)."""

    toekenning = models.ForeignKey(Toekenning, on_delete=models.CASCADE, related_name="financieringen")
    activiteit = models.ForeignKey(Activiteit, on_delete=models.CASCADE, related_name="financieringen")
    aandeel = models.PositiveSmallIntegerField("aandeel (%)")

    class Meta:
        verbose_name = "financiering"
        verbose_name_plural = "financieringen"
        ordering = ["activiteit", "-aandeel"]
        constraints = [
            models.UniqueConstraint(fields=["toekenning", "activiteit"], name="financiering_uniek"),
            models.CheckConstraint(condition=Q(aandeel__gte=1, aandeel__lte=100), name="financiering_aandeel"),
        ]

    def __str__(self) -> str:
        return f"{self.activiteit} — {self.toekenning} ({self.aandeel}%)"


class DeadlineSoort(models.TextChoices):
    VERANTWOORDING = "verantwoording", "Verantwoording"
    AANVRAAG = "aanvraag", "Aanvraag"
    DECLARATIE = "declaratie", "Declaratie"
    OVERIG = "overig", "Overig"


class Herhaling(models.TextChoices):
    GEEN = "geen", "Eenmalig"
    MAANDELIJKS = "maandelijks", "Elke maand"
    JAARLIJKS = "jaarlijks", "Elk jaar"


class Deadline(models.Model):
    """A milestone (an accountability report, an application window, a monthly declaration)
    with an owner who gets a reminder ``dagen_vooraf`` days before."""

    Soort = DeadlineSoort

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="deadlines")
    toekenning = models.ForeignKey(
        Toekenning,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name="toekenning",
    )
    soort = models.CharField("soort", max_length=20, choices=DeadlineSoort.choices, default="verantwoording")
    titel = models.CharField("wat", max_length=200)
    datum = models.DateField("uiterlijk op")
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deadlines", verbose_name="eigenaar"
    )
    dagen_vooraf = models.PositiveSmallIntegerField("herinnering (dagen vooraf)", default=14)
    herhaling = models.CharField("herhaling", max_length=20, choices=Herhaling.choices, default="geen")
    notitie = models.TextField("notitie", blank=True)
    herinnerd_op = models.DateTimeField("herinnering verstuurd op", null=True, blank=True)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = "deadline"
        verbose_name_plural = "deadlines"
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(dagen_vooraf__lte=365), name="deadline_dagen_vooraf"),
        ]
        indexes = [models.Index(fields=["school", "datum"], name="deadline_school_datum_idx")]

    def __str__(self) -> str:
        return f"{self.titel} ({self.datum:%d-%m-%Y})"


class Verantwoording(models.Model):
    """A stored accountability report for a grant and period: the figures as they were when it
    was made (``gegevens``), so later edits do not change what was submitted. The XLSX and PDF
    are rendered from ``gegevens`` only."""

    toekenning = models.ForeignKey(Toekenning, on_delete=models.PROTECT, related_name="verantwoordingen")
    van = models.DateField("van")
    tot_en_met = models.DateField("tot en met")
    gegevens = models.JSONField("gegevens")
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    aangemaakt_op = models.DateTimeField("gemaakt op", auto_now_add=True)
    ingediend_op = models.DateField("ingediend op", null=True, blank=True)

    class Meta:
        verbose_name = "verantwoording"
        verbose_name_plural = "verantwoordingen"
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(condition=Q(tot_en_met__gte=F("van")), name="verantwoording_periode"),
        ]

    def __str__(self) -> str:
        return f"Verantwoording {self.toekenning} {self.van:%d-%m-%Y} – {self.tot_en_met:%d-%m-%Y}"

    def save(self, *args, **kwargs) -> None:
        # The snapshot is immutable: once stored only the submission date may change.
        if self.pk and kwargs.get("update_fields") != ["ingediend_op"]:
            bewaard = Verantwoording.objects.filter(pk=self.pk).values("gegevens", "van", "tot_en_met").first()
            if bewaard and (
                bewaard["gegevens"] != self.gegevens
                or bewaard["van"] != self.van
                or bewaard["tot_en_met"] != self.tot_en_met
            ):
                raise ValidationError("Een opgeslagen verantwoording kan niet meer worden gewijzigd.")
        super().save(*args, **kwargs)


class FondsDoel(models.TextChoices):
    SPORTCLUB = "sportclub", "Contributie sportclub"
    ZWEMLES = "zwemles", "Zwemles (diplomazwemmen)"
    CULTUUR = "cultuur", "Muziek-, dans- of kunstles"
    SCHOOLREIS = "schoolreis", "Schoolreis of kamp"
    LEERMIDDELEN = "leermiddelen", "Leermiddelen"
    BED = "bed", "Bed"
    BUREAU = "bureau", "Bureau"
    OVERIG = "overig", "Overig"


class FondsaanvraagStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", "Aangevraagd"
    TOEGEKEND = "toegekend", "Toegekend"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    BETAALD = "betaald", "Betaald"


class Stadspas(models.TextChoices):
    JA = "ja", "Ja, het gezin heeft een Stadspas"
    NEE = "nee", "Nee"
    ONBEKEND = "onbekend", "Weet ik niet"


@pghistory.track()
class Fondsaanvraag(models.Model):
    """An application to a fund for one child (Jeugdfonds Sport & Cultuur, Jeugdeducatiefonds),
    made by the school as intermediair."""

    Status = FondsaanvraagStatus

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="fondsaanvragen")
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, related_name="fondsaanvragen", verbose_name="leerling"
    )
    gezin = models.ForeignKey(
        Gezin, on_delete=models.PROTECT, null=True, blank=True, related_name="fondsaanvragen", verbose_name="gezin"
    )
    regeling = models.ForeignKey(
        Regeling, on_delete=models.PROTECT, related_name="fondsaanvragen", verbose_name="fonds"
    )
    schooljaar = models.ForeignKey(Schooljaar, on_delete=models.PROTECT, related_name="+")
    doel = models.CharField("waarvoor", max_length=20, choices=FondsDoel.choices)
    omschrijving = models.CharField("omschrijving", max_length=300, blank=True)
    aanbieder = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="aanbieder"
    )
    bedrag = bedrag_veld("aangevraagd bedrag")
    toegekend_bedrag = bedrag_veld("toegekend bedrag", null=True, blank=True)
    stadspas = models.CharField("Stadspas", max_length=10, choices=Stadspas.choices, default="onbekend")
    motivatie = models.TextField("motivatie", blank=True)
    status = models.CharField(
        "status", max_length=20, choices=FondsaanvraagStatus.choices, default=FondsaanvraagStatus.AANGEVRAAGD
    )
    dossiernummer = models.CharField("dossiernummer", max_length=50, blank=True)
    aangevraagd_op = models.DateField("aangevraagd op")
    besloten_op = models.DateField("besluit op", null=True, blank=True)
    betaald_op = models.DateField("betaald op", null=True, blank=True)
    reden_afwijzing = models.CharField("reden afwijzing", max_length=300, blank=True)
    signaal = models.ForeignKey(
        Signaal, on_delete=models.SET_NULL, null=True, blank=True, related_name="fondsaanvragen"
    )
    hulpvraag = models.ForeignKey(
        Hulpvraag, on_delete=models.SET_NULL, null=True, blank=True, related_name="fondsaanvragen"
    )
    # Participation check: is the child still going to the club or lesson?
    deelname_gecontroleerd_op = models.DateField("deelname gecontroleerd op", null=True, blank=True)
    doet_nog_mee = models.BooleanField("doet nog mee", null=True, blank=True)
    deelname_notitie = models.CharField("notitie deelname", max_length=300, blank=True)
    verlenging_herinnerd_op = models.DateTimeField("verlenging herinnerd op", null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "fondsaanvraag"
        verbose_name_plural = "fondsaanvragen"
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="fondsaanvraag_bedrag_positief"),
            models.CheckConstraint(
                condition=Q(toegekend_bedrag__isnull=True) | Q(toegekend_bedrag__gte=0),
                name="fondsaanvraag_toegekend_niet_negatief",
            ),
            models.CheckConstraint(condition=Q(status__in=FondsaanvraagStatus.values), name="fondsaanvraag_status"),
            models.CheckConstraint(
                condition=~Q(status__in=["toegekend", "betaald"]) | Q(toegekend_bedrag__isnull=False),
                name="fondsaanvraag_toegekend_met_bedrag",
            ),
            models.CheckConstraint(
                condition=~Q(status="betaald") | Q(betaald_op__isnull=False), name="fondsaanvraag_betaald_met_datum"
            ),
        ]
        indexes = [models.Index(fields=["school", "schooljaar", "status"], name="fondsaanvraag_school_jaar_idx")]

    def __str__(self) -> str:
        return f"Fondsaanvraag {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("subsidies:fondsaanvraag_detail", args=[self.pk])
