"""Signals: a worry about a pupil or family, routed to a handler and followed up until closed.

Status flow nieuw → in_behandeling → doorverwezen → afgerond (reference/domain.md §4); every
transition is recorded as a SignaalGebeurtenis, closing needs an outcome, and the follow-up date
comes from the school's routing rule for the category."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse

from familieschool.choices import Hulpdomein
from familieschool.models import School
from gezinnen.models.leerlingen import Gezin, Leerling


class Zorgniveau(models.TextChoices):
    LICHT = "licht", "Kleine zorg"
    ZORG = "zorg", "Zorg"
    GROOT = "groot", "Grote zorg"
    ACUUT = "acuut", "Acuut: vandaag actie nodig"


class SignaalStatus(models.TextChoices):
    NIEUW = "nieuw", "Nieuw"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    DOORVERWEZEN = "doorverwezen", "Doorverwezen"
    AFGEROND = "afgerond", "Afgerond"


# The allowed status transitions; anything else is refused by gezinnen.signalen.services.
OVERGANGEN: dict[str, frozenset[str]] = {
    SignaalStatus.NIEUW: frozenset({SignaalStatus.IN_BEHANDELING, SignaalStatus.DOORVERWEZEN, SignaalStatus.AFGEROND}),
    SignaalStatus.IN_BEHANDELING: frozenset({SignaalStatus.DOORVERWEZEN, SignaalStatus.AFGEROND}),
    SignaalStatus.DOORVERWEZEN: frozenset({SignaalStatus.IN_BEHANDELING, SignaalStatus.AFGEROND}),
    SignaalStatus.AFGEROND: frozenset(),
}


class BehandelaarSoort(models.TextChoices):
    """Who a routing rule sends a category to: a role at the school, or the aandachtsfunctionaris."""

    COORDINATOR = "coordinator", "Familieschool-coördinator"
    BRUGFUNCTIONARIS = "brugfunctionaris", "Brugfunctionaris"
    OKA = "oka", "Ouder- en kindadviseur"
    BUURTTEAM = "buurtteam", "Buurtteam"
    AANDACHTSFUNCTIONARIS = "aandachtsfunctionaris", "Aandachtsfunctionaris"


@pghistory.track()
class Routeringsregel(models.Model):
    """Per school and category: who handles a new signal, and within how many days it is
    followed up. A named person overrides the role. No rule, or nobody in the role: the
    coordinator handles it."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="routeringsregels")
    categorie = models.CharField("categorie", max_length=20, choices=Hulpdomein.choices)
    behandelaar_soort = models.CharField("naar", max_length=30, choices=BehandelaarSoort.choices)
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="vaste behandelaar",
        help_text="Leeg: de eerste actieve collega met die rol op school.",
    )
    termijn_dagen = models.PositiveSmallIntegerField("opvolgen binnen (dagen)", default=10)

    class Meta:
        verbose_name = "routeringsregel"
        verbose_name_plural = "routeringsregels"
        ordering = ["categorie"]
        constraints = [
            models.UniqueConstraint(fields=["school", "categorie"], name="routeringsregel_uniek"),
            models.CheckConstraint(
                condition=models.Q(categorie__in=Hulpdomein.values), name="routeringsregel_categorie_geldig"
            ),
            models.CheckConstraint(
                condition=models.Q(termijn_dagen__gte=1, termijn_dagen__lte=90), name="routeringsregel_termijn"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_categorie_display()} → {self.get_behandelaar_soort_display()}"


@pghistory.track(exclude=["updated_at", "behandelaar_gemaild_op"])
class Signaal(models.Model):
    Status = SignaalStatus

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="signalen")
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, null=True, blank=True, related_name="signalen", verbose_name="leerling"
    )
    gezin = models.ForeignKey(
        Gezin, on_delete=models.PROTECT, null=True, blank=True, related_name="signalen", verbose_name="gezin"
    )
    categorie = models.CharField("categorie", max_length=20, choices=Hulpdomein.choices)
    zorgniveau = models.CharField("zorgniveau", max_length=10, choices=Zorgniveau.choices, default=Zorgniveau.ZORG)
    omschrijving = models.TextField(
        "korte omschrijving", max_length=500, blank=True, help_text="Feiten, geen diagnoses: wat zag of hoorde je?"
    )
    # Only the handler and the aandachtsfunctionaris read this; the coordinator's overview does not.
    beperkte_notitie = models.TextField("vertrouwelijke notitie", max_length=2000, blank=True)
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gemelde_signalen", verbose_name="gemeld door"
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="te_behandelen_signalen",
        verbose_name="behandelaar",
    )
    status = models.CharField("status", max_length=20, choices=SignaalStatus.choices, default=SignaalStatus.NIEUW)
    opvolgen_voor = models.DateField("opvolgen vóór")
    uitkomst = models.TextField("uitkomst", max_length=1000, blank=True)
    created_at = models.DateTimeField("gemeld op", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    eerste_actie_op = models.DateTimeField("eerste actie op", null=True, blank=True)
    # The handler's e-mail as an outbox: empty until it is sent; a sweeper catches up the ones
    # whose task never reached the broker (gezinnen.signalen.tasks).
    behandelaar_gemaild_op = models.DateTimeField("behandelaar gemaild op", null=True, blank=True)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["school", "status"], name="signaal_school_status_idx"),
            models.Index(fields=["behandelaar", "status"], name="signaal_behandelaar_idx"),
            models.Index(fields=["gemeld_door"], name="signaal_melder_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leerling__isnull=False) | models.Q(gezin__isnull=False),
                name="signaal_over_leerling_of_gezin",
            ),
            models.CheckConstraint(condition=models.Q(categorie__in=Hulpdomein.values), name="signaal_categorie"),
            models.CheckConstraint(condition=models.Q(status__in=SignaalStatus.values), name="signaal_status"),
            models.CheckConstraint(condition=models.Q(zorgniveau__in=Zorgniveau.values), name="signaal_zorgniveau"),
            # Closing needs an outcome, and only a closed signal has a closing time.
            models.CheckConstraint(
                condition=~models.Q(status=SignaalStatus.AFGEROND) | ~models.Q(uitkomst=""),
                name="signaal_afgerond_met_uitkomst",
            ),
            models.CheckConstraint(
                condition=models.Q(status=SignaalStatus.AFGEROND, afgerond_op__isnull=False)
                | (~models.Q(status=SignaalStatus.AFGEROND) & models.Q(afgerond_op__isnull=True)),
                name="signaal_afgerond_op",
            ),
        ]

    def __str__(self) -> str:
        return f"Signaal {self.pk} ({self.get_categorie_display()})"

    def get_absolute_url(self) -> str:
        return reverse("gezinnen:signaal_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status != SignaalStatus.AFGEROND


class SignaalGebeurtenis(models.Model):
    """What happened to a signal: created, assigned, a status change, a note. Append-only."""

    class Soort(models.TextChoices):
        GEMELD = "gemeld", "Gemeld"
        TOEGEWEZEN = "toegewezen", "Toegewezen"
        STATUS = "status", "Status gewijzigd"
        NOTITIE = "notitie", "Notitie"

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    van_status = models.CharField("van", max_length=20, choices=SignaalStatus.choices, blank=True)
    naar_status = models.CharField("naar", max_length=20, choices=SignaalStatus.choices, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op", auto_now_add=True)
    toelichting = models.TextField("toelichting", max_length=1000, blank=True)

    class Meta:
        verbose_name = "gebeurtenis bij een signaal"
        verbose_name_plural = "gebeurtenissen bij signalen"
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.op:%d-%m-%Y %H:%M})"


class Melding(models.Model):
    """An in-app notification for one user at one school ("Nieuw signaal voor jou")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    tekst = models.CharField("tekst", max_length=200)
    url = models.CharField("link", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    gelezen_op = models.DateTimeField("gelezen op", null=True, blank=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "gelezen_op"], name="melding_user_ongelezen_idx")]

    def __str__(self) -> str:
        return self.tekst
