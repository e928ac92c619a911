"""Reading and checking the guardian CSV: one row per pupil and guardian, linked to the pupils of
the EDEXML file by leerlingnummer.

Strict on what is needed to link a guardian (pupil number, volgnummer, relation, name), forgiving
on the rest: a bad phone number or e-mail address is left out with a note. Columns with a
forbidden identifier (``VERBODEN_KOLOMMEN`` in common) are only counted."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from familieschool.text import fold
from gezinnen import services
from gezinnen.imports.common import (
    MAX_CSV_BYTES,
    MAX_OPMERKINGEN,
    VERBODEN_KOLOMMEN,
    VERZORGERS,
    _afwijzing,
    _opmerking,
    _postcode,
    _toon,
)
from gezinnen.imports.edexml import Edexml
from gezinnen.models import Relatie, Taal

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
