"""Pupils, groups, families and guardians from the school administration, consent, and the
import batches that bring them in.

What is never stored, anywhere: BSN, onderwijsnummer, sofinummer, ECK iD, ethnicity, the parents'
countries of origin and pupil weights (reference/domain.md §1.3–1.4). The importer drops them
while parsing; no model has a field that could hold them.
"""

from __future__ import annotations

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse

from familieschool.models import School, Schooljaar


class Jaargroep(models.TextChoices):
    """EDEXML 2.1 jaargroep codes that occur in primary schools."""

    PEUTER = "0", "Peuter"
    G1 = "1", "Groep 1"
    G2 = "2", "Groep 2"
    G3 = "3", "Groep 3"
    G4 = "4", "Groep 4"
    G5 = "5", "Groep 5"
    G6 = "6", "Groep 6"
    G7 = "7", "Groep 7"
    G8 = "8", "Groep 8"
    COMBINATIE = "C", "Combinatiegroep"
    SBO = "S", "S(B)O"
    ANDERS = "N", "Anders"


class Geslacht(models.TextChoices):
    """NEN-ISO 5218, as in EDEXML."""

    ONBEKEND = "0", "Onbekend"
    JONGEN = "1", "Jongen"
    MEISJE = "2", "Meisje"
    NIET_GESPECIFICEERD = "9", "Niet gespecificeerd"


class GroepSoort(models.TextChoices):
    STAMGROEP = "stamgroep", "Stamgroep"
    SAMENGESTELD = "samengesteld", "Samengestelde groep"


@pghistory.track()
class Groep(models.Model):
    """A group in one school year: a stamgroep (every pupil has one) or a samengestelde groep
    (a composed group such as an NT2 language group). A combination group 1/2 has jaargroep C:
    the year level is held per pupil."""

    Soort = GroepSoort

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="groepen")
    schooljaar = models.ForeignKey(Schooljaar, on_delete=models.PROTECT, related_name="groepen")
    sleutel = models.CharField("sleutel in de leerlingadministratie", max_length=64)
    naam = models.CharField("naam", max_length=64)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices, default=Soort.STAMGROEP)
    jaargroep = models.CharField("jaargroep", max_length=2, choices=Jaargroep.choices, blank=True)
    leerkrachten = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="groepen", verbose_name="leerkrachten"
    )

    class Meta:
        verbose_name = "groep"
        verbose_name_plural = "groepen"
        ordering = ["soort", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["school", "schooljaar", "sleutel"], name="groep_sleutel_uniek"),
            models.CheckConstraint(condition=models.Q(soort__in=GroepSoort.values), name="groep_soort_geldig"),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("gezinnen:groep_detail", args=[self.pk])


@pghistory.track(exclude=["zoektekst"])
class Gezin(models.Model):
    """A household: the siblings at this school (who may live at two addresses) and, through
    them, their guardians. Formed by the import from shared guardians; merged and split by hand."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="gezinnen")
    uuid = models.UUIDField("pseudoniem", default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField("naam", max_length=200, help_text="Bv. gezin Yılmaz.")
    notitie = models.TextField("praktische notitie", blank=True, max_length=1000)
    zoektekst = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    geanonimiseerd_op = models.DateTimeField("geanonimiseerd op", null=True, blank=True)

    class Meta:
        verbose_name = "gezin"
        verbose_name_plural = "gezinnen"
        ordering = ["naam"]
        indexes = [models.Index(fields=["school", "naam"], name="gezin_school_naam_idx")]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("gezinnen:gezin_detail", args=[self.pk])


@pghistory.track(exclude=["zoektekst", "updated_at"])
class Leerling(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="leerlingen")
    uuid = models.UUIDField("pseudoniem", default=uuid.uuid4, unique=True, editable=False)
    leerlingnummer = models.CharField("leerlingnummer", max_length=64)
    roepnaam = models.CharField("roepnaam", max_length=64)
    tussenvoegsel = models.CharField("tussenvoegsel", max_length=10, blank=True)
    achternaam = models.CharField("achternaam", max_length=200)
    geboortedatum = models.DateField("geboortedatum", null=True, blank=True)
    geslacht = models.CharField("geslacht", max_length=1, choices=Geslacht.choices, blank=True)
    jaargroep = models.CharField("jaargroep", max_length=2, choices=Jaargroep.choices, blank=True)
    groep = models.ForeignKey(
        Groep, on_delete=models.SET_NULL, null=True, blank=True, related_name="leerlingen", verbose_name="groep"
    )
    samengestelde_groepen = models.ManyToManyField(
        Groep, blank=True, related_name="deelnemers", verbose_name="samengestelde groepen"
    )
    postcode = models.CharField("postcode", max_length=7, blank=True)
    instroomdatum = models.DateField("instroomdatum", null=True, blank=True)
    uitstroomdatum = models.DateField("uitstroomdatum", null=True, blank=True)
    gezin = models.ForeignKey(
        Gezin, on_delete=models.SET_NULL, null=True, blank=True, related_name="leerlingen", verbose_name="gezin"
    )
    # Folded "roepnaam tussenvoegsel achternaam achternaam leerlingnummer" for accent-free search;
    # maintained by gezinnen.services, never by hand.
    zoektekst = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    geanonimiseerd_op = models.DateTimeField("geanonimiseerd op", null=True, blank=True)

    class Meta:
        verbose_name = "leerling"
        verbose_name_plural = "leerlingen"
        ordering = ["achternaam", "roepnaam"]
        constraints = [
            models.UniqueConstraint(fields=["school", "leerlingnummer"], name="leerling_nummer_uniek_per_school"),
            models.CheckConstraint(
                condition=models.Q(instroomdatum__isnull=True)
                | models.Q(uitstroomdatum__isnull=True)
                | models.Q(uitstroomdatum__gte=models.F("instroomdatum")),
                name="leerling_uitstroom_na_instroom",
            ),
        ]
        indexes = [models.Index(fields=["school", "groep"], name="leerling_school_groep_idx")]

    def __str__(self) -> str:
        return self.volledige_naam

    def get_absolute_url(self) -> str:
        return reverse("gezinnen:leerling_detail", args=[self.pk])

    @property
    def volledige_naam(self) -> str:
        return " ".join(part for part in (self.roepnaam, self.tussenvoegsel, self.achternaam) if part)

    @property
    def jaargroep_label(self) -> str:
        return Jaargroep(self.jaargroep).label if self.jaargroep in Jaargroep.values else ""


class Taal(models.TextChoices):
    """Languages parents are written to in (DESIGN.md §6); others fall back to Dutch + English."""

    NL = "nl", "Nederlands"
    EN = "en", "Engels"
    AR = "ar", "Arabisch"
    TR = "tr", "Turks"
    PL = "pl", "Pools"
    ES = "es", "Spaans"
    FR = "fr", "Frans"
    BER = "ber", "Tamazight (Berbers)"
    TI = "ti", "Tigrinya"
    UK = "uk", "Oekraïens"
    PAP = "pap", "Papiaments"
    SRN = "srn", "Sranantongo"
    ANDERS = "anders", "Andere taal"


class Kanaal(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "Sms"
    PAPIER = "papier", "Papier (via het kind)"
    TELEFOON = "telefoon", "Telefoon"


@pghistory.track()
class Verzorger(models.Model):
    """A parent or guardian. Linked to each child through a Verzorgerschap (relation and gezag
    can differ per child); the family of a guardian is the family of their children."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="verzorgers")
    # Identity for matching the same guardian on the rows of siblings: folded name plus the first
    # of e-mail, phone or address (gezinnen.services.verzorger_sleutel).
    sleutel = models.CharField(max_length=64, editable=False)
    roepnaam = models.CharField("roepnaam", max_length=64)
    tussenvoegsel = models.CharField("tussenvoegsel", max_length=10, blank=True)
    achternaam = models.CharField("achternaam", max_length=200)
    telefoon = models.CharField("telefoon", max_length=30, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    straat = models.CharField("straat", max_length=200, blank=True)
    huisnummer = models.CharField("huisnummer", max_length=20, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True)
    woonplaats = models.CharField("woonplaats", max_length=100, blank=True)
    voorkeurstaal = models.CharField("voorkeurstaal", max_length=10, choices=Taal.choices, default=Taal.NL)
    tolk_nodig = models.BooleanField("tolk nodig", default=False)
    voorkeurskanaal = models.CharField("voorkeurskanaal", max_length=10, choices=Kanaal.choices, default=Kanaal.EMAIL)
    leerlingen: models.ManyToManyField[Leerling, Verzorgerschap] = models.ManyToManyField(
        Leerling, through="Verzorgerschap", related_name="verzorgers", verbose_name="kinderen"
    )
    geanonimiseerd_op = models.DateTimeField("geanonimiseerd op", null=True, blank=True)

    class Meta:
        verbose_name = "verzorger"
        verbose_name_plural = "verzorgers"
        ordering = ["achternaam", "roepnaam"]
        indexes = [models.Index(fields=["school", "sleutel"], name="verzorger_school_sleutel_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(voorkeurstaal__in=Taal.values), name="verzorger_taal_geldig"),
            models.CheckConstraint(
                condition=models.Q(voorkeurskanaal__in=Kanaal.values), name="verzorger_kanaal_geldig"
            ),
        ]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        return " ".join(part for part in (self.roepnaam, self.tussenvoegsel, self.achternaam) if part)

    @property
    def adres(self) -> str:
        straat = " ".join(part for part in (self.straat, self.huisnummer) if part)
        plaats = " ".join(part for part in (self.postcode, self.woonplaats) if part)
        return ", ".join(part for part in (straat, plaats) if part)


class Relatie(models.TextChoices):
    MOEDER = "moeder", "Moeder"
    VADER = "vader", "Vader"
    VERZORGER = "verzorger", "Verzorger"
    PLEEGOUDER = "pleegouder", "Pleegouder"
    VOOGD = "voogd", "Voogd"


@pghistory.track()
class Verzorgerschap(models.Model):
    verzorger = models.ForeignKey(Verzorger, on_delete=models.CASCADE, related_name="verzorgerschappen")
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="verzorgerschappen")
    relatie = models.CharField("relatie", max_length=20, choices=Relatie.choices)
    gezag = models.BooleanField("heeft gezag", default=True)
    volgnummer = models.PositiveSmallIntegerField("volgnummer", default=1)

    class Meta:
        verbose_name = "verzorgerschap"
        verbose_name_plural = "verzorgerschappen"
        ordering = ["volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["verzorger", "leerling"], name="verzorgerschap_uniek"),
            models.CheckConstraint(condition=models.Q(relatie__in=Relatie.values), name="verzorgerschap_relatie"),
        ]

    def __str__(self) -> str:
        return f"{self.verzorger} ({self.get_relatie_display()}) van {self.leerling}"


class Doel(models.TextChoices):
    """What a family can consent to (reference/domain.md §8)."""

    DELEN_FSP = "delen_fsp", "Gegevens delen met de ouder- en kindadviseur en het Buurtteam"
    FOTOS = "fotos", "Foto's en video's bij activiteiten"
    ACTIVITEITEN = "activiteiten", "Deelname aan activiteiten van de Rijke schooldag"


@pghistory.track()
class Toestemming(models.Model):
    """The current consent of a family for one purpose. Every change is kept in the history
    (pghistory), so who gave or withdrew what and when can always be shown."""

    gezin = models.ForeignKey(Gezin, on_delete=models.CASCADE, related_name="toestemmingen")
    doel = models.CharField("doel", max_length=20, choices=Doel.choices)
    gegeven = models.BooleanField("toestemming gegeven")
    datum = models.DateField("datum")
    gegeven_door = models.ForeignKey(
        Verzorger,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toestemmingen",
        verbose_name="gegeven of ingetrokken door",
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="vastgelegd door"
    )
    toelichting = models.CharField("toelichting", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "toestemming"
        verbose_name_plural = "toestemmingen"
        ordering = ["doel"]
        constraints = [
            models.UniqueConstraint(fields=["gezin", "doel"], name="toestemming_per_gezin_per_doel"),
            models.CheckConstraint(condition=models.Q(doel__in=Doel.values), name="toestemming_doel_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.get_doel_display()}: {'ja' if self.gegeven else 'nee'}"


class ImportStatus(models.TextChoices):
    VALIDEREN = "valideren", "Wordt gecontroleerd"
    TE_BEOORDELEN = "te_beoordelen", "Wacht op goedkeuring"
    VERWERKEN = "verwerken", "Wordt verwerkt"
    VERWERKT = "verwerkt", "Verwerkt"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    MISLUKT = "mislukt", "Mislukt"


class Importbatch(models.Model):
    """One import of an EDEXML file plus a guardian CSV. The files themselves are never kept:
    they are parsed on upload, forbidden fields dropped, and only the cleaned data, the report
    and the difference with the database are stored here until the batch is done."""

    Status = ImportStatus

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="importbatches")
    schooljaar = models.ForeignKey(Schooljaar, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.VALIDEREN)
    edexml_naam = models.CharField("EDEXML-bestand", max_length=255)
    verzorgers_naam = models.CharField("verzorgersbestand", max_length=255, blank=True)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="geüpload door"
    )
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="goedgekeurd door",
    )
    # The cleaned data (no forbidden fields), cleared once the batch is processed or rejected.
    gegevens = models.JSONField(default=dict, blank=True, editable=False)
    # Rejected rows ({bestand, regel, sleutel, reden}) and the difference with the database.
    afgewezen_regels = models.JSONField(default=list, blank=True)
    verschillen = models.JSONField(default=dict, blank=True)
    samenvatting = models.JSONField(default=dict, blank=True)
    foutmelding = models.TextField("foutmelding", blank=True)
    created_at = models.DateTimeField("geüpload op", auto_now_add=True)
    goedgekeurd_op = models.DateTimeField("goedgekeurd op", null=True, blank=True)
    verwerkt_op = models.DateTimeField("verwerkt op", null=True, blank=True)

    class Meta:
        verbose_name = "importbatch"
        verbose_name_plural = "importbatches"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ImportStatus.values), name="importbatch_status_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"Import {self.edexml_naam} ({self.created_at:%d-%m-%Y %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("gezinnen:import_detail", args=[self.pk])

    @property
    def is_bezig(self) -> bool:
        return self.status in {self.Status.VALIDEREN, self.Status.VERWERKEN}


class Anonimiseringsronde(models.Model):
    """A record of what one run of the retention purge did (or would do, in a dry run)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    uitgevoerd_op = models.DateTimeField("uitgevoerd op", auto_now_add=True)
    proefdraai = models.BooleanField("proefdraai (er is niets veranderd)")
    grens = models.DateField("uitgestroomd vóór")
    aantal_leerlingen = models.PositiveIntegerField("leerlingen")
    aantal_gezinnen = models.PositiveIntegerField("gezinnen")
    aantal_verzorgers = models.PositiveIntegerField("verzorgers")
    # Closed files past their own retention term (gezinnen.privacy.dossiers), deleted in the same run.
    aantal_signalen = models.PositiveIntegerField("afgeronde signalen", default=0)
    aantal_hulpvragen = models.PositiveIntegerField("afgeronde intakes", default=0)
    aantal_doorverwijzingen = models.PositiveIntegerField("afgeronde doorverwijzingen", default=0)
    aantal_vragen = models.PositiveIntegerField("inloopvragen", default=0)

    class Meta:
        verbose_name = "anonimiseringsronde"
        verbose_name_plural = "anonimiseringsrondes"
        ordering = ["-uitgevoerd_op"]

    def __str__(self) -> str:
        soort = "proefdraai" if self.proefdraai else "uitgevoerd"
        return f"Anonimisering {self.uitgevoerd_op:%d-%m-%Y} ({soort})"
