"""The sociale kaart: one directory of neighbourhood partners per board, and per school the
collaboration with each partner."""

from __future__ import annotations

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from familieschool.choices import Hulpdomein
from familieschool.models import Bestuur, School


class PartnerSoort(models.TextChoices):
    SPORTVERENIGING = "sportvereniging", "Sportvereniging"
    CULTUUR = "cultuur", "Cultuur en muziek"
    JONGERENWERK = "jongerenwerk", "Jongerenwerk"
    BUURTTEAM = "buurtteam", "Buurtteam"
    OKT = "okt", "Ouder- en Kindteam"
    JGZ = "jgz", "Jeugdgezondheidszorg (JGZ)"
    VEILIG_THUIS = "veilig_thuis", "Veilig Thuis"
    BIBLIOTHEEK = "bibliotheek", "Bibliotheek"
    FONDS = "fonds", "Fonds"
    GEMEENTE = "gemeente", "Gemeente"
    KINDEROPVANG = "kinderopvang", "Kinderopvang en voorschool"
    VO_SCHOOL = "vo_school", "School voor voortgezet onderwijs"
    OVERIG = "overig", "Overig"


@pghistory.track(exclude=["zoektekst", "zoekvector", "updated_at"])
class Partner(models.Model):
    Soort = PartnerSoort

    bestuur = models.ForeignKey(Bestuur, on_delete=models.PROTECT, related_name="partners")
    naam = models.CharField("naam", max_length=200)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    omschrijving = models.TextField("omschrijving", blank=True)
    aanbod = models.TextField("aanbod", blank=True, help_text="Wat de partner biedt, bv. zwemles, budgetcoaching.")
    domeinen = ArrayField(
        models.CharField(max_length=20, choices=Hulpdomein.choices),
        verbose_name="hulpdomeinen",
        default=list,
        blank=True,
    )
    leeftijd_van = models.PositiveSmallIntegerField(
        "leeftijd vanaf", null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    leeftijd_tot = models.PositiveSmallIntegerField(
        "leeftijd tot en met", null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    kosten = models.CharField("kosten", max_length=200, blank=True, help_text="Bv. € 45 per seizoen.")
    gratis_met_stadspas = models.BooleanField("gratis of met korting met Stadspas", default=False)
    voorwaarden = models.CharField("voorwaarden", max_length=300, blank=True, help_text="Wie er gebruik van kan maken.")
    adres = models.CharField("adres", max_length=200, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True)
    plaats = models.CharField("plaats", max_length=100, default="Amsterdam")
    stadsdeel = models.CharField("stadsdeel", max_length=100, blank=True)
    wijk = models.CharField("wijk", max_length=100, blank=True)
    website = models.URLField("website", blank=True)
    telefoon = models.CharField("telefoon", max_length=30, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    gearchiveerd_op = models.DateTimeField("gearchiveerd op", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Maintained by partners.services.refresh_zoekindex, never by hand: accent-folded text for
    # substring matches and a Dutch full-text vector for ranked, prefix-capable search.
    zoektekst = models.TextField(editable=False, default="")
    zoekvector = SearchVectorField(editable=False, null=True)

    class Meta:
        verbose_name = "partner"
        verbose_name_plural = "partners"
        ordering = ["naam"]
        indexes = [
            GinIndex(fields=["zoekvector"], name="partner_zoekvector_gin"),
            GinIndex(fields=["domeinen"], name="partner_domeinen_gin"),
            models.Index(fields=["bestuur", "soort"], name="partner_bestuur_soort_idx"),
        ]
        constraints = [
            models.UniqueConstraint("bestuur", models.functions.Lower("naam"), name="partner_naam_uniek_per_bestuur"),
            models.CheckConstraint(
                condition=models.Q(leeftijd_van__isnull=True)
                | models.Q(leeftijd_tot__isnull=True)
                | models.Q(leeftijd_van__lte=models.F("leeftijd_tot")),
                name="partner_leeftijd_van_voor_tot",
            ),
            models.CheckConstraint(
                condition=models.Q(soort__in=PartnerSoort.values),
                name="partner_soort_geldig",
            ),
            models.CheckConstraint(
                condition=models.Q(domeinen__contained_by=Hulpdomein.values), name="partner_domeinen_geldig"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("partners:partner_detail", args=[self.pk])

    @property
    def is_gearchiveerd(self) -> bool:
        return self.gearchiveerd_op is not None

    @property
    def domein_labels(self) -> list[str]:
        return [Hulpdomein(d).label for d in self.domeinen if d in Hulpdomein.values]

    @property
    def leeftijden(self) -> str:
        if self.leeftijd_van is not None and self.leeftijd_tot is not None:
            return f"{self.leeftijd_van}–{self.leeftijd_tot} jaar"
        if self.leeftijd_van is not None:
            return f"vanaf {self.leeftijd_van} jaar"
        if self.leeftijd_tot is not None:
            return f"tot en met {self.leeftijd_tot} jaar"
        return "alle leeftijden"


@pghistory.track()
class Contactpersoon(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contactpersonen")
    naam = models.CharField("naam", max_length=150)
    functie = models.CharField("functie", max_length=150, blank=True)
    telefoon = models.CharField("telefoon", max_length=30, blank=True)
    email = models.EmailField("e-mailadres", blank=True)

    class Meta:
        verbose_name = "contactpersoon"
        verbose_name_plural = "contactpersonen"
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.functie})" if self.functie else self.naam


@pghistory.track(exclude=["updated_at"])
class Samenwerking(models.Model):
    """How one school works with one partner."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="samenwerkingen")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="samenwerkingen")
    contactpersoon = models.ForeignKey(
        Contactpersoon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="samenwerkingen",
        verbose_name="contactpersoon voor deze school",
    )
    begindatum = models.DateField("afspraken vanaf", null=True, blank=True)
    einddatum = models.DateField("afspraken tot en met", null=True, blank=True)
    notities = models.TextField("notities", blank=True)
    laatste_contact = models.DateField("laatste contact", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "samenwerking"
        verbose_name_plural = "samenwerkingen"
        ordering = ["partner__naam"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "school"], name="samenwerking_partner_school_uniek"),
            models.CheckConstraint(
                condition=models.Q(begindatum__isnull=True)
                | models.Q(einddatum__isnull=True)
                | models.Q(einddatum__gte=models.F("begindatum")),
                name="samenwerking_einde_na_begin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} × {self.school}"
