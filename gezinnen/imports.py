"""Pupil import: an EDEXML 2.1 file plus the guardian CSV, checked on upload, shown as a difference
with the database, and applied all-or-nothing after approval.

    start_import ─ parse and check (in the request) ─→ VALIDEREN
    task_compute_verschillen ─ store_verschillen ─────→ TE_BEOORDELEN (preview)
    approve_import ───────────────────────────────────→ VERWERKEN
    task_apply_import ─ process_import ─ apply_import ─→ VERWERKT, or MISLUKT with nothing saved

Privacy (reference/domain.md §1.3–1.4): the forbidden identifiers are dropped while the XML is
read. Their text is never collected, so it cannot reach the payload, the report, a log line or an
error message; only how many were dropped, per kind, is kept. Neither file is stored:
``Importbatch.gegevens`` holds the cleaned data until the batch is done, then it is emptied.

The preview and the apply share one planner (``_plan``) that compares the cleaned data with the
database in memory, so what was previewed is what is done, a second run of the same files plans
nothing, and the apply needs a handful of bulk queries per few hundred rows instead of one per row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

import pghistory
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from familieschool.models import Lidmaatschap, School, Schooljaar, User
from familieschool.text import fold
from gezinnen import services
from gezinnen.models import (
    Geslacht,
    Gezin,
    Groep,
    GroepSoort,
    Importbatch,
    Jaargroep,
    Kanaal,
    Leerling,
    Relatie,
    Taal,
    Verzorger,
    Verzorgerschap,
)

logger = logging.getLogger(__name__)

MAX_EDEXML_BYTES = 20 * 1024 * 1024
MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_LEERLINGEN = 20_000
MAX_GETOOND = 500  # entries per list kept for the preview; samenvatting holds the full counts
MAX_OPMERKINGEN = 500
CHUNK = 250  # rows per bulk query, and how often the progress bar moves
VOORTGANG_TIMEOUT = 60 * 60

EDEXML = "EDEXML"
VERZORGERS = "Verzorgers"

# Never kept, stored or logged (reference/domain.md §1.3–1.4). Only counted.
VERBODEN_ELEMENTEN = frozenset(
    {
        "bsn",
        "onderwijsnummer",
        "sofinummer",
        "bsn_ondwnr-4",
        "rijksregisternummer",
        "etniciteit",
        "land",
        "land_vader",
        "land_moeder",
        "gewicht",
        "gewicht_nieuw",
        "fotourl",
        "gebruikersnaam",
    }
)
VERBODEN_ATTRIBUTEN = frozenset({"eckid"})
# The same in a CSV header (after normalising: lower case, "-" → "_").
VERBODEN_KOLOMMEN = frozenset(
    {naam.replace("-", "_") for naam in VERBODEN_ELEMENTEN}
    | {"eckid", "eck_id", "pgn", "burgerservicenummer", "bsn_nummer", "nationaliteit", "geboorteland"}
)

# Changes that make a batch worth approving; the other counts are context.
SOORTEN_VERSCHIL = (
    "groepen_nieuw",
    "groepen_gewijzigd",
    "leerlingen_nieuw",
    "leerlingen_gewijzigd",
    "groepswissels",
    "vertrekkers",
    "verzorgers_nieuw",
    "verzorgers_gewijzigd",
)

Voortgang = Callable[[int, int], None]


def _geen_voortgang(klaar: int, totaal: int) -> None:
    return None


# --- small helpers -----------------------------------------------------------------------------

_LANG_NUMMER = re.compile(r"\d(?:[ .\-]?\d){8,}")


def _toon(waarde: str, lengte: int = 40) -> str:
    """A value from the file, safe to echo in a report: shortened, and any run of nine or more
    digits (the shape of a BSN or onderwijsnummer that slipped into the wrong column) hidden."""
    waarde = _LANG_NUMMER.sub("…", waarde.strip())
    return waarde if len(waarde) <= lengte else waarde[: lengte - 1] + "…"


def _datum(tekst: str) -> dt.date:
    """An xs:date (``2014-07-26``, optionally with a time zone); ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})?", tekst):
        raise ValueError(tekst)
    return dt.date.fromisoformat(tekst[:10])


def _datum_iso(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None


def _toon_datum(waarde: dt.date | str | None) -> str:
    if isinstance(waarde, str):
        waarde = _datum_iso(waarde)
    return waarde.strftime("%d-%m-%Y") if waarde else ""


def _postcode(tekst: str) -> str | None:
    """``1068 cj`` → ``1068CJ``; None when it is not a Dutch postcode."""
    compact = re.sub(r"\s+", "", tekst).upper()
    return compact if re.fullmatch(r"[1-9]\d{3}[A-Z]{2}", compact) else None


def _naam(roepnaam: str, tussenvoegsel: str, achternaam: str) -> str:
    return " ".join(part for part in (roepnaam, tussenvoegsel, achternaam) if part)


def _afwijzing(bestand: str, regel: int, sleutel: str, reden: str) -> dict[str, Any]:
    """A rejected row (or a note about one). ``sleutel`` is a pupil key of the file, which may be
    shown as it is; values quoted in ``reden`` go through ``_toon``."""
    sleutel = sleutel.strip()
    return {
        "bestand": bestand,
        "regel": regel,
        "sleutel": sleutel if len(sleutel) <= 64 else sleutel[:63] + "…",
        "reden": reden,
    }


# --- reading XML safely --------------------------------------------------------------------------


class _Verboden(Exception):
    """A DTD or entity declaration: refused before anything is expanded."""


@dataclass(slots=True)
class _Element:
    tag: str
    attrib: dict[str, str]
    regel: int
    kinderen: list[_Element] = field(default_factory=list)
    delen: list[str] = field(default_factory=list)

    @property
    def tekst(self) -> str:
        return "".join(self.delen).strip()

    def kind(self, tag: str) -> _Element | None:
        return next((kind for kind in self.kinderen if kind.tag == tag), None)

    def kinderen_met(self, *tags: str) -> list[_Element]:
        return [kind for kind in self.kinderen if kind.tag in tags]

    def tekst_van(self, tag: str) -> str:
        kind = self.kind(tag)
        return kind.tekst if kind is not None else ""


_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _lees_xml(data: bytes) -> tuple[_Element, Counter[str]]:
    """The document as a small tree with the line of every element, without the forbidden
    elements and attributes (counted per kind). Refuses DTDs and entity declarations, so no
    entity expansion ("billion laughs") and no external entity can happen."""
    if _DTD.search(data):
        raise ValidationError(
            "Dit XML-bestand bevat een DOCTYPE- of ENTITY-declaratie. Die zijn niet toegestaan in een "
            "EDEXML-bestand; exporteer het bestand opnieuw uit de leerlingadministratie.",
            code="dtd",
        )
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    stapel: list[_Element] = []
    wortels: list[_Element] = []
    weggelaten: Counter[str] = Counter()
    overslaan = 0  # depth inside a forbidden element: nothing of it is collected

    def start(naam: str, attributen: dict[str, str]) -> None:
        nonlocal overslaan
        tag = naam.rsplit(" ", 1)[-1]
        if overslaan:
            overslaan += 1
            return
        if tag in VERBODEN_ELEMENTEN:
            weggelaten[tag] += 1
            overslaan = 1
            return
        attrib: dict[str, str] = {}
        for sleutel, waarde in attributen.items():
            kort = sleutel.rsplit(" ", 1)[-1]
            if kort in VERBODEN_ATTRIBUTEN:
                weggelaten[kort] += 1
            else:
                attrib[kort] = waarde
        element = _Element(tag=tag, attrib=attrib, regel=parser.CurrentLineNumber)
        (stapel[-1].kinderen if stapel else wortels).append(element)
        stapel.append(element)

    def einde(naam: str) -> None:
        nonlocal overslaan
        if overslaan:
            overslaan -= 1
        else:
            stapel.pop()

    def tekst(deel: str) -> None:
        if not overslaan and stapel:
            stapel[-1].delen.append(deel)

    def verboden(*args: Any) -> None:
        raise _Verboden

    parser.StartElementHandler = start
    parser.EndElementHandler = einde
    parser.CharacterDataHandler = tekst
    parser.StartDoctypeDeclHandler = verboden
    parser.EntityDeclHandler = verboden
    parser.ExternalEntityRefHandler = verboden  # type: ignore[assignment]
    try:
        parser.Parse(data, True)
    except _Verboden as error:
        raise ValidationError(
            "Dit XML-bestand bevat een DOCTYPE- of ENTITY-declaratie. Die zijn niet toegestaan in een "
            "EDEXML-bestand; exporteer het bestand opnieuw uit de leerlingadministratie.",
            code="dtd",
        ) from error
    except expat.ExpatError as error:
        raise ValidationError(
            f"Dit is geen geldig XML-bestand: de opbouw klopt niet op regel {error.lineno}, "
            f"kolom {error.offset + 1}. Exporteer het EDEXML-bestand opnieuw.",
            code="geen_xml",
        ) from error
    if not wortels:
        raise ValidationError("Dit XML-bestand is leeg.", code="leeg")
    return wortels[0], weggelaten


# --- EDEXML ------------------------------------------------------------------------------------


@dataclass
class Edexml:
    """The cleaned content of an EDEXML file, plus what was rejected or dropped."""

    brin: str
    vestiging: str
    schooljaar: int  # startjaar: 2026 for 2026-2027
    groepen: list[dict[str, Any]] = field(default_factory=list)
    leerlingen: list[dict[str, Any]] = field(default_factory=list)
    leerkrachten: list[dict[str, Any]] = field(default_factory=list)
    # Every pupil key in the file, rejected rows too: a rejected pupil has not left the school.
    sleutels: list[str] = field(default_factory=list)
    afgewezen: list[dict[str, Any]] = field(default_factory=list)
    opmerkingen: list[dict[str, Any]] = field(default_factory=list)
    weggelaten: Counter[str] = field(default_factory=Counter)


def parse_edexml(data: bytes) -> Edexml:
    """Read and check an EDEXML 2.1 file. A file that cannot be used as a whole raises
    ``ValidationError`` (Dutch); rows with problems are in ``afgewezen`` with line and reason."""
    if not data.strip():
        raise ValidationError("Het EDEXML-bestand is leeg.", code="leeg")
    if len(data) > MAX_EDEXML_BYTES:
        raise ValidationError(
            f"Het EDEXML-bestand is groter dan {MAX_EDEXML_BYTES // (1024 * 1024)} MB.", code="te_groot"
        )
    begin = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if begin != b"<" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(
            "Dit is geen XML-bestand. Kies het EDEXML-bestand (EDEX.XML) uit de leerlingadministratie.",
            code="geen_xml",
        )
    wortel, weggelaten = _lees_xml(data)
    if wortel.tag != "EDEX":
        raise ValidationError(
            f"Dit is geen EDEXML-bestand: het begint met <{_toon(wortel.tag, 30)}> in plaats van <EDEX>.",
            code="geen_edexml",
        )
    resultaat = _lees_school(wortel)
    resultaat.weggelaten = weggelaten
    stamgroepen, samengesteld = _lees_groepen(wortel, resultaat)
    _lees_leerlingen(wortel, resultaat, stamgroepen, samengesteld)
    _lees_leerkrachten(wortel, resultaat, stamgroepen | samengesteld)
    return resultaat


def _lees_school(wortel: _Element) -> Edexml:
    school = wortel.kind("school")
    if school is None:
        raise ValidationError("Het EDEXML-bestand mist het onderdeel <school>.", code="geen_school")
    jaar = school.tekst_van("schooljaar")
    match = re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", jaar)
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ValidationError(
            f"Het schooljaar in het bestand (‘{_toon(jaar) or 'leeg'}’) is geen geldig schooljaar zoals 2026-2027.",
            code="schooljaar",
        )
    brin = school.tekst_van("brincode").upper()
    if not re.fullmatch(r"\d{2}[A-Z]{2}", brin):
        raise ValidationError(
            "Het EDEXML-bestand heeft geen geldige BRIN-code (twee cijfers en twee letters).", code="brin"
        )
    vestiging = school.tekst_van("dependancecode") or "00"
    if not re.fullmatch(r"\d{1,2}", vestiging):
        raise ValidationError("Het vestigingsnummer (dependancecode) in het bestand is ongeldig.", code="brin")
    return Edexml(brin=brin, vestiging=vestiging.zfill(2), schooljaar=int(match[1]))


def _lees_groepen(wortel: _Element, resultaat: Edexml) -> tuple[set[str], set[str]]:
    stamgroepen: set[str] = set()
    samengesteld: set[str] = set()
    eerste: dict[str, int] = {}
    groepen = wortel.kind("groepen")
    for element in groepen.kinderen_met("groep", "samengestelde_groep") if groepen else []:
        sleutel = element.attrib.get("key", "").strip()
        if not sleutel:
            resultaat.afgewezen.append(_afwijzing(EDEXML, element.regel, "", "Groep zonder sleutel (key)."))
            continue
        if len(sleutel) > 64:
            resultaat.afgewezen.append(
                _afwijzing(EDEXML, element.regel, sleutel, "De groepsleutel is langer dan 64 tekens.")
            )
            continue
        if sleutel in eerste:
            resultaat.afgewezen.append(
                _afwijzing(
                    EDEXML,
                    element.regel,
                    sleutel,
                    f"Dubbele groepsleutel: deze groep staat al op regel {eerste[sleutel]}; deze is overgeslagen.",
                )
            )
            continue
        eerste[sleutel] = element.regel
        soort = GroepSoort.STAMGROEP if element.tag == "groep" else GroepSoort.SAMENGESTELD
        jaargroep = element.tekst_van("jaargroep").upper() if soort == GroepSoort.STAMGROEP else ""
        if jaargroep and jaargroep not in Jaargroep.values:
            _opmerking(
                resultaat.opmerkingen,
                EDEXML,
                element.regel,
                sleutel,
                f"Jaargroep ‘{_toon(jaargroep)}’ is onbekend; de groep is zonder jaargroep overgenomen.",
            )
            jaargroep = ""
        (stamgroepen if soort == GroepSoort.STAMGROEP else samengesteld).add(sleutel)
        resultaat.groepen.append(
            {
                "sleutel": sleutel,
                "naam": (element.tekst_van("naam") or sleutel)[:64],
                "soort": str(soort),
                "jaargroep": jaargroep,
                "regel": element.regel,
            }
        )
    return stamgroepen, samengesteld


def _opmerking(opmerkingen: list[dict[str, Any]], bestand: str, regel: int, sleutel: str, tekst: str) -> None:
    """A note about a value that was corrected or left out; the row itself is imported."""
    if len(opmerkingen) < MAX_OPMERKINGEN:
        opmerkingen.append(_afwijzing(bestand, regel, sleutel, tekst))


def _lees_datum(element: _Element, tag: str, label: str, redenen: list[str]) -> str | None:
    tekst = element.tekst_van(tag)
    if not tekst:
        return None
    try:
        return _datum(tekst).isoformat()
    except ValueError:
        redenen.append(f"{label} ‘{_toon(tekst)}’ is geen geldige datum (verwacht jjjj-mm-dd).")
        return None


def _lees_leerlingen(wortel: _Element, resultaat: Edexml, stamgroepen: set[str], samengesteld: set[str]) -> None:
    container = wortel.kind("leerlingen")
    if container is None:
        raise ValidationError("Het EDEXML-bestand bevat geen leerlingen (<leerlingen> ontbreekt).", code="leeg")
    elementen = container.kinderen_met("leerling")
    if len(elementen) > MAX_LEERLINGEN:
        raise ValidationError(
            f"Het bestand bevat meer dan {MAX_LEERLINGEN} leerlingen; dat is meer dan één school.", code="te_groot"
        )
    jaargroep_van_groep = {groep["sleutel"]: groep["jaargroep"] for groep in resultaat.groepen}
    eerste: dict[str, int] = {}
    for element in elementen:
        sleutel = element.attrib.get("key", "").strip()
        if sleutel and sleutel in eerste:
            resultaat.afgewezen.append(
                _afwijzing(
                    EDEXML,
                    element.regel,
                    sleutel,
                    f"Dubbele leerlingsleutel: deze leerling staat al op regel {eerste[sleutel]}; "
                    "deze regel is overgeslagen.",
                )
            )
            continue
        if sleutel:
            eerste[sleutel] = element.regel
            resultaat.sleutels.append(sleutel)
        leerling, redenen = _lees_leerling(element, sleutel, stamgroepen, samengesteld, jaargroep_van_groep)
        if redenen:
            resultaat.afgewezen.append(_afwijzing(EDEXML, element.regel, sleutel, " ".join(redenen)))
        else:
            postcode = element.tekst_van("postcodenl")
            if postcode and not leerling["postcode"]:
                _opmerking(
                    resultaat.opmerkingen,
                    EDEXML,
                    element.regel,
                    sleutel,
                    f"Postcode ‘{_toon(postcode)}’ is geen Nederlandse postcode en is niet overgenomen.",
                )
            resultaat.leerlingen.append(leerling)
    if not resultaat.leerlingen:
        # Importing nothing would mark every pupil of the school as a leaver.
        eerste_fout = resultaat.afgewezen[0] if resultaat.afgewezen else None
        raise ValidationError(
            "Het EDEXML-bestand bevat geen enkele leerling die kan worden ingelezen."
            + (f" Regel {eerste_fout['regel']}: {eerste_fout['reden']}" if eerste_fout else ""),
            code="leeg",
        )


def _lees_leerling(
    element: _Element,
    sleutel: str,
    stamgroepen: set[str],
    samengesteld: set[str],
    jaargroep_van_groep: dict[str, str],
) -> tuple[dict[str, Any], list[str]]:
    redenen: list[str] = []
    if not sleutel:
        redenen.append("Leerling zonder sleutel (key).")
    elif len(sleutel) > 64:
        redenen.append("De leerlingsleutel is langer dan 64 tekens.")

    achternaam = element.tekst_van("achternaam")
    tussenvoegsel = element.tekst_van("voorvoegsel")
    roepnaam = element.tekst_van("roepnaam") or (element.tekst_van("voornamen").split() or [""])[0]
    if not achternaam:
        redenen.append("Achternaam ontbreekt.")
    elif len(achternaam) > 200:
        redenen.append("Achternaam is langer dan 200 tekens.")
    if len(tussenvoegsel) > 10:
        redenen.append("Voorvoegsel is langer dan 10 tekens.")
    if not roepnaam:
        redenen.append("Roepnaam ontbreekt (en er zijn geen voornamen).")
    elif len(roepnaam) > 64:
        redenen.append("Roepnaam is langer dan 64 tekens.")

    geboortedatum = _lees_datum(element, "geboortedatum", "Geboortedatum", redenen)
    instroomdatum = _lees_datum(element, "instroomdatum", "Instroomdatum", redenen)
    uitstroomdatum = _lees_datum(element, "uitstroomdatum", "Uitstroomdatum", redenen)
    if instroomdatum and uitstroomdatum and uitstroomdatum < instroomdatum:
        redenen.append("Uitstroomdatum ligt vóór de instroomdatum.")

    groep: str | None = None
    groep_element = element.kind("groep")
    if groep_element is not None:
        groep = groep_element.attrib.get("key", "").strip() or None
        if groep in samengesteld:
            redenen.append(f"Groep ‘{_toon(groep)}’ is een samengestelde groep, geen stamgroep.")
        elif groep is not None and groep not in stamgroepen:
            redenen.append(f"Onbekende groep ‘{_toon(groep)}’: die staat niet bij de groepen in het bestand.")
    extra: list[str] = []
    container = element.kind("samengestelde_groepen")
    for kind in container.kinderen_met("samengestelde_groep") if container else []:
        extra_sleutel = kind.attrib.get("key", "").strip()
        if extra_sleutel not in samengesteld:
            redenen.append(
                f"Onbekende samengestelde groep ‘{_toon(extra_sleutel)}’: die staat niet bij de groepen in het bestand."
            )
        elif extra_sleutel not in extra:
            extra.append(extra_sleutel)

    jaargroep = element.tekst_van("jaargroep").upper()
    if jaargroep not in Jaargroep.values:
        jaargroep = ""
    if not jaargroep and groep and jaargroep_van_groep.get(groep, "") not in ("", Jaargroep.COMBINATIE):
        jaargroep = jaargroep_van_groep[groep]
    geslacht = element.tekst_van("geslacht")
    leerling = {
        "leerlingnummer": sleutel,
        "roepnaam": roepnaam,
        "tussenvoegsel": tussenvoegsel,
        "achternaam": achternaam,
        "geboortedatum": geboortedatum,
        "geslacht": geslacht if geslacht in Geslacht.values else "",
        "jaargroep": jaargroep,
        "groep": groep,
        "samengestelde_groepen": sorted(extra),
        "postcode": _postcode(element.tekst_van("postcodenl")) or "",
        "instroomdatum": instroomdatum,
        "uitstroomdatum": uitstroomdatum,
        "regel": element.regel,
    }
    return leerling, redenen


def _lees_leerkrachten(wortel: _Element, resultaat: Edexml, groepen: set[str]) -> None:
    container = wortel.kind("leerkrachten")
    for element in container.kinderen_met("leerkracht") if container else []:
        sleutel = element.attrib.get("key", "").strip()
        groep_sleutels: list[str] = []
        onbekend: list[str] = []
        lijst = element.kind("groepen")
        for kind in lijst.kinderen_met("groep", "samengestelde_groep") if lijst else []:
            groep = kind.attrib.get("key", "").strip()
            (groep_sleutels if groep in groepen else onbekend).append(groep)
        if onbekend:
            lijst_tekst = ", ".join(f"‘{_toon(g)}’" for g in onbekend)
            resultaat.afgewezen.append(
                _afwijzing(EDEXML, element.regel, sleutel, f"Leerkracht verwijst naar onbekende groep {lijst_tekst}.")
            )
            continue
        resultaat.leerkrachten.append(
            {
                "sleutel": sleutel,
                "naam": _naam(
                    element.tekst_van("roepnaam"), element.tekst_van("voorvoegsel"), element.tekst_van("achternaam")
                )[:150],
                "email": element.tekst_van("emailadres").lower()[:254],
                "groepen": sorted(set(groep_sleutels)),
                "regel": element.regel,
            }
        )


def check_school(edexml: Edexml, *, school: School) -> None:
    """The file must be an export of the active school (BRIN and vestiging)."""
    if (edexml.brin, edexml.vestiging) != (school.brin, school.vestiging):
        raise ValidationError(
            f"Dit bestand hoort bij een andere school (BRIN {edexml.brin}, vestiging {edexml.vestiging}). "
            f"Je werkt nu voor {school.naam} (BRIN {school.brin}, vestiging {school.vestiging}); "
            "wissel van school of kies het bestand van deze school.",
            code="andere_school",
        )


# --- guardian CSV --------------------------------------------------------------------------------

VERZORGER_KOLOMMEN = (
    "leerlingnummer",
    "verzorger_volgnr",
    "relatie",
    "gezag",
    "roepnaam",
    "tussenvoegsel",
    "achternaam",
    "telefoon_mobiel",
    "telefoon_thuis",
    "email",
    "straat",
    "huisnummer",
    "huisnummer_toevoeging",
    "postcode",
    "woonplaats",
    "voorkeurstaal",
    "tolk_nodig",
)
VERPLICHTE_KOLOMMEN = ("leerlingnummer", "verzorger_volgnr", "relatie", "roepnaam", "achternaam")
VERZORGER_KOLOM_UITLEG = {
    "leerlingnummer": "Het leerlingnummer uit de leerlingadministratie (de sleutel in het EDEXML-bestand).",
    "verzorger_volgnr": "1, 2, … : de hoeveelste verzorger van deze leerling.",
    "relatie": "moeder, vader, verzorger, pleegouder of voogd.",
    "gezag": "ja of nee: heeft ouderlijk gezag. Leeg is ja.",
    "roepnaam": "Roepnaam van de verzorger.",
    "tussenvoegsel": "Bijvoorbeeld van der.",
    "achternaam": "Achternaam van de verzorger.",
    "telefoon_mobiel": "Bijvoorbeeld 06-12345678.",
    "telefoon_thuis": "Wordt gebruikt als er geen mobiel nummer is.",
    "email": "E-mailadres.",
    "straat": "Straat.",
    "huisnummer": "Huisnummer.",
    "huisnummer_toevoeging": "Bijvoorbeeld 2 of A.",
    "postcode": "Bijvoorbeeld 1055 AB.",
    "woonplaats": "Woonplaats.",
    "voorkeurstaal": "Taalcode of naam, bijvoorbeeld nl, ar of Turks. Onbekend wordt ‘Andere taal’.",
    "tolk_nodig": "ja of nee. Leeg is nee.",
}
KOLOM_ALIASSEN = {
    "leerling": "leerlingnummer",
    "leerling_nummer": "leerlingnummer",
    "leerlingnr": "leerlingnummer",
    "volgnr": "verzorger_volgnr",
    "volgnummer": "verzorger_volgnr",
    "verzorger_volgnummer": "verzorger_volgnr",
    "voornaam": "roepnaam",
    "voorvoegsel": "tussenvoegsel",
    "e_mail": "email",
    "e_mailadres": "email",
    "emailadres": "email",
    "mobiel": "telefoon_mobiel",
    "telefoon": "telefoon_mobiel",
    "telefoonnummer": "telefoon_mobiel",
    "toevoeging": "huisnummer_toevoeging",
    "plaats": "woonplaats",
    "taal": "voorkeurstaal",
    "tolk": "tolk_nodig",
}
RELATIES = {
    "moeder": Relatie.MOEDER,
    "mother": Relatie.MOEDER,
    "vader": Relatie.VADER,
    "father": Relatie.VADER,
    "verzorger": Relatie.VERZORGER,
    "verzorgster": Relatie.VERZORGER,
    "ouder": Relatie.VERZORGER,
    "stiefmoeder": Relatie.VERZORGER,
    "stiefvader": Relatie.VERZORGER,
    "pleegouder": Relatie.PLEEGOUDER,
    "pleegmoeder": Relatie.PLEEGOUDER,
    "pleegvader": Relatie.PLEEGOUDER,
    "voogd": Relatie.VOOGD,
    "gezinsvoogd": Relatie.VOOGD,
}
TALEN = {
    **{value: value for value in Taal.values},
    **{fold(label): value for value, label in Taal.choices},
    "nederlands": Taal.NL,
    "dutch": Taal.NL,
    "english": Taal.EN,
    "arabic": Taal.AR,
    "turkish": Taal.TR,
    "polish": Taal.PL,
    "spanish": Taal.ES,
    "french": Taal.FR,
    "berbers": Taal.BER,
    "tamazight": Taal.BER,
    "tigrinya": Taal.TI,
    "tigrinia": Taal.TI,
    "oekraiens": Taal.UK,
    "ukrainian": Taal.UK,
    "papiaments": Taal.PAP,
    "sranantongo": Taal.SRN,
    "sranan": Taal.SRN,
}
_JA = {"ja", "j", "1", "true", "waar", "yes", "y", "x"}
_NEE = {"nee", "n", "0", "false", "onwaar", "no"}


@dataclass
class VerzorgersCsv:
    rijen: list[dict[str, Any]] = field(default_factory=list)
    afgewezen: list[dict[str, Any]] = field(default_factory=list)
    opmerkingen: list[dict[str, Any]] = field(default_factory=list)
    genegeerde_kolommen: list[str] = field(default_factory=list)
    weggelaten: Counter[str] = field(default_factory=Counter)


def kolom_uitleg() -> list[tuple[str, bool, str]]:
    """(column, required, explanation) of the guardian CSV, for the upload page."""
    return [(kolom, kolom in VERPLICHTE_KOLOMMEN, VERZORGER_KOLOM_UITLEG[kolom]) for kolom in VERZORGER_KOLOMMEN]


def _decodeer(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise ValidationError(
            "Dit is een Excel- of ander zip-bestand, geen CSV. Kies in Excel ‘Opslaan als’ → ‘CSV UTF-8’.",
            code="geen_csv",
        )
    if b"\x00" in data:
        raise ValidationError("Dit is geen CSV-bestand (het bevat binaire gegevens).", code="geen_csv")
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Older LAS exports and Excel's plain "CSV" are Windows-1252.
        return data.decode("cp1252", errors="replace")


def _kolomnaam(kop: str) -> str:
    naam = re.sub(r"[^a-z0-9]+", "_", fold(kop.strip().lstrip("\ufeff"))).strip("_")
    return KOLOM_ALIASSEN.get(naam, naam)


def parse_verzorgers_csv(data: bytes, *, edexml: Edexml | None = None) -> VerzorgersCsv:
    """Read and check the guardian CSV (UTF-8 with or without BOM, or Windows-1252; ``;`` or ``,``).

    Strict on what is needed to link a guardian (pupil number, volgnummer, relation, name), forgiving
    on the rest: a bad phone number or e-mail address is left out with a note. With ``edexml``,
    rows of pupils that are not in (or were rejected from) that file are rejected."""
    if not data.strip():
        raise ValidationError("Het verzorgersbestand is leeg.", code="leeg")
    if len(data) > MAX_CSV_BYTES:
        raise ValidationError(
            f"Het verzorgersbestand is groter dan {MAX_CSV_BYTES // (1024 * 1024)} MB.", code="te_groot"
        )
    tekst = _decodeer(data)
    kopregel = tekst.lstrip("\r\n").split("\n", 1)[0]
    scheiding = ";" if kopregel.count(";") >= kopregel.count(",") and ";" in kopregel else ","
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=False)
    resultaat = VerzorgersCsv()
    koppen: list[str] | None = None
    vorige = 0
    ruwe_rijen: list[tuple[int, dict[str, str]]] = []
    try:
        for cellen in reader:
            regel, vorige = vorige + 1, reader.line_num
            if not any(cel.strip() for cel in cellen):
                continue
            if koppen is None:
                koppen = [_kolomnaam(kop) for kop in cellen]
                ontbreekt = [kolom for kolom in VERPLICHTE_KOLOMMEN if kolom not in koppen]
                if ontbreekt:
                    raise ValidationError(
                        "De kopregel van het verzorgersbestand mist de kolom"
                        + ("men " if len(ontbreekt) > 1 else " ")
                        + ", ".join(ontbreekt)
                        + ". De eerste regel moet de kolomnamen bevatten, gescheiden door ; of ,.",
                        code="kolommen",
                    )
                continue
            ruw: dict[str, str] = {}
            for kop, cel in zip(koppen, cellen, strict=False):
                if kop in VERBODEN_KOLOMMEN:
                    if cel.strip():
                        resultaat.weggelaten[kop] += 1
                elif kop in VERZORGER_KOLOMMEN and kop not in ruw:
                    ruw[kop] = cel.strip()
            ruwe_rijen.append((regel, ruw))
    except csv.Error as error:
        raise ValidationError(f"Regel {reader.line_num} van het verzorgersbestand is geen geldige CSV.") from error
    if koppen is None:
        raise ValidationError("Het verzorgersbestand bevat niets.", code="leeg")
    resultaat.genegeerde_kolommen = [
        kop for kop in dict.fromkeys(koppen) if kop and kop not in VERZORGER_KOLOMMEN and kop not in VERBODEN_KOLOMMEN
    ]

    bekend = {leerling["leerlingnummer"] for leerling in edexml.leerlingen} if edexml else None
    in_bestand = set(edexml.sleutels) if edexml else set()
    eerste_volgnr: dict[tuple[str, int], int] = {}
    eerste_persoon: dict[tuple[str, str], int] = {}
    for regel, ruw in ruwe_rijen:
        notities: list[dict[str, Any]] = []  # kept only for rows that are imported
        rij, redenen = _lees_verzorger(regel, ruw, notities)
        nummer = rij["leerlingnummer"]
        if nummer and bekend is not None and nummer not in bekend:
            if nummer in in_bestand:
                redenen.append("De leerling van deze regel is afgewezen in het EDEXML-bestand.")
            else:
                redenen.append(
                    f"Onbekend leerlingnummer ‘{_toon(nummer)}’: deze leerling staat niet in het EDEXML-bestand."
                )
        if not redenen:
            volgnr = (nummer, rij["volgnummer"])
            persoon = (nummer, rij["sleutel"])
            if volgnr in eerste_volgnr:
                redenen.append(
                    f"Dubbel: verzorger {rij['volgnummer']} van deze leerling staat al "
                    f"op regel {eerste_volgnr[volgnr]}."
                )
            elif persoon in eerste_persoon:
                redenen.append(f"Deze verzorger staat voor deze leerling al op regel {eerste_persoon[persoon]}.")
            else:
                eerste_volgnr[volgnr] = regel
                eerste_persoon[persoon] = regel
        # A number that is no pupil of the file may be anything (a shifted column): shown masked.
        getoond = nummer if bekend is None or nummer in in_bestand else _toon(nummer)
        sleutel = f"{getoond}/{_toon(ruw.get('verzorger_volgnr', ''), 8)}" if nummer else ""
        if redenen:
            resultaat.afgewezen.append(_afwijzing(VERZORGERS, regel, sleutel, " ".join(redenen)))
        else:
            resultaat.rijen.append(rij)
            resultaat.opmerkingen.extend(notities[: MAX_OPMERKINGEN - len(resultaat.opmerkingen)])
    return resultaat


def _lees_verzorger(
    regel: int, ruw: dict[str, str], opmerkingen: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[str]]:
    waarde = {kolom: ruw.get(kolom, "") for kolom in VERZORGER_KOLOMMEN}
    nummer = waarde["leerlingnummer"]
    sleutel = f"{nummer}/{waarde['verzorger_volgnr']}"
    redenen: list[str] = []

    def opmerking(tekst: str) -> None:
        _opmerking(opmerkingen, VERZORGERS, regel, sleutel, tekst)

    if not nummer:
        redenen.append("Leerlingnummer ontbreekt.")
    volgnummer = 0
    if not waarde["verzorger_volgnr"]:
        redenen.append("Volgnummer van de verzorger ontbreekt.")
    elif not waarde["verzorger_volgnr"].isdigit() or not 1 <= int(waarde["verzorger_volgnr"]) <= 99:
        redenen.append(f"Volgnummer ‘{_toon(waarde['verzorger_volgnr'])}’ is geen getal van 1 tot en met 99.")
    else:
        volgnummer = int(waarde["verzorger_volgnr"])
    relatie = RELATIES.get(fold(waarde["relatie"]).strip())
    if not waarde["relatie"]:
        redenen.append("Relatie ontbreekt.")
    elif relatie is None:
        redenen.append(
            f"Onbekende relatie ‘{_toon(waarde['relatie'])}’ (gebruik moeder, vader, verzorger, pleegouder of voogd)."
        )
    for kolom, label, lengte in (("roepnaam", "Roepnaam", 64), ("achternaam", "Achternaam", 200)):
        if not waarde[kolom]:
            redenen.append(f"{label} ontbreekt.")
        elif len(waarde[kolom]) > lengte:
            redenen.append(f"{label} is langer dan {lengte} tekens.")
    if len(waarde["tussenvoegsel"]) > 10:
        redenen.append("Tussenvoegsel is langer dan 10 tekens.")

    gezag = _ja_nee(waarde["gezag"], "Gezag", opmerking)
    tolk_nodig = _ja_nee(waarde["tolk_nodig"], "Tolk nodig", opmerking)
    mobiel = _telefoon(waarde["telefoon_mobiel"], opmerking)
    telefoon = mobiel or _telefoon(waarde["telefoon_thuis"], opmerking)
    email: str | None = waarde["email"] or None
    if email:
        try:
            validate_email(email)
        except ValidationError:
            opmerking(f"E-mailadres ‘{_toon(email)}’ is ongeldig en is niet overgenomen.")
            email = None
    postcode: str | None = None
    if waarde["postcode"]:
        postcode = _postcode(waarde["postcode"])
        if postcode is None:
            opmerking(f"Postcode ‘{_toon(waarde['postcode'])}’ is geen Nederlandse postcode en is niet overgenomen.")
    huisnummer = " ".join(part for part in (waarde["huisnummer"], waarde["huisnummer_toevoeging"]) if part)
    taal: str | None = None
    if waarde["voorkeurstaal"]:
        taal = TALEN.get(fold(waarde["voorkeurstaal"]).strip())
        taal = str(taal) if taal is not None else None
        if taal is None:
            opmerking(
                f"Voorkeurstaal ‘{_toon(waarde['voorkeurstaal'])}’ staat niet in de lijst; "
                "overgenomen als ‘Andere taal’."
            )
            taal = str(Taal.ANDERS)

    def beperkt(tekst: str, lengte: int, label: str) -> str | None:
        if not tekst:
            return None
        if len(tekst) > lengte:
            opmerking(f"{label} is langer dan {lengte} tekens en is niet overgenomen.")
            return None
        return tekst

    rij: dict[str, Any] = {
        "leerlingnummer": nummer,
        "volgnummer": volgnummer,
        "relatie": str(relatie) if relatie else "",
        "gezag": gezag,
        "roepnaam": waarde["roepnaam"],
        "tussenvoegsel": waarde["tussenvoegsel"],
        "achternaam": waarde["achternaam"],
        # None: the file says nothing, so an existing value is kept.
        "telefoon": telefoon,
        "email": email,
        "straat": beperkt(waarde["straat"], 200, "Straat"),
        "huisnummer": beperkt(huisnummer, 20, "Huisnummer"),
        "postcode": postcode,
        "woonplaats": beperkt(waarde["woonplaats"], 100, "Woonplaats"),
        "voorkeurstaal": taal,
        "tolk_nodig": tolk_nodig,
        "mobiel": mobiel is not None,  # for the preferred channel of a new guardian
        "regel": regel,
    }
    rij["sleutel"] = services.verzorger_sleutel(
        roepnaam=rij["roepnaam"],
        achternaam=rij["achternaam"],
        email=email or "",
        telefoon=telefoon or "",
        postcode=postcode or "",
        huisnummer=rij["huisnummer"] or "",
    )
    return rij, redenen


def _ja_nee(tekst: str, label: str, opmerking: Callable[[str], None]) -> bool | None:
    if not tekst:
        return None
    if tekst.lower() in _JA:
        return True
    if tekst.lower() in _NEE:
        return False
    opmerking(f"{label}: ‘{_toon(tekst)}’ is geen ja of nee; niet overgenomen.")
    return None


def _telefoon(tekst: str, opmerking: Callable[[str], None]) -> str | None:
    if not tekst:
        return None
    cijfers = sum(ch.isdigit() for ch in tekst)
    if len(tekst) > 30 or not re.fullmatch(r"\+?[\d\s()./-]+", tekst) or not 9 <= cijfers <= 15:
        opmerking(f"Telefoonnummer ‘{_toon(tekst)}’ is ongeldig en is niet overgenomen.")
        return None
    return tekst


# --- the payload -------------------------------------------------------------------------------


def build_gegevens(edexml: Edexml, verzorgers: VerzorgersCsv | None) -> dict[str, Any]:
    """The cleaned, JSON-serialisable data kept in ``Importbatch.gegevens`` until the batch is done."""
    return {
        "school": {"brin": edexml.brin, "vestiging": edexml.vestiging, "schooljaar": edexml.schooljaar},
        "groepen": edexml.groepen,
        "leerlingen": edexml.leerlingen,
        "leerkrachten": edexml.leerkrachten,
        "sleutels": edexml.sleutels,
        "verzorgers": verzorgers.rijen if verzorgers is not None else None,
    }


def _weggelaten_lijst(*tellers: Counter[str]) -> list[dict[str, Any]]:
    """[{veld, aantal}]: what was dropped, per kind (never a value)."""
    totaal: Counter[str] = Counter()
    for teller in tellers:
        totaal.update(teller)
    return [{"veld": veld, "aantal": aantal} for veld, aantal in sorted(totaal.items())]


# --- comparing with the database ----------------------------------------------------------------


@dataclass
class _Stand:
    """What the database holds for the school, loaded in a fixed number of queries."""

    leerlingen: dict[str, Leerling]
    groepen: dict[str, Groep]  # of the file's school year, by sleutel
    samengesteld: dict[int, dict[str, int]]  # leerling id → {groep sleutel: through-row id}
    koppelingen: list[Verzorgerschap]
    verzorgers: dict[int, Verzorger]
    verzorger_op_sleutel: dict[str, Verzorger]
    leerkrachten: dict[int, dict[int, str]]  # groep id → {user id: naam}
    gebruikers: dict[str, User]  # e-mail (lower case) → user with an active membership here
    gezinnen: dict[int, str]  # gezin id → naam


def _laad_stand(*, school: School, schooljaar: Schooljaar, emails: Iterable[str]) -> _Stand:
    leerlingen = {
        leerling.leerlingnummer: leerling
        for leerling in Leerling.objects.filter(school=school).select_related("groep", "groep__schooljaar")
    }
    groepen = {groep.sleutel: groep for groep in Groep.objects.filter(school=school, schooljaar=schooljaar)}
    samengesteld: dict[int, dict[str, int]] = defaultdict(dict)
    doorgang = Leerling.samengestelde_groepen.through.objects.filter(
        groep__school=school, groep__schooljaar=schooljaar
    ).values_list("pk", "leerling_id", "groep__sleutel")
    for pk, leerling_id, sleutel in doorgang:
        samengesteld[leerling_id][sleutel] = pk
    koppelingen = list(Verzorgerschap.objects.filter(leerling__school=school).order_by("pk"))
    verzorgers = {verzorger.pk: verzorger for verzorger in Verzorger.objects.filter(school=school).order_by("pk")}
    op_sleutel: dict[str, Verzorger] = {}
    for verzorger in verzorgers.values():
        op_sleutel.setdefault(verzorger.sleutel, verzorger)
    leerkrachten: dict[int, dict[int, str]] = defaultdict(dict)
    for groep_id, user_id, naam in Groep.leerkrachten.through.objects.filter(
        groep__school=school, groep__schooljaar=schooljaar
    ).values_list("groep_id", "user_id", "user__naam"):
        leerkrachten[groep_id][user_id] = naam
    emails = {email for email in emails if email}
    gebruikers: dict[str, User] = {}
    if emails:
        actief = Lidmaatschap.objects.filter(school=school, actief=True).values("user_id")
        for user in User.objects.filter(is_active=True, pk__in=actief):
            if user.email.lower() in emails:
                gebruikers[user.email.lower()] = user
    gezinnen = dict(Gezin.objects.filter(school=school).values_list("pk", "naam"))
    return _Stand(
        leerlingen=leerlingen,
        groepen=groepen,
        samengesteld=samengesteld,
        koppelingen=koppelingen,
        verzorgers=verzorgers,
        verzorger_op_sleutel=op_sleutel,
        leerkrachten=leerkrachten,
        gebruikers=gebruikers,
        gezinnen=gezinnen,
    )


LEERLING_VELDEN = (
    "roepnaam",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "jaargroep",
    "postcode",
    "instroomdatum",
    "uitstroomdatum",
)
DATUM_VELDEN = {"geboortedatum", "instroomdatum", "uitstroomdatum"}
VERZORGER_VELDEN = (
    "roepnaam",
    "tussenvoegsel",
    "achternaam",
    "telefoon",
    "email",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "voorkeurstaal",
    "tolk_nodig",
)


def _label(model: type[Leerling] | type[Verzorger] | type[Groep], veld: str) -> str:
    return str(getattr(model._meta.get_field(veld), "verbose_name", veld)).capitalize()


def _toon_waarde(veld: str, waarde: Any) -> str:
    if waarde is None or waarde == "":
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.date):
        return _toon_datum(waarde)
    if veld == "geslacht":
        return Geslacht(waarde).label
    if veld == "jaargroep":
        return Jaargroep(waarde).label
    if veld == "voorkeurstaal":
        return Taal(waarde).label
    if veld == "relatie":
        return Relatie(waarde).label
    return str(waarde)


@dataclass
class _NieuweVerzorger:
    sleutel: str
    velden: dict[str, Any]
    kanaal: str
    kinderen: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    """Everything the import would change, as data: shown in the preview, executed by the apply."""

    verschillen: dict[str, list[dict[str, Any]]]
    aantallen: dict[str, int]
    groepen_nieuw: list[dict[str, Any]] = field(default_factory=list)
    groepen_bijwerken: list[Groep] = field(default_factory=list)
    leerlingen_nieuw: list[dict[str, Any]] = field(default_factory=list)
    leerlingen_bijwerken: dict[int, tuple[Leerling, dict[str, Any]]] = field(default_factory=dict)
    samengesteld_weg: list[int] = field(default_factory=list)
    samengesteld_erbij: list[tuple[str, str]] = field(default_factory=list)  # (leerlingnummer, groep sleutel)
    verzorgers_nieuw: dict[str, _NieuweVerzorger] = field(default_factory=dict)
    verzorgers_bijwerken: dict[int, tuple[Verzorger, dict[str, Any]]] = field(default_factory=dict)
    # (verzorger id or new-guardian key, leerlingnummer, relatie, gezag, volgnummer)
    koppelingen_nieuw: list[tuple[int | str, str, str, bool, int]] = field(default_factory=list)
    koppelingen_bijwerken: list[tuple[Verzorgerschap, dict[str, Any]]] = field(default_factory=list)
    leerkrachten: dict[str, tuple[set[int], set[int]]] = field(default_factory=dict)  # sleutel → (erbij, weg)
    gezin_voor: dict[str, int | str] = field(default_factory=dict)  # leerlingnummer → gezin id or new key
    gezinnen_nieuw: dict[str, str] = field(default_factory=dict)  # new key → naam


def _plan(gegevens: dict[str, Any], *, stand: _Stand, vandaag: dt.date) -> _Plan:
    verschillen: dict[str, list[dict[str, Any]]] = {soort: [] for soort in SOORTEN_VERSCHIL}
    aantallen: dict[str, int] = dict.fromkeys(SOORTEN_VERSCHIL, 0)
    plan = _Plan(verschillen=verschillen, aantallen=aantallen)

    def toon(soort: str, item: dict[str, Any]) -> None:
        aantallen[soort] += 1
        if len(verschillen[soort]) < MAX_GETOOND:
            verschillen[soort].append(item)

    groepsnaam = {groep["sleutel"]: groep["naam"] for groep in gegevens["groepen"]}
    _plan_groepen(gegevens, stand, plan, toon)
    _plan_leerlingen(gegevens, stand, plan, toon, groepsnaam, vandaag)
    if gegevens.get("verzorgers") is not None:
        _plan_verzorgers(gegevens, stand, plan, toon)
    _plan_gezinnen(gegevens, stand, plan)
    for item in verschillen["leerlingen_nieuw"]:
        gezin = plan.gezin_voor.get(item["leerlingnummer"])
        if isinstance(gezin, int):
            item["gezin"] = f"{stand.gezinnen.get(gezin, 'Gezin')} (bestaand)"
        elif gezin is not None:
            item["gezin"] = f"{plan.gezinnen_nieuw[gezin]} (nieuw)"
    aantallen["gezinnen_nieuw"] = len(plan.gezinnen_nieuw)
    aantallen["leerlingen_in_bestand"] = len(gegevens["leerlingen"])
    aantallen["verzorgers_in_bestand"] = len(gegevens.get("verzorgers") or [])
    return plan


def _plan_groepen(
    gegevens: dict[str, Any], stand: _Stand, plan: _Plan, toon: Callable[[str, dict[str, Any]], None]
) -> None:
    leerkrachten = gegevens["leerkrachten"]
    # Teachers are linked only when the file names them by e-mail address; a file without any
    # addresses leaves the links made by hand alone.
    met_email = any(leerkracht["email"] for leerkracht in leerkrachten)
    doel: dict[str, dict[int, str]] = defaultdict(dict)
    for leerkracht in leerkrachten:
        user = stand.gebruikers.get(leerkracht["email"])
        if user is None:
            continue
        for sleutel in leerkracht["groepen"]:
            doel[sleutel][user.pk] = user.naam or user.email
    plan.aantallen["leerkrachten_zonder_account"] = sum(
        1 for leerkracht in leerkrachten if leerkracht["email"] and leerkracht["email"] not in stand.gebruikers
    )
    for groep in gegevens["groepen"]:
        bestaand = stand.groepen.get(groep["sleutel"])
        nu = stand.leerkrachten.get(bestaand.pk, {}) if bestaand else {}
        straks = doel.get(groep["sleutel"], {}) if met_email else nu
        if set(straks) != set(nu):
            plan.leerkrachten[groep["sleutel"]] = (set(straks) - set(nu), set(nu) - set(straks))
        soort_label = GroepSoort(groep["soort"]).label
        if bestaand is None:
            plan.groepen_nieuw.append(groep)
            toon(
                "groepen_nieuw",
                {
                    "sleutel": groep["sleutel"],
                    "naam": groep["naam"],
                    "soort": soort_label,
                    "jaargroep": _toon_waarde("jaargroep", groep["jaargroep"]),
                    "leerkrachten": ", ".join(sorted(straks.values())),
                },
            )
            continue
        velden = []
        for veld in ("naam", "soort", "jaargroep"):
            if getattr(bestaand, veld) != groep[veld]:
                oud = getattr(bestaand, veld)
                if veld == "soort":
                    oud_tekst, nieuw_tekst = GroepSoort(oud).label, soort_label
                else:
                    oud_tekst, nieuw_tekst = _toon_waarde(veld, oud), _toon_waarde(veld, groep[veld])
                velden.append({"veld": _label(Groep, veld), "oud": oud_tekst, "nieuw": nieuw_tekst})
                setattr(bestaand, veld, groep[veld])
        if velden:
            plan.groepen_bijwerken.append(bestaand)
        if groep["sleutel"] in plan.leerkrachten:
            velden.append(
                {
                    "veld": "Leerkrachten",
                    "oud": ", ".join(sorted(nu.values())),
                    "nieuw": ", ".join(sorted(straks.values())),
                }
            )
        if velden:
            toon("groepen_gewijzigd", {"sleutel": groep["sleutel"], "naam": groep["naam"], "velden": velden})


def _plan_leerlingen(
    gegevens: dict[str, Any],
    stand: _Stand,
    plan: _Plan,
    toon: Callable[[str, dict[str, Any]], None],
    groepsnaam: dict[str, str],
    vandaag: dt.date,
) -> None:
    jaar = gegevens["school"]["schooljaar"]
    jaar_tekst = f"{jaar}-{jaar + 1}"
    for rij in gegevens["leerlingen"]:
        nummer = rij["leerlingnummer"]
        doel = {veld: (_datum_iso(rij[veld]) if veld in DATUM_VELDEN else rij[veld]) for veld in LEERLING_VELDEN}
        naam = _naam(rij["roepnaam"], rij["tussenvoegsel"], rij["achternaam"])
        groep_tekst = groepsnaam.get(rij["groep"], "") if rij["groep"] else ""
        leerling = stand.leerlingen.get(nummer)
        if leerling is None:
            plan.leerlingen_nieuw.append(rij)
            toon(
                "leerlingen_nieuw",
                {
                    "leerlingnummer": nummer,
                    "naam": naam,
                    "groep": groep_tekst,
                    "jaargroep": _toon_waarde("jaargroep", rij["jaargroep"]),
                    "gezin": "",
                },
            )
            plan.samengesteld_erbij.extend((nummer, sleutel) for sleutel in rij["samengestelde_groepen"])
            continue
        wijzigingen: dict[str, Any] = {}
        velden = []
        for veld in LEERLING_VELDEN:
            oud, nieuw = getattr(leerling, veld), doel[veld]
            if oud == nieuw:
                continue
            wijzigingen[veld] = nieuw
            if veld == "uitstroomdatum" and nieuw is not None:
                toon(
                    "vertrekkers",
                    {
                        "leerlingnummer": nummer,
                        "naam": naam,
                        "groep": groep_tekst,
                        "reden": "Uitstroomdatum in het bestand",
                        "uitstroomdatum": _toon_datum(nieuw),
                    },
                )
            else:
                velden.append(
                    {"veld": _label(Leerling, veld), "oud": _toon_waarde(veld, oud), "nieuw": _toon_waarde(veld, nieuw)}
                )
        # The stamgroep: a group of this school year with the file's key (or none).
        huidige = leerling.groep
        zelfde_groep = (
            huidige is not None and huidige.schooljaar.startjaar == jaar and huidige.sleutel == rij["groep"]
        ) or (huidige is None and rij["groep"] is None)
        if not zelfde_groep:
            wijzigingen["groep"] = rij["groep"]
            oud_tekst = f"{huidige.naam} ({huidige.schooljaar})" if huidige is not None else "geen groep"
            nieuw_tekst = f"{groep_tekst} ({jaar_tekst})" if rij["groep"] else "geen groep"
            toon("groepswissels", {"leerlingnummer": nummer, "naam": naam, "oud": oud_tekst, "nieuw": nieuw_tekst})
        # Composed groups of this school year; those of other years are history and stay.
        nu = stand.samengesteld.get(leerling.pk, {})
        if set(nu) != set(rij["samengestelde_groepen"]):
            plan.samengesteld_weg.extend(
                pk for sleutel, pk in nu.items() if sleutel not in rij["samengestelde_groepen"]
            )
            plan.samengesteld_erbij.extend((nummer, s) for s in rij["samengestelde_groepen"] if s not in nu)
            velden.append(
                {
                    "veld": "Samengestelde groepen",
                    "oud": ", ".join(sorted(groepsnaam.get(s, s) for s in nu)),
                    "nieuw": ", ".join(sorted(groepsnaam.get(s, s) for s in rij["samengestelde_groepen"])),
                }
            )
        if wijzigingen:
            plan.leerlingen_bijwerken[leerling.pk] = (leerling, wijzigingen)
        if velden:
            toon("leerlingen_gewijzigd", {"leerlingnummer": nummer, "naam": naam, "velden": velden})

    # Leavers: pupils of the school that are not in the file at all (a rejected row still counts
    # as in the file) and have not left yet.
    in_bestand = set(gegevens["sleutels"])
    for nummer, leerling in stand.leerlingen.items():
        if nummer in in_bestand or leerling.uitstroomdatum is not None:
            continue
        datum = max(vandaag, leerling.instroomdatum or vandaag)
        plan.leerlingen_bijwerken[leerling.pk] = (leerling, {"uitstroomdatum": datum})
        toon(
            "vertrekkers",
            {
                "leerlingnummer": nummer,
                "naam": leerling.volledige_naam,
                "groep": leerling.groep.naam if leerling.groep else "",
                "reden": "Staat niet in het bestand",
                "uitstroomdatum": _toon_datum(datum),
            },
        )


def _plan_verzorgers(
    gegevens: dict[str, Any], stand: _Stand, plan: _Plan, toon: Callable[[str, dict[str, Any]], None]
) -> None:
    rijen: list[dict[str, Any]] = gegevens["verzorgers"]
    naam_van_leerling = {
        rij["leerlingnummer"]: _naam(rij["roepnaam"], rij["tussenvoegsel"], rij["achternaam"])
        for rij in gegevens["leerlingen"]
    }
    op_volgnr: dict[tuple[int, int], Verzorgerschap] = {}
    op_paar: dict[tuple[int, int], Verzorgerschap] = {}
    for koppeling in stand.koppelingen:
        op_volgnr.setdefault((koppeling.leerling_id, koppeling.volgnummer), koppeling)
        op_paar[(koppeling.verzorger_id, koppeling.leerling_id)] = koppeling

    # 1. A row's guardian: the pupil's own guardian with the same identity, else the pupil's guardian
    #    with this volgnummer, else (per identity, so siblings share one record) a guardian of the
    #    school with the same identity, else a new guardian.
    gevonden: list[Verzorger | None] = []
    for rij in rijen:
        leerling = stand.leerlingen.get(rij["leerlingnummer"])
        verzorger = None
        if leerling is not None:
            verzorger = _eigen_verzorger(stand, op_paar, leerling.pk, rij["sleutel"])
            if verzorger is None and (leerling.pk, rij["volgnummer"]) in op_volgnr:
                verzorger = stand.verzorgers.get(op_volgnr[(leerling.pk, rij["volgnummer"])].verzorger_id)
        gevonden.append(verzorger)
    per_identiteit: dict[str, Verzorger | None] = {}
    for rij, verzorger in zip(rijen, gevonden, strict=True):
        if verzorger is not None:
            per_identiteit.setdefault(rij["sleutel"], verzorger)
    for rij in rijen:
        per_identiteit.setdefault(rij["sleutel"], stand.verzorger_op_sleutel.get(rij["sleutel"]))

    # 2. Target values per guardian: the first row that names them wins (stable on a re-import).
    doelwaarden: dict[int, dict[str, Any]] = {}
    for rij, verzorger in zip(rijen, gevonden, strict=True):
        verzorger = verzorger or per_identiteit[rij["sleutel"]]
        if verzorger is not None:
            doelwaarden.setdefault(verzorger.pk, rij)
        elif rij["sleutel"] not in plan.verzorgers_nieuw:
            plan.verzorgers_nieuw[rij["sleutel"]] = _NieuweVerzorger(
                sleutel=rij["sleutel"],
                velden={veld: rij[veld] for veld in VERZORGER_VELDEN if rij[veld] is not None},
                kanaal=Kanaal.EMAIL if rij["email"] else (Kanaal.SMS if rij["mobiel"] else Kanaal.PAPIER),
            )
    kind_erbij: dict[int, list[str]] = defaultdict(list)
    relatie_anders: dict[int, list[dict[str, Any]]] = defaultdict(list)

    # 3. The links between guardian and child.
    gepland: set[tuple[int | str, str]] = set()
    for rij, verzorger in zip(rijen, gevonden, strict=True):
        verzorger = verzorger or per_identiteit[rij["sleutel"]]
        nummer = rij["leerlingnummer"]
        ref: int | str = verzorger.pk if verzorger is not None else rij["sleutel"]
        if (ref, nummer) in gepland:
            continue
        gepland.add((ref, nummer))
        leerling = stand.leerlingen.get(nummer)
        bestaand = op_paar.get((verzorger.pk, leerling.pk)) if verzorger and leerling else None
        if bestaand is None:
            gezag = rij["gezag"] if rij["gezag"] is not None else True
            plan.koppelingen_nieuw.append((ref, nummer, rij["relatie"], gezag, rij["volgnummer"]))
            if isinstance(ref, str):
                plan.verzorgers_nieuw[ref].kinderen.append(nummer)
            else:
                kind_erbij[ref].append(nummer)
            continue
        wijzigingen: dict[str, Any] = {}
        if bestaand.relatie != rij["relatie"]:
            wijzigingen["relatie"] = rij["relatie"]
        if rij["gezag"] is not None and bestaand.gezag != rij["gezag"]:
            wijzigingen["gezag"] = rij["gezag"]
        if bestaand.volgnummer != rij["volgnummer"]:
            wijzigingen["volgnummer"] = rij["volgnummer"]
        if wijzigingen:
            plan.koppelingen_bijwerken.append((bestaand, wijzigingen))
            kind = naam_van_leerling.get(nummer, nummer)
            for veld in ("relatie", "gezag"):
                if veld in wijzigingen:
                    relatie_anders[bestaand.verzorger_id].append(
                        {
                            "veld": f"{'Relatie' if veld == 'relatie' else 'Gezag'} met {kind}",
                            "oud": _toon_waarde(veld, getattr(bestaand, veld)),
                            "nieuw": _toon_waarde(veld, wijzigingen[veld]),
                        }
                    )

    # 4. Guardian fields: a value the file leaves empty keeps what is stored (it may have come
    #    from the parent, e.g. a preferred language).
    betrokken = set(doelwaarden) | set(kind_erbij) | set(relatie_anders)
    for pk in sorted(betrokken):
        verzorger = stand.verzorgers[pk]
        velden: list[dict[str, Any]] = []
        wijzigingen = {}
        rij = doelwaarden.get(pk, {})
        for veld in VERZORGER_VELDEN:
            nieuw = rij.get(veld)
            if nieuw is None or getattr(verzorger, veld) == nieuw:
                continue
            velden.append(
                {
                    "veld": _label(Verzorger, veld),
                    "oud": _toon_waarde(veld, getattr(verzorger, veld)),
                    "nieuw": _toon_waarde(veld, nieuw),
                }
            )
            wijzigingen[veld] = nieuw
        waarden = {veld: wijzigingen.get(veld, getattr(verzorger, veld)) for veld in VERZORGER_VELDEN}
        sleutel = services.verzorger_sleutel(
            roepnaam=waarden["roepnaam"],
            achternaam=waarden["achternaam"],
            email=waarden["email"],
            telefoon=waarden["telefoon"],
            postcode=waarden["postcode"],
            huisnummer=waarden["huisnummer"],
        )
        if sleutel != verzorger.sleutel:
            wijzigingen["sleutel"] = sleutel  # bookkeeping only: not shown
        if wijzigingen:
            plan.verzorgers_bijwerken[pk] = (verzorger, wijzigingen)
        velden.extend(
            {"veld": "Kind erbij", "oud": "", "nieuw": f"{naam_van_leerling.get(n, n)} ({n})"} for n in kind_erbij[pk]
        )
        velden.extend(relatie_anders[pk])
        if velden:
            toon("verzorgers_gewijzigd", {"naam": verzorger.volledige_naam, "velden": velden})
    for nieuw in plan.verzorgers_nieuw.values():
        toon(
            "verzorgers_nieuw",
            {
                "naam": _naam(
                    nieuw.velden["roepnaam"], nieuw.velden.get("tussenvoegsel", ""), nieuw.velden["achternaam"]
                ),
                "kinderen": ", ".join(f"{naam_van_leerling.get(n, n)} ({n})" for n in nieuw.kinderen),
                "taal": _toon_waarde("voorkeurstaal", nieuw.velden.get("voorkeurstaal", Taal.NL)),
                "tolk_nodig": _toon_waarde("tolk_nodig", nieuw.velden.get("tolk_nodig", False)),
            },
        )


def _eigen_verzorger(
    stand: _Stand, op_paar: dict[tuple[int, int], Verzorgerschap], leerling_id: int, sleutel: str
) -> Verzorger | None:
    verzorger = stand.verzorger_op_sleutel.get(sleutel)
    if verzorger is not None and (verzorger.pk, leerling_id) in op_paar:
        return verzorger
    return None


class _Verzamelingen:
    """Union-find over pupil numbers: children who share a guardian end up in one set."""

    def __init__(self) -> None:
        self.ouder: dict[str, str] = {}

    def vind(self, x: str) -> str:
        self.ouder.setdefault(x, x)
        wortel = x
        while self.ouder[wortel] != wortel:
            wortel = self.ouder[wortel]
        while self.ouder[x] != wortel:
            self.ouder[x], x = wortel, self.ouder[x]
        return wortel

    def verenig(self, a: str, b: str) -> None:
        ra, rb = self.vind(a), self.vind(b)
        if ra != rb:
            self.ouder[max(ra, rb)] = min(ra, rb)


def _plan_gezinnen(gegevens: dict[str, Any], stand: _Stand, plan: _Plan) -> None:
    """A pupil without a family (new, or never placed) joins the family of a child with whom they
    share a guardian, else a new family with their siblings in the file. Existing pupils keep
    their family: families may have been merged or split by hand, and that is never undone."""
    zonder_gezin = [
        rij
        for rij in gegevens["leerlingen"]
        if rij["leerlingnummer"] not in stand.leerlingen or stand.leerlingen[rij["leerlingnummer"]].gezin_id is None
    ]
    if not zonder_gezin:
        return
    nummer_van_id = {leerling.pk: nummer for nummer, leerling in stand.leerlingen.items()}
    kinderen_van: dict[int | str, set[str]] = defaultdict(set)
    for koppeling in stand.koppelingen:
        if koppeling.leerling_id in nummer_van_id:
            kinderen_van[koppeling.verzorger_id].add(nummer_van_id[koppeling.leerling_id])
    for ref, nummer, *_ in plan.koppelingen_nieuw:
        kinderen_van[ref].add(nummer)
    sets = _Verzamelingen()
    for kinderen in kinderen_van.values():
        eerste, *rest = sorted(kinderen)
        for ander in rest:
            sets.verenig(eerste, ander)
    leden: dict[str, list[str]] = defaultdict(list)
    for nummer in set(nummer_van_id.values()) | {rij["leerlingnummer"] for rij in gegevens["leerlingen"]}:
        leden[sets.vind(nummer)].append(nummer)
    rij_van = {rij["leerlingnummer"]: rij for rij in zonder_gezin}
    for wortel in sorted({sets.vind(rij["leerlingnummer"]) for rij in zonder_gezin}):
        groep = sorted(leden[wortel])
        bestaande: Counter[int] = Counter()
        for nummer in groep:
            bestaand_gezin = stand.leerlingen[nummer].gezin_id if nummer in stand.leerlingen else None
            if bestaand_gezin is not None:
                bestaande[bestaand_gezin] += 1
        nodig = [n for n in groep if n in rij_van]
        if bestaande:
            # The family most of the siblings are in; the oldest one on a tie.
            gezin: int | str = min(bestaande, key=lambda pk: (-bestaande[pk], pk))
        else:
            gezin = f"nieuw-{wortel}"
            plan.gezinnen_nieuw[gezin] = services.gezin_naam(
                _naam("", rij_van[n]["tussenvoegsel"], rij_van[n]["achternaam"]) for n in nodig
            )
        for nummer in nodig:
            plan.gezin_voor[nummer] = gezin


def _stand_voor(batch: Importbatch) -> _Stand:
    assert batch.schooljaar is not None  # set by start_import  # noqa: S101
    return _laad_stand(
        school=batch.school,
        schooljaar=batch.schooljaar,
        emails=(leerkracht["email"] for leerkracht in batch.gegevens.get("leerkrachten", [])),
    )


def compute_verschillen(batch: Importbatch) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """The difference between the batch's cleaned data and the database of its school, for the
    preview: new and changed groups, new pupils, changed fields (old → new), group changes,
    leavers, new and changed guardians; and the counts of each."""
    plan = _plan(batch.gegevens, stand=_stand_voor(batch), vandaag=timezone.localdate())
    return plan.verschillen, plan.aantallen


def heeft_verschillen(samenvatting: dict[str, Any]) -> bool:
    return any(samenvatting.get(soort) for soort in SOORTEN_VERSCHIL)


# --- applying ------------------------------------------------------------------------------------


def _in_stukken(items: list[Any]) -> Iterable[list[Any]]:
    for begin in range(0, len(items), CHUNK):
        yield items[begin : begin + CHUNK]


@transaction.atomic
def apply_import(batch: Importbatch, *, progress: Voortgang = _geen_voortgang) -> Importbatch:
    """Write the batch to the database, all or nothing, and mark it processed.

    The difference is planned again against the database as it is now (someone may have changed
    a pupil since the preview), inside this transaction with the school row locked, so two
    imports of one school cannot interleave. Groups, pupils, composed groups, leavers, guardians,
    their links to the children, teachers of groups and families are written with bulk queries
    in chunks; ``progress(klaar, totaal)`` is called after every chunk. Side effects: none
    outside the database; ``gegevens`` is emptied (the report stays)."""
    School.objects.select_for_update().filter(pk=batch.school_id).first()
    school, schooljaar = batch.school, batch.schooljaar
    assert schooljaar is not None  # noqa: S101
    stand = _stand_voor(batch)
    plan = _plan(batch.gegevens, stand=stand, vandaag=timezone.localdate())
    werk = _Werk(plan=plan, stand=stand, progress=progress)

    werk.groepen(school=school, schooljaar=schooljaar)
    werk.gezinnen(school=school)
    werk.leerlingen(school=school)
    werk.samengestelde_groepen()
    werk.verzorgers(school=school)
    # Families: the search text of every family that got a child or whose child was renamed.
    services.refresh_gezinnen(gezin_ids=werk.gezinnen_bijgewerkt)
    services.remove_empty_gezinnen(school=school)

    batch.verschillen = plan.verschillen
    batch.samenvatting = {**batch.samenvatting, **plan.aantallen}
    batch.status = Importbatch.Status.VERWERKT
    batch.verwerkt_op = timezone.now()
    batch.gegevens = {}
    batch.foutmelding = ""
    batch.save(update_fields=["verschillen", "samenvatting", "status", "verwerkt_op", "gegevens", "foutmelding"])
    werk.klaar()
    return batch


class _Werk:
    """The writes of one apply, step by step, with the ids of what was created along the way."""

    def __init__(self, *, plan: _Plan, stand: _Stand, progress: Voortgang) -> None:
        self.plan = plan
        self.stand = stand
        self.progress = progress
        self.groep_id = {sleutel: groep.pk for sleutel, groep in stand.groepen.items()}
        self.gezin_id: dict[str, int] = {}
        self.leerling_id = {nummer: leerling.pk for nummer, leerling in stand.leerlingen.items()}
        self.verzorger_id: dict[str, int] = {}
        self.gezinnen_bijgewerkt: set[int] = set()
        self.gedaan = 0
        # Units of work for the progress bar: rows written, one for the rest.
        self.totaal = 1 + (
            len(plan.leerlingen_nieuw)
            + len(plan.leerlingen_bijwerken)
            + len(plan.verzorgers_nieuw)
            + len(plan.koppelingen_nieuw)
        )
        progress(0, self.totaal)

    def stap(self, aantal: int) -> None:
        self.gedaan = min(self.totaal - 1, self.gedaan + aantal)
        self.progress(self.gedaan, self.totaal)

    def klaar(self) -> None:
        self.progress(self.totaal, self.totaal)

    def groepen(self, *, school: School, schooljaar: Schooljaar) -> None:
        nieuw = Groep.objects.bulk_create(
            [
                Groep(
                    school=school,
                    schooljaar=schooljaar,
                    sleutel=groep["sleutel"],
                    naam=groep["naam"],
                    soort=groep["soort"],
                    jaargroep=groep["jaargroep"],
                )
                for groep in self.plan.groepen_nieuw
            ]
        )
        self.groep_id.update({groep.sleutel: groep.pk for groep in nieuw})
        if self.plan.groepen_bijwerken:
            Groep.objects.bulk_update(self.plan.groepen_bijwerken, ["naam", "soort", "jaargroep"])
        doorgang = Groep.leerkrachten.through
        for sleutel, (_, weg) in self.plan.leerkrachten.items():
            if weg:  # rare: a teacher moved group within the year
                doorgang.objects.filter(groep_id=self.groep_id[sleutel], user_id__in=weg).delete()
        doorgang.objects.bulk_create(
            [
                doorgang(groep_id=self.groep_id[sleutel], user_id=user_id)
                for sleutel, (erbij, _) in self.plan.leerkrachten.items()
                for user_id in erbij
            ]
        )

    def gezinnen(self, *, school: School) -> None:
        nieuw = Gezin.objects.bulk_create(
            [Gezin(school=school, naam=naam) for naam in self.plan.gezinnen_nieuw.values()]
        )
        self.gezin_id = {sleutel: gezin.pk for sleutel, gezin in zip(self.plan.gezinnen_nieuw, nieuw, strict=True)}

    def gezin_voor(self, nummer: str) -> int | None:
        gezin = self.plan.gezin_voor.get(nummer)
        if gezin is None:
            return None
        return self.gezin_id[gezin] if isinstance(gezin, str) else gezin

    def leerlingen(self, *, school: School) -> None:
        for stuk in _in_stukken(self.plan.leerlingen_nieuw):
            objecten = []
            for rij in stuk:
                leerling = Leerling(
                    school=school,
                    leerlingnummer=rij["leerlingnummer"],
                    groep_id=self.groep_id[rij["groep"]] if rij["groep"] else None,
                    gezin_id=self.gezin_voor(rij["leerlingnummer"]),
                    **{
                        veld: (_datum_iso(rij[veld]) if veld in DATUM_VELDEN else rij[veld]) for veld in LEERLING_VELDEN
                    },
                )
                services.refresh_leerling_zoektekst(leerling)
                objecten.append(leerling)
            for leerling in Leerling.objects.bulk_create(objecten):
                self.leerling_id[leerling.leerlingnummer] = leerling.pk
                if leerling.gezin_id:
                    self.gezinnen_bijgewerkt.add(leerling.gezin_id)
            self.stap(len(stuk))

        te_wijzigen = dict(self.plan.leerlingen_bijwerken)
        # Pupils that were never placed in a family get one now, even if nothing else changed.
        for nummer in self.plan.gezin_voor:
            zonder_gezin = self.stand.leerlingen.get(nummer)
            if zonder_gezin is not None and zonder_gezin.pk not in te_wijzigen:
                te_wijzigen[zonder_gezin.pk] = (zonder_gezin, {})
        velden: set[str] = set()
        nu = timezone.now()
        for leerling, wijzigingen in te_wijzigen.values():
            for veld, waarde in wijzigingen.items():
                if veld == "groep":
                    leerling.groep_id = self.groep_id[waarde] if waarde else None
                else:
                    setattr(leerling, veld, waarde)
                velden.add(veld)
            if leerling.gezin_id is None and self.gezin_voor(leerling.leerlingnummer) is not None:
                leerling.gezin_id = self.gezin_voor(leerling.leerlingnummer)
                velden.add("gezin")
                self.gezinnen_bijgewerkt.add(leerling.gezin_id)  # type: ignore[arg-type]
            zoektekst = leerling.zoektekst
            services.refresh_leerling_zoektekst(leerling)
            if leerling.zoektekst != zoektekst:
                velden.add("zoektekst")
                if leerling.gezin_id:
                    self.gezinnen_bijgewerkt.add(leerling.gezin_id)
            leerling.updated_at = nu
        if te_wijzigen:
            velden.add("updated_at")
            for stuk in _in_stukken([leerling for leerling, _ in te_wijzigen.values()]):
                Leerling.objects.bulk_update(stuk, sorted(velden))
                self.stap(len(stuk))

    def samengestelde_groepen(self) -> None:
        doorgang = Leerling.samengestelde_groepen.through
        if self.plan.samengesteld_weg:
            doorgang.objects.filter(pk__in=self.plan.samengesteld_weg).delete()
        for stuk in _in_stukken(self.plan.samengesteld_erbij):
            doorgang.objects.bulk_create(
                [
                    doorgang(leerling_id=self.leerling_id[nummer], groep_id=self.groep_id[sleutel])
                    for nummer, sleutel in stuk
                ]
            )

    def verzorgers(self, *, school: School) -> None:
        for stuk in _in_stukken(list(self.plan.verzorgers_nieuw.values())):
            objecten = [
                Verzorger(school=school, sleutel=nieuw.sleutel, voorkeurskanaal=nieuw.kanaal, **nieuw.velden)
                for nieuw in stuk
            ]
            for nieuw, verzorger in zip(stuk, Verzorger.objects.bulk_create(objecten), strict=True):
                self.verzorger_id[nieuw.sleutel] = verzorger.pk
            self.stap(len(stuk))
        velden: set[str] = set()
        for verzorger, wijzigingen in self.plan.verzorgers_bijwerken.values():
            for veld, waarde in wijzigingen.items():
                setattr(verzorger, veld, waarde)
            velden.update(wijzigingen)
        for stuk in _in_stukken([verzorger for verzorger, _ in self.plan.verzorgers_bijwerken.values()]):
            Verzorger.objects.bulk_update(stuk, sorted(velden))

        for stuk in _in_stukken(self.plan.koppelingen_nieuw):
            Verzorgerschap.objects.bulk_create(
                [
                    Verzorgerschap(
                        verzorger_id=self.verzorger_id[ref] if isinstance(ref, str) else ref,
                        leerling_id=self.leerling_id[nummer],
                        relatie=relatie,
                        gezag=gezag,
                        volgnummer=volgnummer,
                    )
                    for ref, nummer, relatie, gezag, volgnummer in stuk
                ]
            )
            self.stap(len(stuk))
        velden = set()
        for koppeling, wijzigingen in self.plan.koppelingen_bijwerken:
            for veld, waarde in wijzigingen.items():
                setattr(koppeling, veld, waarde)
            velden.update(wijzigingen)
        for stuk in _in_stukken([koppeling for koppeling, _ in self.plan.koppelingen_bijwerken]):
            Verzorgerschap.objects.bulk_update(stuk, sorted(velden))


# --- the flow: upload, preview, approve ----------------------------------------------------------


def voortgang_sleutel(batch_id: int) -> str:
    return f"import:{batch_id}:voortgang"


def voortgang(batch: Importbatch) -> dict[str, Any]:
    """{klaar, totaal, fase, procent} of a running batch. Kept in the cache (Redis), not in the
    database: the batch row is part of the open transaction while the import runs."""
    waarde = cache.get(voortgang_sleutel(batch.pk)) or {}
    klaar, totaal = int(waarde.get("klaar", 0)), int(waarde.get("totaal", 0))
    return {
        "klaar": klaar,
        "totaal": totaal,
        "fase": waarde.get("fase", "wachten"),
        "procent": min(100, round(100 * klaar / totaal)) if totaal else 0,
    }


def _voortgang_naar_cache(batch_id: int, fase: str) -> Voortgang:
    def melden(klaar: int, totaal: int) -> None:
        cache.set(voortgang_sleutel(batch_id), {"klaar": klaar, "totaal": totaal, "fase": fase}, VOORTGANG_TIMEOUT)

    return melden


def _lees_upload(bestand: UploadedFile, *, maximum: int, veld: str, soort: str) -> bytes:
    if (bestand.size or 0) > maximum:
        raise ValidationError({veld: f"Het {soort} is groter dan {maximum // (1024 * 1024)} MB."})
    data = bestand.read(maximum + 1)
    if len(data) > maximum:
        raise ValidationError({veld: f"Het {soort} is groter dan {maximum // (1024 * 1024)} MB."})
    return data


@transaction.atomic
def start_import(
    *, school: School, user: User, edexml: UploadedFile, verzorgers: UploadedFile | None = None
) -> Importbatch:
    """Read and check both files now (that is quick) and keep only the cleaned data; the
    comparison with the database runs as a task after commit.

    Raises ``ValidationError`` keyed by ``edexml`` or ``verzorgers`` for a file that cannot be
    used as a whole (not XML, another school, missing columns). Side effects: queues
    ``task_compute_verschillen`` after commit."""
    from gezinnen import tasks  # tasks imports this module

    try:
        bestand = parse_edexml(_lees_upload(edexml, maximum=MAX_EDEXML_BYTES, veld="edexml", soort="EDEXML-bestand"))
        check_school(bestand, school=school)
    except ValidationError as error:
        raise ValidationError({"edexml": error.messages}) from error
    lijst: VerzorgersCsv | None = None
    if verzorgers is not None:
        try:
            data = _lees_upload(verzorgers, maximum=MAX_CSV_BYTES, veld="verzorgers", soort="verzorgersbestand")
            lijst = parse_verzorgers_csv(data, edexml=bestand)
        except ValidationError as error:
            raise ValidationError({"verzorgers": error.messages}) from error
    begin, einde = Schooljaar.grenzen(bestand.schooljaar)
    schooljaar, _ = Schooljaar.objects.get_or_create(
        startjaar=bestand.schooljaar, defaults={"begindatum": begin, "einddatum": einde}
    )
    afgewezen = bestand.afgewezen + (lijst.afgewezen if lijst else [])
    batch = Importbatch.objects.create(
        school=school,
        schooljaar=schooljaar,
        status=Importbatch.Status.VALIDEREN,
        edexml_naam=(edexml.name or "edexml.xml")[:255],
        verzorgers_naam=(verzorgers.name or "verzorgers.csv")[:255] if verzorgers is not None else "",
        geupload_door=user,
        gegevens=build_gegevens(bestand, lijst),
        afgewezen_regels=afgewezen,
        samenvatting={
            "schooljaar": str(schooljaar),
            "weggelaten": _weggelaten_lijst(bestand.weggelaten, lijst.weggelaten if lijst else Counter()),
            "opmerkingen": (bestand.opmerkingen + (lijst.opmerkingen if lijst else []))[:MAX_OPMERKINGEN],
            "genegeerde_kolommen": lijst.genegeerde_kolommen if lijst else [],
            "afgewezen_regels": len(afgewezen),
        },
    )
    logger.info(
        "Import %s gestart: %d leerlingen, %d verzorgerregels, %d afgewezen regels",
        batch.pk,
        len(bestand.leerlingen),
        len(lijst.rijen) if lijst else 0,
        len(afgewezen),
    )
    _voortgang_naar_cache(batch.pk, "vergelijken")(0, 0)
    transaction.on_commit(lambda: tasks.task_compute_verschillen.delay(batch_id=batch.pk))
    return batch


MISLUKT_VERGELIJKEN = (
    "De vergelijking met de gegevens in Familieschool is mislukt; er is niets veranderd. "
    "Upload de bestanden opnieuw. Blijft het misgaan, neem dan contact op met de functioneel beheerder."
)
MISLUKT_VERWERKEN = (
    "Het verwerken is mislukt; er is niets opgeslagen. Upload de bestanden opnieuw. "
    "Blijft het misgaan, neem dan contact op met de functioneel beheerder."
)


def _mislukt(batch: Importbatch, melding: str, error: Exception) -> None:
    # The exception text can quote database values; the log gets only its type.
    logger.error("Import %s mislukt: %s", batch.pk, type(error).__name__)
    Importbatch.objects.filter(pk=batch.pk).update(status=Importbatch.Status.MISLUKT, foutmelding=melding, gegevens={})
    batch.refresh_from_db()


def store_verschillen(*, batch: Importbatch) -> Importbatch:
    """Compare a checked batch with the database and put it up for approval (TE_BEOORDELEN)."""
    if batch.status != Importbatch.Status.VALIDEREN:
        return batch
    melden = _voortgang_naar_cache(batch.pk, "vergelijken")
    try:
        with transaction.atomic():
            verschillen, aantallen = compute_verschillen(batch)
            batch.verschillen = verschillen
            batch.samenvatting = {**batch.samenvatting, **aantallen}
            batch.status = Importbatch.Status.TE_BEOORDELEN
            batch.save(update_fields=["verschillen", "samenvatting", "status"])
    except Exception as error:  # any failure leaves the batch visible as failed, not stuck
        _mislukt(batch, MISLUKT_VERGELIJKEN, error)
        return batch
    melden(1, 1)
    return batch


@transaction.atomic
def approve_import(*, batch: Importbatch, user: User) -> Importbatch:
    """Approve a previewed batch; it is applied by a task after commit.

    Side effects: queues ``task_apply_import`` after commit."""
    from gezinnen import tasks  # tasks imports this module

    batch = Importbatch.objects.select_for_update().defer("gegevens").get(pk=batch.pk)
    if batch.status != Importbatch.Status.TE_BEOORDELEN:
        raise ValidationError("Deze import wacht niet (meer) op goedkeuring.")
    if Importbatch.objects.filter(school_id=batch.school_id, status=Importbatch.Status.VERWERKEN).exists():
        raise ValidationError("Er wordt al een import voor deze school verwerkt. Wacht tot die klaar is.")
    batch.status = Importbatch.Status.VERWERKEN
    batch.goedgekeurd_door = user
    batch.goedgekeurd_op = timezone.now()
    batch.save(update_fields=["status", "goedgekeurd_door", "goedgekeurd_op"])
    _voortgang_naar_cache(batch.pk, "verwerken")(0, 0)
    transaction.on_commit(lambda: tasks.task_apply_import.delay(batch_id=batch.pk))
    return batch


@transaction.atomic
def reject_import(*, batch: Importbatch, user: User) -> Importbatch:
    """Do not import this batch; its cleaned data is deleted, the report stays."""
    batch = Importbatch.objects.select_for_update().defer("gegevens").get(pk=batch.pk)
    if batch.status != Importbatch.Status.TE_BEOORDELEN:
        raise ValidationError("Deze import wacht niet (meer) op goedkeuring.")
    batch.status = Importbatch.Status.AFGEWEZEN
    batch.gegevens = {}
    batch.save(update_fields=["status", "gegevens"])
    logger.info("Import %s afgewezen door gebruiker %s", batch.pk, user.pk)
    return batch


def process_import(*, batch: Importbatch) -> Importbatch:
    """Apply an approved batch. On any failure nothing is saved (one transaction) and the batch
    is marked MISLUKT with a Dutch message; its data is deleted either way."""
    if batch.status != Importbatch.Status.VERWERKEN:
        return batch
    try:
        with pghistory.context(importbatch=batch.pk, user=batch.goedgekeurd_door_id):
            apply_import(batch, progress=_voortgang_naar_cache(batch.pk, "verwerken"))
    except Exception as error:  # all-or-nothing: report, do not re-raise into a retry loop
        _mislukt(batch, MISLUKT_VERWERKEN, error)
        return batch
    logger.info("Import %s verwerkt", batch.pk)
    return batch
