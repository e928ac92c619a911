"""Reading and checking an EDEXML 2.1 file: the school, the groups, the pupils and the teachers.

A file that cannot be used as a whole raises ``ValidationError`` (Dutch). A row with a problem is
rejected with its line and reason, a value that was corrected or left out gets a note, and the
rest is kept as plain, JSON-serialisable dicts (``Edexml``). The forbidden identifiers never get
this far: ``safe_xml`` drops them while reading."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from familieschool.models import School
from gezinnen.imports.common import (
    EDEXML,
    MAX_EDEXML_BYTES,
    MAX_LEERLINGEN,
    _afwijzing,
    _datum,
    _naam,
    _opmerking,
    _postcode,
    _toon,
)
from gezinnen.imports.safe_xml import _Element, _lees_xml
from gezinnen.models import Geslacht, GroepSoort, Jaargroep


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
