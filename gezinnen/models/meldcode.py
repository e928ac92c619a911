"""The Meldcode case (restricted): the five steps and the five questions of the afwegingskader,
each entry with date and author, append-only (reference/domain.md §4.1). Only the
aandachtsfunctionaris reads it; it never appears in any list, count, dashboard or export, except
the family's access-request export by the beheerder. Not tracked by pghistory: the entries are
their own history, and a copy of them elsewhere would be one more place to protect."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.urls import reverse

from familieschool.models import School
from gezinnen.models.leerlingen import Gezin, Leerling
from gezinnen.models.signalen import Signaal


class Besluit(models.TextChoices):
    GEEN_VERMOEDEN = "geen_vermoeden", "Geen vermoeden: afgesloten en vastgelegd"
    HULP_MET_MONITORING = "hulp", "Hulp georganiseerd, met monitoring van de effecten"
    MELDING = "melding", "Melding bij Veilig Thuis"


class Meldcodezaak(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    signaal = models.OneToOneField(
        Signaal, on_delete=models.PROTECT, null=True, blank=True, related_name="meldcodezaak", verbose_name="signaal"
    )
    gezin = models.ForeignKey(Gezin, on_delete=models.PROTECT, related_name="+", verbose_name="gezin")
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="leerling"
    )
    geopend_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geopend_op = models.DateTimeField("geopend op", auto_now_add=True)
    besluit = models.CharField("besluit", max_length=20, choices=Besluit.choices, blank=True)
    besluit_toelichting = models.TextField("onderbouwing van het besluit", blank=True)
    besluit_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    melddatum = models.DateField("gemeld bij Veilig Thuis op", null=True, blank=True)
    meldreferentie = models.CharField("referentie van Veilig Thuis", max_length=100, blank=True)
    afgesloten_op = models.DateTimeField("afgesloten op", null=True, blank=True)

    class Meta:
        verbose_name = "meldcodezaak"
        verbose_name_plural = "meldcodezaken"
        ordering = ["-geopend_op"]
        constraints = [
            models.CheckConstraint(condition=models.Q(besluit__in=[*Besluit.values, ""]), name="meldcode_besluit"),
            # A report to Veilig Thuis is recorded with its date.
            models.CheckConstraint(
                condition=~models.Q(besluit=Besluit.MELDING) | models.Q(melddatum__isnull=False),
                name="meldcode_melding_met_datum",
            ),
            models.CheckConstraint(
                condition=models.Q(afgesloten_op__isnull=True) | ~models.Q(besluit=""),
                name="meldcode_afgesloten_met_besluit",
            ),
        ]

    def __str__(self) -> str:
        return f"Meldcodezaak {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("gezinnen:meldcodezaak_detail", args=[self.pk])


class MeldcodeStapNummer(models.IntegerChoices):
    SIGNALEN = 1, "1. Signalen in kaart brengen"
    OVERLEG = 2, "2. Collegiale consultatie (en zo nodig Veilig Thuis)"
    GESPREK = 3, "3. Gesprek met ouders (en kind)"
    WEGEN = 4, "4. Wegen van het geweld of de kindermishandeling"
    BESLISSEN = 5, "5. Beslissen: hulp organiseren en/of melden"


class MeldcodeStap(models.Model):
    """One entry for a step, append-only: facts, own observations and third-party information
    are kept apart, as the Meldcode's documentation duty asks."""

    zaak = models.ForeignKey(Meldcodezaak, on_delete=models.CASCADE, related_name="stappen")
    stap = models.PositiveSmallIntegerField("stap", choices=MeldcodeStapNummer.choices)
    datum = models.DateField("datum")
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    feiten = models.TextField("feiten", blank=True)
    observaties = models.TextField("eigen observaties", blank=True)
    informatie_derden = models.TextField("informatie van anderen (met bron)", blank=True)
    notitie = models.TextField("afspraken en overige notities", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "meldcodestap"
        verbose_name_plural = "meldcodestappen"
        ordering = ["stap", "created_at"]
        constraints = [models.CheckConstraint(condition=models.Q(stap__gte=1, stap__lte=5), name="meldcodestap_nummer")]
        triggers = [
            pgtrigger.Protect(name="meldcodestap_alleen_toevoegen", operation=pgtrigger.Update),
        ]

    def __str__(self) -> str:
        return f"Stap {self.stap} ({self.datum:%d-%m-%Y})"


class Afwegingsvraag(models.IntegerChoices):
    VERMOEDEN = 1, "1. Is er een vermoeden van huiselijk geweld of kindermishandeling?"
    ONVEILIG = 2, "2. Is er sprake van acute en/of structurele onveiligheid?"
    HULP_MOGELIJK = 3, "3. Kan ik effectieve hulp bieden of organiseren?"
    HULP_AANVAARD = 4, "4. Aanvaarden de betrokkenen de hulp?"
    RESULTAAT = 5, "5. Leidt de hulp binnen de afgesproken termijn tot de nodige resultaten?"


class Afweging(models.Model):
    """An answer to one question of the afwegingskader, append-only (a later answer to the same
    question is a new row: the reasoning over time stays visible)."""

    zaak = models.ForeignKey(Meldcodezaak, on_delete=models.CASCADE, related_name="afwegingen")
    vraag = models.PositiveSmallIntegerField("vraag", choices=Afwegingsvraag.choices)
    antwoord = models.BooleanField("antwoord")
    toelichting = models.TextField("toelichting")
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField("datum")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "afweging"
        verbose_name_plural = "afwegingen"
        ordering = ["vraag", "created_at"]
        constraints = [models.CheckConstraint(condition=models.Q(vraag__gte=1, vraag__lte=5), name="afweging_vraag")]
        triggers = [
            pgtrigger.Protect(name="afweging_alleen_toevoegen", operation=pgtrigger.Update),
        ]

    def __str__(self) -> str:
        return f"Vraag {self.vraag}: {'ja' if self.antwoord else 'nee'}"
