"""Board-scale demo data: 36 schools with three school years of history, for measuring pages and
queries at the size of a real board (docs/performance.md). Every name is invented from the
demo's short lists (gezinnen.demo); mail addresses use the reserved ``.example`` domain.

Speed: each table is written with one PostgreSQL COPY, the ids taken beforehand from the table's
own sequence (one ``nextval`` query per table), so no row takes a round trip. Nothing in the
schema is switched off: every constraint and index holds, and the pghistory row triggers of the
tracked models fire as usual (COPY fires row triggers), which roughly doubles those writes. The
whole set is one transaction with ``synchronous_commit`` off. Deterministic: a seeded random
generator and fixed dates relative to today.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from activiteiten.models import (
    Aanmelding,
    AanmeldingStatus,
    Activiteit,
    Bijeenkomst,
    Blok,
    Herinnering,
    HerinneringStatus,
    Inschrijving,
    InschrijvingStatus,
    Ontwikkelgebied,
    Ouderactiviteit,
    OuderactiviteitSoort,
    Presentie,
    PresentieStatus,
    Uitnodiging,
    UitnodigingStatus,
)
from familieschool import freshness
from familieschool.choices import Hulpdomein
from familieschool.models import Bestuur, Lidmaatschap, School, Schooljaar, User
from familieschool.roles import Rol
from familieschool.selectors import schooljaar_for_date
from familieschool.text import fold
from gezinnen import services as gezinnen_services
from gezinnen.demo import ACHTERNAMEN, OUDERNAMEN, STRATEN, TALEN, VOORNAMEN
from gezinnen.models import (
    Contactmoment,
    Doel,
    Doorverwijzing,
    Gezin,
    Groep,
    Hulpvraag,
    Kanaal,
    Leerling,
    Relatie,
    Signaal,
    SignaalGebeurtenis,
    Toestemming,
    Verzorger,
    Verzorgerschap,
)
from partners.models import Partner, PartnerSoort, Samenwerking
from partners.services import refresh_zoekindex
from subsidies.models import Begrotingspost, Begrotingssoort, Regeling, Toekenning, Uitgave

Log = Callable[[str], None]
Rij = dict[str, Any]  # one row to write, keyed by the model's attnames
TEXT_OID, TSVECTOR_OID = 25, 3614

# Per school at fraction 1 (36 schools → about 11,000 pupils, 600 activities a year, ...).
LEERLINGEN = (250, 360)  # the first school, where the demo users work, gets exactly 300
EERSTE_SCHOOL_LEERLINGEN = 300
ACTIVITEITEN_PER_JAAR = 17
SIGNALEN = 417
HULPVRAGEN = 167
# For the whole board of BORD_SCHOLEN schools at fraction 1 (spread over the schools); a board
# of fewer schools gets its share, so a school's own data look the same whatever the board's
# size and `make bench` compares like with like (1 school against 36).
BORD_SCHOLEN = 36
PARTNERS = 150
TOEKENNINGEN = 200
UITGAVEN_PER_TOEKENNING = 30
OUDERACTIVITEITEN = 100
JAREN = 3

BRIN_PREFIX = "98"
SCHOOLNAMEN = [
    "De Akker",
    "De Boomgaard",
    "De Klimop",
    "Het Palet",
    "De Wilgen",
    "De Zeester",
    "Het Anker",
    "De Notenbalk",
    "De Vuurtoren",
    "De Windroos",
    "Het Mozaïek",
    "De Horizon",
]
WIJKEN = ["Slotermeer", "Geuzenveld", "Osdorp", "De Aker", "Overtoomse Veld", "Slotervaart", "Kolenkit", "Sloterdijk"]
ACTIVITEIT_TITELS = {
    Ontwikkelgebied.SPORT: ["Voetbal", "Judo", "Streetdance", "Zwemmen", "Atletiek", "Basketbal"],
    Ontwikkelgebied.CULTUUR: ["Theater", "Muziekles", "Tekenen en schilderen", "Koor", "Film maken"],
    Ontwikkelgebied.COGNITIEF: ["Programmeren", "Schaken", "Proefjes", "Leesclub"],
    Ontwikkelgebied.SOCIAAL: ["Samen koken", "Weerbaarheid", "Kinderraad"],
    Ontwikkelgebied.ZELF: ["Yoga", "Mindfulness", "Ik en mijn talent"],
    Ontwikkelgebied.WERELD: ["Natuurclub", "Op ontdekking in de wijk", "Techniekwerkplaats"],
}
PARTNER_SOORTEN = [
    (PartnerSoort.SPORTVERENIGING, "Sportclub", [Hulpdomein.VRIJE_TIJD]),
    (PartnerSoort.CULTUUR, "Muziek- en theaterhuis", [Hulpdomein.VRIJE_TIJD]),
    (PartnerSoort.JONGERENWERK, "Jongerenwerk", [Hulpdomein.OPVOEDING, Hulpdomein.VRIJE_TIJD]),
    (PartnerSoort.BUURTTEAM, "Buurtteam", [Hulpdomein.GELD, Hulpdomein.WONEN, Hulpdomein.SCHULDEN]),
    (PartnerSoort.BIBLIOTHEEK, "Bibliotheekpunt", [Hulpdomein.TAAL]),
    (PartnerSoort.OVERIG, "Taalhuis", [Hulpdomein.TAAL, Hulpdomein.ADMINISTRATIE]),
]
CATEGORIEEN = list(Hulpdomein.values)
LAGEN = [["1", "2"], ["3", "4", "5"], ["6", "7", "8"], ["3", "4", "5", "6", "7", "8"]]


def _n(value: float, fraction: float, minimum: int = 1) -> int:
    return max(minimum, round(value * fraction))


def _aware(datum: dt.date, tijd: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(datum, tijd))


# --- COPY with ids from the sequence ---------------------------------------------------------------


class Schrijver:
    """Writes model rows (dicts keyed by attname) with COPY. Fields left out get their Python
    default, ``now`` for auto_now(_add), NULL or ""; a required field left out is an error."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self.aantallen: dict[str, int] = {}
        self.nu = timezone.now()

    def ids(self, model: type[models.Model], aantal: int) -> list[int]:
        if aantal == 0:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, model._meta.pk.column, aantal],
            )
            return [row[0] for row in cursor.fetchall()]

    def _vuller(self, veld: models.Field) -> Callable[[], Any]:
        if getattr(veld, "auto_now", False) or getattr(veld, "auto_now_add", False):
            return lambda: self.nu
        if veld.has_default():
            return veld.get_default
        if veld.null:
            return lambda: None
        if isinstance(veld, models.CharField | models.TextField | models.FileField) and veld.blank:
            return lambda: ""

        def ontbreekt() -> Any:
            raise KeyError(f"{veld.model.__name__}.{veld.name} is verplicht")

        return ontbreekt

    def copy(self, model: type[models.Model], rijen: Sequence[dict[str, Any]], label: str | None = None) -> int:
        label = label or model._meta.db_table
        if not rijen:
            self.aantallen[label] = self.aantallen.get(label, 0)
            return 0
        begin = time.monotonic()
        velden = [v for v in model._meta.concrete_fields if not (v.primary_key and v.attname not in rijen[0])]
        namen = [v.attname for v in velden]
        vullers = {v.attname: self._vuller(v) for v in velden if not v.primary_key}
        kolommen = ", ".join(connection.ops.quote_name(v.column) for v in velden)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
                [model._meta.db_table],
            )
            typen = dict(cursor.fetchall())
            raw = cursor.cursor
            with raw.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolommen}) FROM STDIN") as kopie:
                # tsvector has no psycopg dumper; it is only ever NULL here (refresh_zoekindex fills it).
                kopie.set_types([TEXT_OID if typen[v.column] == TSVECTOR_OID else typen[v.column] for v in velden])
                for rij in rijen:
                    kopie.write_row([rij[naam] if naam in rij else vullers[naam]() for naam in namen])
        self.aantallen[label] = self.aantallen.get(label, 0) + len(rijen)
        self.log(f"  {label:<40} {len(rijen):>9} rijen  {time.monotonic() - begin:6.1f} s")
        return len(rijen)

    def copy_tuples(self, model: type[models.Model], kolommen: Sequence[str], rijen: Iterable[tuple]) -> int:
        """The fast path for the largest table: tuples in column order, no defaults."""
        begin = time.monotonic()
        label = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
                [label],
            )
            typen = dict(cursor.fetchall())
            sql = f"COPY {connection.ops.quote_name(label)} ({', '.join(kolommen)}) FROM STDIN"
            aantal = 0
            with cursor.cursor.copy(sql) as kopie:
                kopie.set_types([typen[k] for k in kolommen])
                for rij in rijen:
                    kopie.write_row(rij)
                    aantal += 1
        self.aantallen[label] = self.aantallen.get(label, 0) + aantal
        self.log(f"  {label:<40} {aantal:>9} rijen  {time.monotonic() - begin:6.1f} s")
        return aantal


# --- the board ------------------------------------------------------------------------------------


class Bord:
    def __init__(self, *, bestuur: Bestuur, scholen: list[School], schools: int, fraction: float, log: Log) -> None:
        self.bestuur = bestuur
        self.demo_scholen = scholen
        self.aantal_scholen = schools
        self.bord_deel = schools / BORD_SCHOLEN  # of the board-wide totals
        self.fraction = fraction
        self.rng = random.Random(f"familieschool-board-{schools}-{fraction}")  # noqa: S311  demo data
        self.w = Schrijver(log)
        self.log = log
        self.vandaag = timezone.localdate()
        huidig = schooljaar_for_date(self.vandaag).startjaar
        self.jaren = [schooljaar_for_date(dt.date(start, 9, 1)) for start in range(huidig - JAREN + 1, huidig + 1)]
        self.password = make_password(None)  # generated staff cannot log in; the demo users can

    def _postcode(self) -> str:
        return f"10{self.rng.randint(50, 69)} {self.rng.choice('ABCDEFGH')}{self.rng.choice('KLMNPRST')}"

    # -- schools and staff --

    def scholen(self) -> None:
        ids = self.w.ids(School, self.aantal_scholen)
        rijen = []
        for i, pk in enumerate(ids):
            # "Basisschool Aan ..." sorts first, so the demo users land on the first big school.
            naam = (
                "Basisschool Aan de Amstel (groot)"
                if i == 0
                else f"Basisschool {SCHOOLNAMEN[i % len(SCHOOLNAMEN)]} {WIJKEN[i % len(WIJKEN)]}"
            )
            rijen.append(
                {
                    "id": pk,
                    "bestuur_id": self.bestuur.pk,
                    "naam": naam,
                    "brin": f"{BRIN_PREFIX}{chr(65 + i // 26)}{chr(65 + i % 26)}",
                    "vestiging": "00",
                    "adres": f"{self.rng.choice(STRATEN)} {self.rng.randint(1, 200)}",
                    "postcode": self._postcode(),
                    "plaats": "Amsterdam",
                    "stadsdeel": "Nieuw-West",
                    "wijk": WIJKEN[i % len(WIJKEN)],
                }
            )
        self.w.copy(School, rijen)
        self.school_ids = ids

    def staf(self) -> None:
        """Four colleagues per school; at the first school the demo users take those roles."""
        rollen = [Rol.COORDINATOR, Rol.OKA, Rol.LEERKRACHT, Rol.BEGELEIDER]
        self.staf_ids: dict[int, dict[str, int]] = {}
        users, leden = [], []
        user_ids = self.w.ids(User, len(self.school_ids) * len(rollen))
        for i, school_id in enumerate(self.school_ids):
            self.staf_ids[school_id] = {}
            for j, rol in enumerate(rollen):
                pk = user_ids[i * len(rollen) + j]
                naam = f"{self.rng.choice(OUDERNAMEN)} {self.rng.choice(ACHTERNAMEN)[1]}"
                users.append(
                    {
                        "id": pk,
                        "email": f"{rol}.{BRIN_PREFIX.lower()}{i:02d}@bord.demo.familieschool.test",
                        "naam": naam,
                        "password": self.password,
                        "date_joined": self.w.nu,
                    }
                )
                leden.append(
                    {"user_id": pk, "school_id": school_id, "rol": rol, "is_aandachtsfunctionaris": rol == Rol.OKA}
                )
                self.staf_ids[school_id][rol] = pk
        self.w.copy(User, users)
        self.w.copy(Lidmaatschap, leden)
        self._demo_gebruikers_naar_eerste_school()

    def _demo_gebruikers_naar_eerste_school(self) -> None:
        """The demo users' memberships of the first demo school move to the first big school, so
        a demo login opens a school of about 300 pupils with three years of history."""
        eerste = self.school_ids[0]
        oud = Lidmaatschap.objects.filter(school=self.demo_scholen[0], actief=True)
        for user_id, rol in oud.values_list("user_id", "rol"):
            if rol in self.staf_ids[eerste]:
                self.staf_ids[eerste][rol] = user_id
        # Moved, not copied: without a chosen school the oldest membership wins (the coordinator
        # also works at Het Kompas), and the move is kept in the membership's history.
        verplaatst = oud.update(school_id=eerste)
        self.log(f"  {'demo-lidmaatschappen verplaatst':<40} {verplaatst:>9} rijen")

    # -- pupils, families, guardians --

    def leerlingen(self) -> None:
        jaar = self.jaren[-1]
        groepen: list[Rij] = []
        leerlingen: list[Rij] = []
        gezinnen: list[Rij] = []
        verzorgers: list[Rij] = []
        schappen: list[Rij] = []
        toestemmingen: list[Rij] = []
        self.leerlingen_per_school: dict[int, list[tuple[int, str]]] = {}  # (id, jaargroep)
        self.gezinnen_per_school: dict[int, list[int]] = {}
        self.verzorgers_per_school: dict[int, list[tuple[int, int, str, str]]] = {}  # id, gezin, taal, kanaal
        self.gezin_van: dict[int, int] = {}
        per_school = [
            _n(EERSTE_SCHOOL_LEERLINGEN if i == 0 else self.rng.randint(*LEERLINGEN), self.fraction, 2)
            for i in range(len(self.school_ids))
        ]
        totaal = sum(per_school)
        leerling_ids = iter(self.w.ids(Leerling, totaal))
        gezin_ids = iter(self.w.ids(Gezin, totaal))  # at most one family per pupil
        verzorger_ids = iter(self.w.ids(Verzorger, 2 * totaal))
        groep_ids = iter(self.w.ids(Groep, 9 * len(self.school_ids)))
        definities = [("G12A", "1/2A", "C"), ("G12B", "1/2B", "C")] + [
            (f"G{j}", f"Groep {j}", str(j)) for j in range(3, 9)
        ]
        for s, (school_id, aantal) in enumerate(zip(self.school_ids, per_school, strict=True)):
            groep_per_jaargroep: dict[str, int] = {}
            for sleutel, naam, jaargroep in definities:
                pk = next(groep_ids)
                groepen.append(
                    {
                        "id": pk,
                        "school_id": school_id,
                        "schooljaar_id": jaar.pk,
                        "sleutel": sleutel,
                        "naam": naam,
                        "soort": Groep.Soort.STAMGROEP,
                        "jaargroep": jaargroep,
                    }
                )
                # The two combination groups 1/2 take the pupils of groep 1 and of groep 2.
                groep_per_jaargroep[{"G12A": "1", "G12B": "2"}.get(sleutel, jaargroep)] = pk
            nt2 = next(groep_ids)
            groepen.append(
                {
                    "id": nt2,
                    "school_id": school_id,
                    "schooljaar_id": jaar.pk,
                    "sleutel": "NT2",
                    "naam": "Taalgroep NT2",
                    "soort": Groep.Soort.SAMENGESTELD,
                    "jaargroep": "",
                }
            )
            self.leerlingen_per_school[school_id] = []
            self.gezinnen_per_school[school_id] = []
            self.verzorgers_per_school[school_id] = []
            gemaakt = 0
            coordinator = self.staf_ids[school_id][Rol.COORDINATOR]
            while gemaakt < aantal:
                tussenvoegsel, achternaam = self.rng.choice(ACHTERNAMEN)
                gezin_id = next(gezin_ids)
                gezinnen.append(
                    {"id": gezin_id, "school_id": school_id, "naam": f"Gezin {achternaam}", "created_at": self.w.nu}
                )
                self.gezinnen_per_school[school_id].append(gezin_id)
                kinderen = min(aantal - gemaakt, self.rng.choice([1] * 7 + [2, 2, 3]))
                kind_ids = []
                teksten = [fold(f"Gezin {achternaam}")]
                for _ in range(kinderen):
                    pk = next(leerling_ids)
                    roepnaam = self.rng.choice(VOORNAMEN)
                    jaargroep = str(self.rng.randint(1, 8))
                    nummer = f"{BRIN_PREFIX}{s:02d}{gemaakt:05d}"
                    leeftijd = int(jaargroep) + 4
                    zoektekst = gezinnen_services.leerling_zoektekst(
                        roepnaam=roepnaam, tussenvoegsel=tussenvoegsel, achternaam=achternaam, leerlingnummer=nummer
                    )
                    teksten.append(zoektekst)
                    leerlingen.append(
                        {
                            "id": pk,
                            "school_id": school_id,
                            "leerlingnummer": nummer,
                            "roepnaam": roepnaam,
                            "tussenvoegsel": tussenvoegsel,
                            "achternaam": achternaam,
                            "geboortedatum": dt.date(
                                self.vandaag.year - leeftijd, self.rng.randint(1, 12), self.rng.randint(1, 28)
                            ),
                            "geslacht": self.rng.choice("12"),
                            "jaargroep": jaargroep,
                            "groep_id": groep_per_jaargroep[jaargroep],
                            "postcode": "",
                            "instroomdatum": dt.date(self.vandaag.year - int(jaargroep) + 1, 8, 20),
                            "gezin_id": gezin_id,
                            "zoektekst": zoektekst,
                            "created_at": self.w.nu,
                            "updated_at": self.w.nu,
                        }
                    )
                    kind_ids.append(pk)
                    self.leerlingen_per_school[school_id].append((pk, jaargroep))
                    self.gezin_van[pk] = gezin_id
                    gemaakt += 1
                gezinnen[-1]["zoektekst"] = " ".join(teksten)
                taal = self.rng.choice(TALEN)
                straat, huisnummer = self.rng.choice(STRATEN), str(self.rng.randint(1, 240))
                postcode = self._postcode()
                for volgnummer, relatie in enumerate([Relatie.MOEDER, Relatie.VADER][: self.rng.choice([1, 2])], 1):
                    pk = next(verzorger_ids)
                    roepnaam = self.rng.choice(OUDERNAMEN)
                    kanaal = Kanaal.EMAIL if self.rng.random() < 0.7 else self.rng.choice([Kanaal.SMS, Kanaal.PAPIER])
                    email = (
                        f"{gezinnen_services.fold_local(roepnaam)}.{gezinnen_services.fold_local(achternaam)}"
                        f"{pk}@ouders.example"
                        if kanaal != Kanaal.PAPIER
                        else ""
                    )
                    telefoon = f"06-1234{pk % 10000:04d}"
                    verzorgers.append(
                        {
                            "id": pk,
                            "school_id": school_id,
                            "sleutel": gezinnen_services.verzorger_sleutel(
                                roepnaam=roepnaam, achternaam=achternaam, email=email, telefoon=telefoon
                            ),
                            "roepnaam": roepnaam,
                            "tussenvoegsel": tussenvoegsel,
                            "achternaam": achternaam,
                            "telefoon": telefoon,
                            "email": email,
                            "straat": straat,
                            "huisnummer": huisnummer,
                            "postcode": postcode,
                            "woonplaats": "Amsterdam",
                            "voorkeurstaal": taal,
                            "tolk_nodig": taal != "nl" and self.rng.random() < 0.3,
                            "voorkeurskanaal": kanaal,
                        }
                    )
                    self.verzorgers_per_school[school_id].append((pk, gezin_id, taal, kanaal))
                    schappen.extend(
                        {
                            "verzorger_id": pk,
                            "leerling_id": kind,
                            "relatie": relatie,
                            "gezag": True,
                            "volgnummer": volgnummer,
                        }
                        for kind in kind_ids
                    )
                toestemmingen.extend(
                    {
                        "gezin_id": gezin_id,
                        "doel": doel,
                        "gegeven": True,
                        "datum": self.jaren[0].begindatum + dt.timedelta(days=self.rng.randint(20, 60)),
                        "vastgelegd_door_id": coordinator,
                        "updated_at": self.w.nu,
                    }
                    for doel in (Doel.ACTIVITEITEN, Doel.DELEN_FSP)
                    if self.rng.random() < 0.8
                )
        self.w.copy(Groep, groepen)
        self.w.copy(Gezin, gezinnen)
        self.w.copy(Leerling, leerlingen)
        self.w.copy(Verzorger, verzorgers)
        self.w.copy(Verzorgerschap, schappen)
        self.w.copy(Toestemming, toestemmingen)

    # -- partners --

    def partners(self) -> None:
        aantal = _n(PARTNERS * self.bord_deel, self.fraction, 2)
        ids = self.w.ids(Partner, aantal)
        rijen = []
        self.partner_soort: dict[int, str] = {}
        for i, pk in enumerate(ids):
            soort, woord, domeinen = PARTNER_SOORTEN[i % len(PARTNER_SOORTEN)]
            wijk = WIJKEN[i % len(WIJKEN)]
            rijen.append(
                {
                    "id": pk,
                    "bestuur_id": self.bestuur.pk,
                    "naam": f"{woord} {wijk} {i + 1} (bord)",
                    "soort": soort,
                    "omschrijving": f"{woord} in {wijk} voor kinderen en ouders.",
                    "aanbod": woord.lower(),
                    "domeinen": sorted(domeinen),
                    "leeftijd_van": 4,
                    "leeftijd_tot": 12,
                    "plaats": "Amsterdam",
                    "stadsdeel": "Nieuw-West",
                    "wijk": wijk,
                    "telefoon": f"020-555{i:04d}",
                    "email": f"info{i}@partner.example",
                }
            )
            self.partner_soort[pk] = soort
        self.w.copy(Partner, rijen)
        begin = time.monotonic()
        refresh_zoekindex(partner_ids=ids)
        self.log(f"  {'zoekindex partners':<40} {len(ids):>9} rijen  {time.monotonic() - begin:6.1f} s")
        self.partner_ids = ids
        self.aanbieders = [pk for pk, soort in self.partner_soort.items() if soort in ("sportvereniging", "cultuur")]
        samen = [
            {"partner_id": partner_id, "school_id": school_id, "updated_at": self.w.nu}
            for school_id in self.school_ids
            for partner_id in self.rng.sample(ids, min(len(ids), 8))
        ]
        self.w.copy(Samenwerking, samen)

    # -- Rijke schooldag: blocks, activities, sessions, enrolment, attendance --

    def activiteiten(self) -> None:
        per_jaar = _n(ACTIVITEITEN_PER_JAAR, self.fraction)
        blokken, activiteiten, begeleiders = [], [], []
        blok_ids = iter(self.w.ids(Blok, 2 * JAREN * len(self.school_ids)))
        act_ids = iter(self.w.ids(Activiteit, per_jaar * JAREN * len(self.school_ids)))
        self.activiteit_info: list[tuple[int, int, list[dt.date], int, list[str]]] = []
        self.activiteiten_per_school: dict[int, list[int]] = defaultdict(list)
        for school_id in self.school_ids:
            staf = self.staf_ids[school_id]
            for jaar in self.jaren:
                start = jaar.startjaar
                perioden = [
                    ("Blok 1 (najaar)", dt.date(start, 9, 1), dt.date(start + 1, 1, 31)),
                    ("Blok 2 (voorjaar)", dt.date(start + 1, 2, 1), dt.date(start + 1, 7, 3)),
                ]
                vakanties = [
                    (dt.date(start, 10, 17), dt.date(start, 10, 25)),
                    (dt.date(start, 12, 19), dt.date(start + 1, 1, 4)),
                    (dt.date(start + 1, 2, 13), dt.date(start + 1, 2, 21)),
                    (dt.date(start + 1, 4, 24), dt.date(start + 1, 5, 5)),
                ]
                blok_van = []
                for naam, van, tot in perioden:
                    pk = next(blok_ids)
                    blokken.append(
                        {
                            "id": pk,
                            "school_id": school_id,
                            "schooljaar_id": jaar.pk,
                            "naam": naam,
                            "begindatum": van,
                            "einddatum": tot,
                        }
                    )
                    blok_van.append((pk, van, tot))
                for a in range(per_jaar):
                    blok_id, van, tot = blok_van[a % 2]
                    gebied = list(ACTIVITEIT_TITELS)[a % len(ACTIVITEIT_TITELS)]
                    titel = ACTIVITEIT_TITELS[gebied][(a // len(ACTIVITEIT_TITELS)) % len(ACTIVITEIT_TITELS[gebied])]
                    weekdag = a % 5
                    uur = 14 if weekdag != 2 else 12
                    laag = self.rng.choice(LAGEN)
                    dag = van + dt.timedelta(days=(weekdag - van.weekday()) % 7)
                    data = []
                    while dag <= tot:
                        if not any(v <= dag <= t for v, t in vakanties):
                            data.append(dag)
                        dag += dt.timedelta(days=7)
                    pk = next(act_ids)
                    capaciteit = self.rng.randint(30, 48)
                    activiteiten.append(
                        {
                            "id": pk,
                            "school_id": school_id,
                            "blok_id": blok_id,
                            "titel": f"{titel} ({'/'.join(laag)})",
                            "omschrijving": f"Wekelijks {titel.lower()} na schooltijd.",
                            "ontwikkelgebied": gebied,
                            "aanbieder_id": self.rng.choice(self.aanbieders) if self.aanbieders and a % 3 else None,
                            "locatie": "School",
                            "jaargroepen": laag,
                            "capaciteit": capaciteit,
                            "kosten": Decimal(self.rng.choice([0, 250, 400, 600])),
                            "weekdag": weekdag,
                            "begintijd": dt.time(uur, 15),
                            "eindtijd": dt.time(uur + 1, 15),
                            "created_at": _aware(van - dt.timedelta(days=20), dt.time(9)),
                            "updated_at": _aware(van - dt.timedelta(days=20), dt.time(9)),
                        }
                    )
                    begeleiders.append({"activiteit_id": pk, "user_id": staf[Rol.BEGELEIDER]})
                    self.activiteit_info.append((pk, school_id, data, capaciteit, laag))
                    self.activiteiten_per_school[school_id].append(pk)
        self.w.copy(Blok, blokken)
        self.w.copy(Activiteit, activiteiten)
        self.w.copy(Activiteit.begeleiders.through, begeleiders, label="activiteiten_activiteit_begeleiders")

    def sessies_en_presentie(self) -> None:
        totaal = sum(len(info[2]) for info in self.activiteit_info)
        sessie_ids = iter(self.w.ids(Bijeenkomst, totaal))
        sessies, inschrijvingen = [], []
        # (session id, placed pupils, registered by) for the attendance of past sessions
        verleden: list[tuple[int, list[int], int]] = []
        per_school_jaargroep: dict[int, dict[str, list[int]]] = {}
        for school_id, lijst in self.leerlingen_per_school.items():
            groepen: dict[str, list[int]] = defaultdict(list)
            for pk, jaargroep in lijst:
                groepen[jaargroep].append(pk)
            per_school_jaargroep[school_id] = groepen
        for activiteit_id, school_id, data, capaciteit, laag in self.activiteit_info:
            kandidaten = [pk for jg in laag for pk in per_school_jaargroep[school_id].get(jg, [])]
            gekozen = self.rng.sample(kandidaten, min(len(kandidaten), capaciteit + 3))
            geplaatst = gekozen[:capaciteit]
            door = self.staf_ids[school_id][Rol.COORDINATOR]
            ingeschreven_op = _aware(data[0] - dt.timedelta(days=14), dt.time(10)) if data else self.w.nu
            for i, leerling_id in enumerate(gekozen):
                inschrijvingen.append(
                    {
                        "activiteit_id": activiteit_id,
                        "leerling_id": leerling_id,
                        "status": InschrijvingStatus.GEPLAATST if i < capaciteit else InschrijvingStatus.WACHTLIJST,
                        "prioriteit": self.rng.random() < 0.2,
                        "ingeschreven_op": ingeschreven_op,
                        "toestemming_ouder": True,
                        "ingeschreven_door_id": door,
                    }
                )
            begeleider = self.staf_ids[school_id][Rol.BEGELEIDER]
            for datum in data:
                pk = next(sessie_ids)
                geannuleerd = self.rng.random() < 0.03
                sessies.append(
                    {
                        "id": pk,
                        "activiteit_id": activiteit_id,
                        "datum": datum,
                        "begintijd": dt.time(14, 15),
                        "eindtijd": dt.time(15, 15),
                        "geannuleerd": geannuleerd,
                        "reden": "Begeleider ziek" if geannuleerd else "",
                    }
                )
                if datum < self.vandaag and not geannuleerd:
                    verleden.append((pk, geplaatst, begeleider))
        self.w.copy(Bijeenkomst, sessies)
        self.w.copy(Inschrijving, inschrijvingen)

        statussen = [PresentieStatus.AANWEZIG] * 17 + [PresentieStatus.AFWEZIG_MET_REDEN, PresentieStatus.AFWEZIG]
        nu = self.w.nu
        rng = self.rng

        def presenties() -> Iterable[tuple]:
            for sessie_id, geplaatst, door in verleden:
                for leerling_id in geplaatst:
                    yield (sessie_id, leerling_id, rng.choice(statussen), door, nu)

        self.w.copy_tuples(
            Presentie,
            ["bijeenkomst_id", "leerling_id", "status", "geregistreerd_door_id", "geregistreerd_op"],
            presenties(),
        )

    # -- signals and the Familieservicepunt --

    def signalen(self) -> None:
        per_school = _n(SIGNALEN, self.fraction)
        ids = iter(self.w.ids(Signaal, per_school * len(self.school_ids)))
        signalen, gebeurtenissen = [], []
        self.signalen_per_school: dict[int, list[tuple[int, int]]] = defaultdict(list)
        begin, einde = self.jaren[0].begindatum, self.vandaag
        dagen = (einde - begin).days
        for school_id in self.school_ids:
            staf = self.staf_ids[school_id]
            leerlingen = self.leerlingen_per_school[school_id]
            for _ in range(per_school):
                pk = next(ids)
                leerling_id = self.rng.choice(leerlingen)[0]
                gemeld = _aware(begin + dt.timedelta(days=self.rng.randint(0, dagen)), dt.time(self.rng.randint(8, 15)))
                oud = (self.w.nu - gemeld).days > 60
                status = (
                    self.rng.choice(["afgerond"] * 8 + ["doorverwezen"])
                    if oud
                    else self.rng.choice(["nieuw", "in_behandeling", "doorverwezen", "afgerond"])
                )
                afgerond_op = gemeld + dt.timedelta(days=self.rng.randint(3, 40)) if status == "afgerond" else None
                if afgerond_op and afgerond_op > self.w.nu:
                    afgerond_op = self.w.nu
                signalen.append(
                    {
                        "id": pk,
                        "school_id": school_id,
                        "leerling_id": leerling_id,
                        "gezin_id": self.gezin_van[leerling_id],
                        "categorie": self.rng.choice(CATEGORIEEN),
                        "zorgniveau": self.rng.choice(["licht", "zorg", "zorg", "groot"]),
                        "omschrijving": "Kind komt regelmatig zonder ontbijt op school.",
                        "gemeld_door_id": staf[Rol.LEERKRACHT],
                        "behandelaar_id": staf[self.rng.choice([Rol.COORDINATOR, Rol.OKA])],
                        "status": status,
                        "opvolgen_voor": (gemeld + dt.timedelta(days=10)).date(),
                        "uitkomst": "Besproken met ouders; loopt via het FSP." if status == "afgerond" else "",
                        "created_at": gemeld,
                        "updated_at": afgerond_op or gemeld,
                        "eerste_actie_op": gemeld + dt.timedelta(days=1) if status != "nieuw" else None,
                        "behandelaar_gemaild_op": gemeld,
                        "afgerond_op": afgerond_op,
                    }
                )
                gebeurtenissen.append(
                    {
                        "signaal_id": pk,
                        "soort": SignaalGebeurtenis.Soort.GEMELD,
                        "naar_status": "nieuw",
                        "door_id": staf[Rol.LEERKRACHT],
                        "op": gemeld,
                    }
                )
                if status != "nieuw":
                    gebeurtenissen.append(
                        {
                            "signaal_id": pk,
                            "soort": SignaalGebeurtenis.Soort.STATUS,
                            "van_status": "nieuw",
                            "naar_status": status,
                            "door_id": staf[Rol.COORDINATOR],
                            "op": afgerond_op or gemeld + dt.timedelta(days=1),
                        }
                    )
                self.signalen_per_school[school_id].append((pk, self.gezin_van[leerling_id]))
        self.w.copy(Signaal, signalen)
        self.w.copy(SignaalGebeurtenis, gebeurtenissen)

    def fsp(self) -> None:
        per_school = _n(HULPVRAGEN, self.fraction)
        ids = iter(self.w.ids(Hulpvraag, per_school * len(self.school_ids)))
        hulpvragen, contacten, verwijzingen = [], [], []
        begin = self.jaren[0].begindatum
        dagen = (self.vandaag - begin).days
        for school_id in self.school_ids:
            oka = self.staf_ids[school_id][Rol.OKA]
            signalen = self.signalen_per_school[school_id]
            for _ in range(per_school):
                pk = next(ids)
                signaal_id, gezin_id = self.rng.choice(signalen)
                start = _aware(begin + dt.timedelta(days=self.rng.randint(0, dagen)), dt.time(9))
                afgerond = (self.w.nu - start).days > 90
                categorieen = sorted(set(self.rng.sample(CATEGORIEEN, self.rng.randint(1, 2))))
                hulpvragen.append(
                    {
                        "id": pk,
                        "school_id": school_id,
                        "gezin_id": gezin_id,
                        "categorieen": categorieen,
                        "eigenaar_id": oka,
                        "status": "afgerond" if afgerond else self.rng.choice(["open", "lopend"]),
                        "aanleiding": "Vraag over regelingen en de Stadspas.",
                        "signaal_id": signaal_id,
                        "uitkomst": "Aanvraag gedaan, gezin geholpen." if afgerond else "",
                        "created_at": start,
                        "updated_at": start,
                        "afgerond_op": start + dt.timedelta(days=60) if afgerond else None,
                    }
                )
                contacten.append(
                    {
                        "hulpvraag_id": pk,
                        "soort": "inloop",
                        "op": start,
                        "duur_minuten": 30,
                        "notitie": "Eerste gesprek.",
                        "door_id": oka,
                    }
                )
                if self.rng.random() < 0.33:
                    datum = start.date() + dt.timedelta(days=7)
                    verwijzingen.append(
                        {
                            "school_id": school_id,
                            "gezin_id": gezin_id,
                            "partner_id": self.rng.choice(self.partner_ids),
                            "hulpvraag_id": pk,
                            "categorie": categorieen[0],
                            "datum": datum,
                            "warme_overdracht": self.rng.random() < 0.5,
                            "terugkoppeling_voor": datum + dt.timedelta(days=28),
                            "status": "afgerond" if afgerond else "verstuurd",
                            "uitkomst": "Gezin is geholpen." if afgerond else "",
                            "door_id": oka,
                            "created_at": start,
                            "updated_at": start,
                        }
                    )
        self.w.copy(Hulpvraag, hulpvragen)
        self.w.copy(Contactmoment, contacten)
        self.w.copy(Doorverwijzing, verwijzingen)

    # -- subsidies --

    def subsidies(self) -> None:
        regeling = Regeling.objects.filter(bestuur=self.bestuur, soort="subsidie").order_by("pk").first()
        if regeling is None:
            regeling = Regeling.objects.create(bestuur=self.bestuur, code="bord-meting", naam="Subsidie (meting)")
        aantal = _n(TOEKENNINGEN * self.bord_deel, self.fraction, len(self.school_ids))
        ids = self.w.ids(Toekenning, aantal)
        post_ids = iter(self.w.ids(Begrotingspost, aantal * len(Begrotingssoort.values)))
        toekenningen: list[Rij] = []
        posten: list[Rij] = []
        uitgaven: list[Rij] = []
        per_toekenning = _n(UITGAVEN_PER_TOEKENNING, self.fraction)
        for i, pk in enumerate(ids):
            school_id = self.school_ids[i % len(self.school_ids)]
            jaar = self.jaren[(i // len(self.school_ids)) % JAREN]
            bedrag = Decimal(self.rng.randrange(20_000, 120_000, 500))
            toekenningen.append(
                {
                    "id": pk,
                    "school_id": school_id,
                    "regeling_id": regeling.pk,
                    "naam": f"{regeling.naam} {jaar}",
                    "referentie": f"BORD-{i:04d}",
                    "begindatum": jaar.begindatum,
                    "einddatum": jaar.einddatum,
                    "bedrag": bedrag,
                    "status": "vastgesteld" if jaar.einddatum < self.vandaag else "toegekend",
                    "aangemaakt_door_id": self.staf_ids[school_id][Rol.COORDINATOR],
                    "aangemaakt_op": _aware(jaar.begindatum, dt.time(9)),
                }
            )
            mijn_posten = []
            for soort in Begrotingssoort.values:
                post_id = next(post_ids)
                posten.append({"id": post_id, "toekenning_id": pk, "soort": soort, "bedrag": bedrag / 4})
                mijn_posten.append(post_id)
            laatste = min(jaar.einddatum, self.vandaag)
            dagen = max(1, (laatste - jaar.begindatum).days)
            activiteiten = self.activiteiten_per_school[school_id]
            for _ in range(per_toekenning):
                datum = jaar.begindatum + dt.timedelta(days=self.rng.randint(0, dagen))
                uitgaven.append(
                    {
                        "toekenning_id": pk,
                        "post_id": self.rng.choice(mijn_posten),
                        "datum": datum,
                        "bedrag": Decimal(self.rng.randrange(2_500, 150_000)) / 100,
                        "omschrijving": self.rng.choice(["Materiaal", "Inhuur trainer", "Boodschappen", "Vervoer"]),
                        "activiteit_id": self.rng.choice(activiteiten) if self.rng.random() < 0.5 else None,
                        "factuurnummer": f"F{i:04d}-{len(uitgaven):06d}",
                        "aangemaakt_door_id": self.staf_ids[school_id][Rol.COORDINATOR],
                        "aangemaakt_op": _aware(datum, dt.time(12)),
                    }
                )
        self.w.copy(Toekenning, toekenningen)
        self.w.copy(Begrotingspost, posten)
        self.w.copy(Uitgave, uitgaven)

    # -- parent activities, invitations and the reminder outbox --

    def ouderactiviteiten(self) -> None:
        aantal = _n(OUDERACTIVITEITEN * self.bord_deel, self.fraction, len(self.school_ids))
        ids = self.w.ids(Ouderactiviteit, aantal)
        activiteiten, uitnodigingen, herinneringen, aanmeldingen = [], [], [], []
        begin = self.jaren[0].begindatum + dt.timedelta(days=30)
        einde = self.jaren[-1].einddatum - dt.timedelta(days=30)
        stap = (einde - begin).days / max(1, aantal)
        geplande = []
        for i, pk in enumerate(ids):
            school_id = self.school_ids[i % len(self.school_ids)]
            datum = begin + dt.timedelta(days=int(i * stap))
            datum += dt.timedelta(days=(1 - datum.weekday()) % 7)  # a Tuesday
            gewijzigd = i % 5 == 0
            activiteiten.append(
                {
                    "id": pk,
                    "school_id": school_id,
                    "soort": self.rng.choice(OuderactiviteitSoort.values),
                    "titel": f"Ouderbijeenkomst {i + 1}",
                    "thema": self.rng.choice(["Opvoeden in twee talen", "Geldzaken", "Gezond eten", "Schermtijd"]),
                    "datum": datum,
                    "inloop": dt.time(8, 30),
                    "begintijd": dt.time(8, 45),
                    "eindtijd": dt.time(10, 0),
                    "locatie": "Ouderkamer",
                    "tolktalen": ["ar", "tr"],
                    "versie": 2 if gewijzigd else 1,
                    "aangemaakt_door_id": self.staf_ids[school_id][Rol.COORDINATOR],
                    "created_at": _aware(datum - dt.timedelta(days=30), dt.time(9)),
                    "updated_at": _aware(datum - dt.timedelta(days=30), dt.time(9)),
                }
            )
            geplande.append((pk, school_id, datum, gewijzigd))
        uitnodiging_ids = iter(
            self.w.ids(Uitnodiging, sum(len(self.verzorgers_per_school[s]) for _, s, _, _ in geplande))
        )
        for activiteit_id, school_id, datum, gewijzigd in geplande:
            door = self.staf_ids[school_id][Rol.COORDINATOR]
            uitgenodigd_op = _aware(datum - dt.timedelta(days=21), dt.time(9))
            momenten = [("uitnodiging", uitgenodigd_op)] + [
                (f"dagen-{d}", _aware(datum - dt.timedelta(days=d), dt.time(16))) for d in (7, 1)
            ]
            if gewijzigd:
                momenten.append(("wijziging-2", _aware(datum - dt.timedelta(days=10), dt.time(11))))
            for verzorger_id, gezin_id, taal, kanaal in self.verzorgers_per_school[school_id]:
                pk = next(uitnodiging_ids)
                verstuurd = uitgenodigd_op <= self.w.nu
                uitnodigingen.append(
                    {
                        "id": pk,
                        "ouderactiviteit_id": activiteit_id,
                        "verzorger_id": verzorger_id,
                        "gezin_id": gezin_id,
                        "taal": taal,
                        "kanaal": kanaal,
                        "status": ("afgedrukt" if kanaal == Kanaal.PAPIER else "verstuurd")
                        if verstuurd
                        else UitnodigingStatus.NIEUW,
                        "verstuurd_op": uitgenodigd_op if verstuurd else None,
                        "uitgenodigd_door_id": door,
                        "created_at": uitgenodigd_op,
                    }
                )
                for moment, op in momenten:
                    klaar = op <= self.w.nu
                    herinneringen.append(
                        {
                            "uitnodiging_id": pk,
                            "moment": moment,
                            "kanaal": kanaal,
                            "verstuur_op": op,
                            "status": HerinneringStatus.VERSTUURD if klaar else HerinneringStatus.GEPLAND,
                            "pogingen": 1 if klaar else 0,
                            "verstuurd_op": op if klaar else None,
                            "created_at": uitgenodigd_op,
                        }
                    )
                if self.rng.random() < 0.3:
                    komt = self.rng.random() < 0.75
                    aanmeldingen.append(
                        {
                            "uitnodiging_id": pk,
                            "status": AanmeldingStatus.KOMT if komt else AanmeldingStatus.KOMT_NIET,
                            "volwassenen": 1,
                            "kinderen": self.rng.choice([0, 1, 2]) if komt else 0,
                            "beantwoord_op": uitgenodigd_op + dt.timedelta(days=2),
                            "gewijzigd_op": uitgenodigd_op + dt.timedelta(days=2),
                        }
                    )
        self.w.copy(Ouderactiviteit, activiteiten)
        self.w.copy(Uitnodiging, uitnodigingen)
        self.w.copy(Aanmelding, aanmeldingen)
        self.w.copy(Herinnering, herinneringen)


def board_exists(bestuur: Bestuur) -> bool:
    return School.objects.filter(bestuur=bestuur, brin__startswith=BRIN_PREFIX).exists()


def seed_board(
    *, bestuur: Bestuur, scholen: list[School], schools: int = BORD_SCHOLEN, fraction: float = 1.0, log: Log = print
) -> dict[str, int]:
    """Add ``schools`` schools with three school years of history to the demo board. Returns the
    rows written per table; returns nothing when the board-scale schools exist already."""
    if board_exists(bestuur):
        log("Grote demogegevens staan er al; niets gedaan.")
        return {}
    if schools > 26 * 26:
        raise ValueError("Hooguit 676 scholen (BRIN 98AA–98ZZ).")
    begin = time.monotonic()
    eerste_jaar = Schooljaar.startjaar_voor(timezone.localdate()) - JAREN + 1
    log(f"Bord op schaal: {schools} scholen, fractie {fraction}, schooljaren vanaf {eerste_jaar}")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            # The history triggers read these settings inside an EXCEPTION block, which costs a
            # subtransaction and a caught error per row when they are unset (6× slower). Set them:
            # nothing is ignored, and every history row names this run as its context.
            cursor.execute(
                "SELECT set_config('pgtrigger.ignore', '{}', true), set_config('pghistory.context_id', %s, true),"
                " set_config('pghistory.context_metadata', %s, true)",
                [str(uuid.uuid4()), json.dumps({"command": f"seed_demo --scale board --schools {schools}"})],
            )
        bord = Bord(bestuur=bestuur, scholen=scholen, schools=schools, fraction=fraction, log=log)
        for stap in (
            bord.scholen,
            bord.staf,
            bord.leerlingen,
            bord.partners,
            bord.activiteiten,
            bord.sessies_en_presentie,
            bord.signalen,
            bord.fsp,
            bord.subsidies,
            bord.ouderactiviteiten,
        ):
            stap()
        stap_begin = time.monotonic()
        with connection.cursor() as cursor:
            # Django's foreign keys are checked at commit; do it here, so the time shows up.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        log(f"  {'foreign keys gecontroleerd':<40} {'':>9}        {time.monotonic() - stap_begin:6.1f} s")
    # COPY bypasses Django's cursor, so the write watcher did not see these rows: every figure
    # kept from before the seed is stale (familieschool.freshness).
    freshness.renew_all()
    stap_begin = time.monotonic()
    with connection.cursor() as cursor:
        # Fresh planner statistics, so the first measurement does not run on empty-table estimates.
        cursor.execute("ANALYZE")
    log(f"  {'ANALYZE':<40} {'':>9}        {time.monotonic() - stap_begin:6.1f} s")
    totaal = sum(bord.w.aantallen.values())
    log(f"Klaar: {totaal} rijen in {time.monotonic() - begin:.1f} s")
    return bord.w.aantallen
