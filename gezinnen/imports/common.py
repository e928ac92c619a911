"""Shared by every part of the pupil import: the limits, the names of the two files, the
identifiers that are never kept, the progress callback, and small helpers for the values that
rejected rows, notes and the preview show."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from gezinnen.models import Geslacht, Groep, Jaargroep, Leerling, Relatie, Taal, Verzorger

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
# progress(klaar, totaal): called by the apply after every chunk.
Voortgang = Callable[[int, int], None]


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


def _opmerking(opmerkingen: list[dict[str, Any]], bestand: str, regel: int, sleutel: str, tekst: str) -> None:
    """A note about a value that was corrected or left out; the row itself is imported."""
    if len(opmerkingen) < MAX_OPMERKINGEN:
        opmerkingen.append(_afwijzing(bestand, regel, sleutel, tekst))


# --- values in the preview ------------------------------------------------------------------------


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
