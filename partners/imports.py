"""CSV import of partners: read and check a whole file, then commit all rows or none.

The file is checked twice: once for the preview and once more at commit, against the database as
it is then (a colleague may have added a partner with the same name in between). The preview
hands the raw rows to the commit in a signed payload, so both checks run the same code.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models.functions import Lower

from familieschool.choices import Hulpdomein
from familieschool.models import Bestuur
from familieschool.text import fold
from partners import services
from partners.models import Contactpersoon, Partner, PartnerSoort

MAX_BYTES = 2 * 1024 * 1024
MAX_RIJEN = 2000

KOLOMMEN = [
    "naam",
    "soort",
    "domeinen",
    "aanbod",
    "omschrijving",
    "leeftijd_van",
    "leeftijd_tot",
    "kosten",
    "stadspas",
    "voorwaarden",
    "adres",
    "postcode",
    "plaats",
    "stadsdeel",
    "wijk",
    "website",
    "telefoon",
    "email",
    "contact_naam",
    "contact_functie",
    "contact_telefoon",
    "contact_email",
]
VERPLICHT = ("naam", "soort")
KOLOM_UITLEG = {
    "naam": "Naam van de organisatie; komt maar één keer voor in de sociale kaart van het bestuur.",
    "soort": "Code of naam van een soort partner (zie de lijst).",
    "domeinen": "Hulpdomeinen: codes of namen (zie de lijst), gescheiden door ; , of |.",
    "aanbod": "Wat de partner biedt, bijvoorbeeld zwemles of budgetcoaching.",
    "omschrijving": "Korte beschrijving van de organisatie.",
    "leeftijd_van": "Leeftijd vanaf, een heel getal van 0 tot en met 99.",
    "leeftijd_tot": "Leeftijd tot en met, een heel getal van 0 tot en met 99.",
    "kosten": "Bijvoorbeeld € 45 per seizoen.",
    "stadspas": "ja of nee: gratis of met korting met de Stadspas. Leeg is nee.",
    "voorwaarden": "Wie er gebruik van kan maken.",
    "adres": "Straat en huisnummer.",
    "postcode": "Bijvoorbeeld 1055 AB.",
    "plaats": "Leeg is Amsterdam.",
    "stadsdeel": "Bijvoorbeeld West.",
    "wijk": "Bijvoorbeeld De Baarsjes.",
    "website": "Met of zonder https://.",
    "telefoon": "Algemeen telefoonnummer.",
    "email": "Algemeen e-mailadres.",
    "contact_naam": "Naam van een contactpersoon (optioneel).",
    "contact_functie": "Functie van de contactpersoon.",
    "contact_telefoon": "Telefoonnummer van de contactpersoon.",
    "contact_email": "E-mailadres van de contactpersoon.",
}

# Other spellings of a header, including the headers of our own export, so an exported file
# can be edited and imported again.
KOLOM_ALIASSEN = {
    "hulpdomeinen": "domeinen",
    "hulpdomein": "domeinen",
    "domein": "domeinen",
    "leeftijd_vanaf": "leeftijd_van",
    "leeftijd_tot_en_met": "leeftijd_tot",
    "gratis_met_stadspas": "stadspas",
    "e_mail": "email",
    "e_mailadres": "email",
    "emailadres": "email",
    "contactpersoon": "contact_naam",
    "contact_e_mail": "contact_email",
}

# Text fields copied as they are (stripped); the model checks their length and format.
TEKSTVELDEN = [
    "aanbod",
    "omschrijving",
    "kosten",
    "voorwaarden",
    "adres",
    "postcode",
    "stadsdeel",
    "wijk",
    "website",
    "telefoon",
    "email",
]

_JA = {"ja", "j", "1", "true", "waar", "yes", "y", "x"}
_NEE = {"nee", "n", "0", "false", "onwaar", "no", ""}
_ESCAPED = re.compile(r"^'(?=\s*[=+\-@\t\r])")


@dataclass
class ImportRij:
    """One line of the file: its raw values, what would be saved, and what is wrong with it."""

    regel: int
    ruw: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, str] | None = None
    fouten: list[str] = field(default_factory=list)

    @property
    def naam(self) -> str:
        return self.ruw.get("naam", "").strip()

    @property
    def soort_label(self) -> str:
        soort = self.data.get("soort")
        return PartnerSoort(soort).label if soort else self.ruw.get("soort", "").strip()

    @property
    def domein_labels(self) -> list[str]:
        return [Hulpdomein(d).label for d in self.data.get("domeinen", [])]

    @property
    def is_geldig(self) -> bool:
        return not self.fouten


@dataclass
class ImportResultaat:
    rijen: list[ImportRij]
    genegeerde_kolommen: list[str] = field(default_factory=list)

    @property
    def rijen_met_fouten(self) -> list[ImportRij]:
        return [rij for rij in self.rijen if rij.fouten]

    @property
    def is_geldig(self) -> bool:
        return bool(self.rijen) and not self.rijen_met_fouten


def kolom_uitleg() -> list[tuple[str, bool, str]]:
    """(column, required, explanation) for the upload page."""
    return [(kolom, kolom in VERPLICHT, KOLOM_UITLEG[kolom]) for kolom in KOLOMMEN]


# --- reading the file ----------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise ValidationError(
            "Dit is een Excel- of ander zip-bestand, geen CSV. Kies in Excel ‘Opslaan als’ → "
            "‘CSV UTF-8 (door komma’s gescheiden)’ en upload dat bestand.",
            code="geen_csv",
        )
    if b"\x00" in data:
        raise ValidationError("Dit is geen CSV-bestand (het bevat binaire gegevens).", code="geen_csv")
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    else:
        # Excel on Windows saves "CSV (gescheiden door lijstscheidingsteken)" as Windows-1252.
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        "De tekens in dit bestand zijn niet te lezen. Sla het op als ‘CSV UTF-8’ en probeer het opnieuw.",
        code="codering",
    )


def _delimiter(kopregel: str) -> str:
    """Header names never contain ``;`` or ``,``, so the header line tells which one separates."""
    return ";" if kopregel.count(";") >= kopregel.count(",") and ";" in kopregel else ","


def _kolomnaam(kop: str) -> str:
    naam = re.sub(r"[^a-z0-9]+", "_", fold(kop.strip().lstrip("\ufeff'").rstrip("*"))).strip("_")
    return KOLOM_ALIASSEN.get(naam, naam)


def _unescape(value: str) -> str:
    """Undo our own export's formula escaping (``'+31 20 …`` → ``+31 20 …``)."""
    return _ESCAPED.sub("", value)


def read_csv(data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The rows of the file as (line number, {column: raw text}) and the ignored columns.

    Raises ``ValidationError`` with a Dutch message for a file that cannot be used as a whole."""
    if not data.strip():
        raise ValidationError("Het bestand is leeg.", code="leeg")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB. Splits het in kleinere bestanden.",
            code="te_groot",
        )
    tekst = _decode(data)
    kopregel = tekst.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=_delimiter(kopregel), strict=False)
    rijen: list[tuple[int, dict[str, str]]] = []
    try:
        koppen: list[str] | None = None
        vorige_regel = 0
        for cellen in reader:
            regel, vorige_regel = vorige_regel + 1, reader.line_num
            if not any(cel.strip() for cel in cellen):
                continue
            if koppen is None:
                koppen = [_kolomnaam(kop) for kop in cellen]
                _check_koppen(koppen)
                continue
            if len(rijen) >= MAX_RIJEN:
                raise ValidationError(
                    f"Het bestand heeft meer dan {MAX_RIJEN} partners. Splits het in kleinere bestanden.",
                    code="te_veel_rijen",
                )
            ruw = {kop: _unescape(cel) for kop, cel in zip(koppen, cellen, strict=False) if kop in KOLOMMEN}
            if len(cellen) > len(koppen) and any(cel.strip() for cel in cellen[len(koppen) :]):
                ruw["__te_veel_kolommen__"] = "1"
            rijen.append((regel, ruw))
    except csv.Error as error:
        raise ValidationError(
            f"Regel {reader.line_num} van het bestand is geen geldige CSV ({error}).", code="geen_csv"
        ) from error
    if koppen is None or not rijen:
        raise ValidationError("Het bestand bevat geen partners: alleen een kopregel of niets.", code="leeg")
    genegeerd = [kop for kop in dict.fromkeys(koppen) if kop and kop not in KOLOMMEN]
    return rijen, genegeerd


def _check_koppen(koppen: list[str]) -> None:
    dubbel = sorted({kop for kop in koppen if kop and koppen.count(kop) > 1})
    if dubbel:
        raise ValidationError(
            "Deze kolommen staan meer dan eens in de kopregel: " + ", ".join(dubbel) + ".", code="kolommen"
        )
    ontbreekt = [kop for kop in VERPLICHT if kop not in koppen]
    if ontbreekt:
        raise ValidationError(
            "De kopregel mist de verplichte kolom"
            + ("men " if len(ontbreekt) > 1 else " ")
            + " en ".join(ontbreekt)
            # Most often the first line is data, or the file uses another separator (tab).
            + ". De eerste regel moet de kolomnamen bevatten, gescheiden door ; of ,.",
            code="kolommen",
        )


# --- checking the rows ---------------------------------------------------------------------------


def _sleutel(text: str) -> str:
    return " ".join(re.split(r"[\s,_]+", fold(text))).strip()


_SOORTEN = {_sleutel(value): value for value in PartnerSoort.values} | {
    _sleutel(label): value for value, label in PartnerSoort.choices
}
_DOMEINEN = {_sleutel(value): value for value in Hulpdomein.values} | {
    _sleutel(label): value for value, label in Hulpdomein.choices
}


def _domeinen(text: str) -> tuple[list[str], list[str]]:
    """Codes and labels separated by ``;``, ``,`` or ``|``. A label may itself hold a comma
    ("Sport, cultuur en vrije tijd"), so the longest run of pieces that is a label wins."""
    stukken = re.split(r"[;,|]", text)
    gevonden: list[str] = []
    onbekend: list[str] = []
    i = 0
    while i < len(stukken):
        for j in range(len(stukken), i, -1):
            kandidaat = _sleutel(",".join(stukken[i:j]))
            if kandidaat in _DOMEINEN:
                gevonden.append(_DOMEINEN[kandidaat])
                i = j
                break
        else:
            if stukken[i].strip():
                onbekend.append(stukken[i].strip())
            i += 1
    return sorted(set(gevonden)), onbekend


def _leeftijd(text: str, naam: str, fouten: list[str]) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        leeftijd = int(text)
    except ValueError:
        fouten.append(f"{naam} is geen heel getal: ‘{text}’.")
        return None
    if not 0 <= leeftijd <= 99:
        fouten.append(f"{naam} moet tussen 0 en 99 liggen (nu {leeftijd}).")
        return None
    return leeftijd


def _check_rij(regel: int, ruw: dict[str, str]) -> ImportRij:
    """Check one row on its own (no database)."""
    rij = ImportRij(regel=regel, ruw=ruw)
    fouten = rij.fouten
    eigen_fouten: set[str] = set()  # fields with a message of ours: skip the model's on those
    waarde = {kolom: ruw.get(kolom, "").strip() for kolom in KOLOMMEN}

    if ruw.get("__te_veel_kolommen__"):
        fouten.append("Deze regel heeft meer kolommen dan de kopregel (staat er een ; of , te veel?).")
    if not waarde["naam"]:
        fouten.append("Naam ontbreekt.")
        eigen_fouten.add("naam")
    data: dict[str, Any] = {"naam": waarde["naam"]}

    if not waarde["soort"]:
        fouten.append("Soort ontbreekt.")
    elif _sleutel(waarde["soort"]) in _SOORTEN:
        data["soort"] = _SOORTEN[_sleutel(waarde["soort"])]
    else:
        fouten.append(f"Onbekende soort ‘{waarde['soort']}’.")
    eigen_fouten.add("soort")

    domeinen, onbekend = _domeinen(waarde["domeinen"])
    data["domeinen"] = domeinen
    fouten.extend(f"Onbekend hulpdomein ‘{d}’." for d in onbekend)

    data["leeftijd_van"] = _leeftijd(waarde["leeftijd_van"], "Leeftijd vanaf", fouten)
    data["leeftijd_tot"] = _leeftijd(waarde["leeftijd_tot"], "Leeftijd tot en met", fouten)
    van, tot = data["leeftijd_van"], data["leeftijd_tot"]
    if van is not None and tot is not None and van > tot:
        fouten.append(f"Leeftijd vanaf ({van}) is hoger dan leeftijd tot en met ({tot}).")
    eigen_fouten.update({"leeftijd_van", "leeftijd_tot"})

    stadspas = waarde["stadspas"].lower()
    if stadspas in _JA:
        data["gratis_met_stadspas"] = True
    elif stadspas in _NEE:
        data["gratis_met_stadspas"] = False
    else:
        fouten.append(f"Stadspas: vul ja of nee in (nu ‘{waarde['stadspas']}’).")
        eigen_fouten.add("gratis_met_stadspas")

    for veld in TEKSTVELDEN:
        data[veld] = waarde[veld]
    if data["website"] and "://" not in data["website"]:
        data["website"] = "https://" + data["website"]  # "www.voetbal.nl" is what people type
    if waarde["plaats"]:
        data["plaats"] = waarde["plaats"]  # else the model's default, Amsterdam
    rij.data = data

    _check_model(Partner(**data), fouten, skip=eigen_fouten)
    rij.contact = _check_contact(waarde, fouten)
    return rij


def _check_model(
    instance: Partner | Contactpersoon, fouten: list[str], *, skip: Iterable[str] = (), prefix: str = ""
) -> None:
    """The model's own field checks (length, e-mail, URL). Uniqueness and the check
    constraints are done for the whole file at once, not with a query per row."""
    try:
        instance.full_clean(
            exclude=["bestuur", "partner", "zoektekst", "zoekvector", *skip],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for veld, berichten in error.message_dict.items():
            label = (
                "" if veld == NON_FIELD_ERRORS else str(getattr(instance._meta.get_field(veld), "verbose_name", veld))
            )
            kop = f"{prefix}{label.capitalize()}: " if label else prefix
            fouten.extend(kop + bericht for bericht in berichten)


def _check_contact(waarde: dict[str, str], fouten: list[str]) -> dict[str, str] | None:
    contact = {
        "naam": waarde["contact_naam"],
        "functie": waarde["contact_functie"],
        "telefoon": waarde["contact_telefoon"],
        "email": waarde["contact_email"],
    }
    if not any(contact.values()):
        return None
    if not contact["naam"]:
        fouten.append("Contactpersoon: naam ontbreekt (er staan wel andere contactgegevens).")
        return None
    _check_model(Contactpersoon(**contact), fouten, prefix="Contactpersoon, ")
    return contact


def check_rows(rows: Iterable[tuple[int, dict[str, str]]], *, bestuur: Bestuur) -> list[ImportRij]:
    """Check every row, then the names against each other and against the board's directory
    (archived partners too: the database keeps names unique per board). Two queries at most."""
    rijen = [_check_rij(regel, ruw) for regel, ruw in rows]

    regels_per_naam: dict[str, list[int]] = defaultdict(list)
    for rij in rijen:
        if rij.naam:
            regels_per_naam[rij.naam.lower()].append(rij.regel)
    bestaand = dict(
        Partner.objects.filter(bestuur=bestuur)
        .annotate(naam_lower=Lower("naam"))
        .filter(naam_lower__in=list(regels_per_naam))
        .values_list("naam_lower", "gearchiveerd_op")
    )
    for rij in rijen:
        if not rij.naam:
            continue
        sleutel = rij.naam.lower()
        andere = [regel for regel in regels_per_naam[sleutel] if regel != rij.regel]
        if andere:
            lijst = ", ".join(str(regel) for regel in andere)
            rij.fouten.append(f"Dubbele naam: deze partner staat ook op regel {lijst}.")
        if sleutel in bestaand:
            gearchiveerd = " (gearchiveerd)" if bestaand[sleutel] is not None else ""
            rij.fouten.append(f"Er staat al een partner met deze naam in de sociale kaart{gearchiveerd}.")
    return rijen


def parse_partner_csv(data: bytes, *, bestuur: Bestuur) -> ImportResultaat:
    """Read and check a CSV file for the preview. A file that cannot be used as a whole raises
    ``ValidationError``; problems in single rows are in the rows' ``fouten``."""
    rows, genegeerd = read_csv(data)
    return ImportResultaat(rijen=check_rows(rows, bestuur=bestuur), genegeerde_kolommen=genegeerd)


PAYLOAD_SALT = "partners.import"
PAYLOAD_MAX_AGE = timedelta(hours=1)


def dump_payload(*, bestuur: Bestuur, resultaat: ImportResultaat) -> str:
    """The checked rows, signed, for the preview's "Importeren" button. Raw values, so the
    commit checks them again with the same code."""
    rijen = [{"regel": rij.regel, "ruw": rij.ruw} for rij in resultaat.rijen]
    return signing.dumps({"bestuur": bestuur.pk, "rijen": rijen}, salt=PAYLOAD_SALT, compress=True)


def load_payload(payload: str, *, bestuur: Bestuur) -> list[tuple[int, dict[str, str]]]:
    """The rows of a payload made by ``dump_payload`` for this board within the hour.

    Raises ``signing.BadSignature`` (``SignatureExpired`` is a subclass) for anything else."""
    inhoud = signing.loads(payload, salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE)
    if not isinstance(inhoud, dict) or inhoud.get("bestuur") != bestuur.pk:
        raise signing.BadSignature("Deze import hoort bij een ander bestuur.")
    return [(int(rij["regel"]), {str(k): str(v) for k, v in rij["ruw"].items()}) for rij in inhoud["rijen"]]


@transaction.atomic
def import_partners(*, bestuur: Bestuur, rows: list[ImportRij]) -> int:
    """Create every partner (and its contact person) or none. Refuses rows with errors.

    Uniqueness is checked again by ``create_partner``'s full_clean, and the database constraint
    stands behind it; either failing rolls the whole import back."""
    if not rows:
        raise ValidationError("Er is niets om te importeren.")
    if any(rij.fouten for rij in rows):
        raise ValidationError("Het bestand bevat fouten; er is niets geïmporteerd.")
    met_contact: list[int] = []
    for rij in rows:
        partner = services.create_partner(bestuur=bestuur, data=rij.data)
        if rij.contact:
            contact = Contactpersoon(partner=partner, **rij.contact)
            contact.full_clean()
            contact.save()
            met_contact.append(partner.pk)
    # create_partner indexed each partner before its contact existed; contact names count too.
    services.refresh_zoekindex(partner_ids=met_contact)
    return len(rows)
