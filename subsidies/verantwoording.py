"""Accountability reports (issue 8, point 4): a stored snapshot of a grant's figures for a period,
and its XLSX and PDF.

The snapshot (``Verantwoording.gegevens``, ``versie`` 1) holds everything the report shows, so a
later change to an expense or to attendance does not change a report that was made (and perhaps
submitted). Decimals and dates are strings in the JSON. The page, the spreadsheet and the PDF
read the snapshot only, through ``weergave`` and ``lees``; an older or smaller snapshot shows what
it has and defaults for the rest. No pupil's name is ever stored: activities carry counts and
hours. The FSP counts are stored suppressed ("<5" for 1 to 4): the report leaves the school.

Shape of ``gegevens``::

    versie, school{naam}, toekenning{naam, referentie, regeling, rapportage, bedrag, begindatum,
    einddatum}, periode{van, tot_en_met, peildatum, binnen_toekenning}, gemaakt{op, door},
    uren{norm, weken, deelnemers, leerlinguren, gemiddeld, status, status_label,
    deelnemers_op_norm, aandeel_op_norm, bijeenkomsten, uren_aangeboden} | null,
    activiteiten[{titel, blok, ontwikkelgebied, aandeel, bijeenkomsten, uren_aangeboden,
    deelnemers, leerlinguren}], afs{leerlingen, deelnemers, bereik, ouderactiviteiten, gezinnen,
    zonder_gezin, binnenkomsten, fsp{vragen, intakes, doorverwijzingen,
    per_categorie[{naam, vragen, intakes, doorverwijzingen}]}} | null,
    posten[{soort, naam, begroot, besteed}], totaal{begroot, besteed, uitgaven},
    uitgaven[{datum, omschrijving, post, bedrag, factuurnummer}]
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from activiteiten.bereik.weergave import GEEN, getal, is_klein
from activiteiten.models import Ontwikkelgebied
from familieschool.choices import Hulpdomein
from familieschool.models import User
from familieschool.validatie import valideer
from gezinnen.signalen.selectors import onderdruk
from subsidies import indicatoren as ind
from subsidies.models import Begrotingssoort, Toekenning, Uitgave, Verantwoording

VERSIE = 1
EURO_FORMAAT = '"€" #,##0.00'
# The expenses of the period: one query on top of ``indicatoren.aantal_queries``.
AANTAL_QUERIES_UITGAVEN = 1


def _s(waarde: Decimal | None) -> str | None:
    return None if waarde is None else str(waarde)


# --- the snapshot ---------------------------------------------------------------------------------------


def uitgaven_in_periode(*, toekenning: Toekenning, van: dt.date, tot_en_met: dt.date) -> list[dict[str, Any]]:
    """The expenses dated in the period, oldest first, as snapshot rows (one query)."""
    namen = dict(Begrotingssoort.choices)
    return [
        {
            "datum": r["datum"].isoformat(),
            "omschrijving": r["omschrijving"],
            "post": str(namen.get(r["post__soort"], r["post__soort"])),
            "bedrag": str(r["bedrag"]),
            "factuurnummer": r["factuurnummer"],
        }
        for r in Uitgave.objects.filter(toekenning=toekenning, datum__gte=van, datum__lte=tot_en_met)
        .values("datum", "omschrijving", "post__soort", "bedrag", "factuurnummer")
        .order_by("datum", "pk")
    ]


def gegevens(
    cijfers: ind.Indicatoren,
    *,
    uitgaven: list[dict[str, Any]] | None,
    door: User | None = None,
    op: dt.datetime | None = None,
) -> dict[str, Any]:
    """The figures as JSON-ready data. ``uitgaven`` None leaves the expense rows out (the live
    indicatoren page, which the board also opens)."""
    t = cijfers.toekenning
    gebieden = dict(Ontwikkelgebied.choices)
    data: dict[str, Any] = {
        "versie": VERSIE,
        "school": {"naam": t.school.naam},
        "toekenning": {
            "naam": t.naam,
            "referentie": t.referentie,
            "regeling": t.regeling.naam,
            "rapportage": t.regeling.rapportage,
            "bedrag": str(t.bedrag),
            "begindatum": t.begindatum.isoformat(),
            "einddatum": t.einddatum.isoformat(),
        },
        "periode": {
            "van": cijfers.periode.van.isoformat(),
            "tot_en_met": cijfers.periode.tot_en_met.isoformat(),
            "peildatum": cijfers.periode.peildatum.isoformat(),
            "binnen_toekenning": cijfers.binnen_toekenning,
        },
        "gemaakt": {"op": (op or timezone.now()).isoformat(), "door": (door.naam or door.email) if door else ""},
        "uren": None,
        "activiteiten": [],
        "afs": None,
    }
    if (uren := cijfers.uren) is not None:
        data["uren"] = {
            "norm": _s(uren.norm) if cijfers.is_school_en_omgeving else None,
            "weken": uren.weken,
            "deelnemers": uren.deelnemers,
            "leerlinguren": str(uren.leerlinguren),
            "gemiddeld": _s(uren.gemiddeld),
            "status": uren.status if cijfers.is_school_en_omgeving else ind.Normstatus.GEEN,
            "status_label": uren.status_label if cijfers.is_school_en_omgeving else "",
            "deelnemers_op_norm": uren.deelnemers_op_norm,
            "aandeel_op_norm": _s(uren.aandeel_op_norm),
            "bijeenkomsten": uren.bijeenkomsten,
            "uren_aangeboden": str(uren.uren_aangeboden),
        }
        data["activiteiten"] = [
            {
                "titel": r.titel,
                "blok": r.blok,
                "ontwikkelgebied": str(gebieden.get(r.ontwikkelgebied, r.ontwikkelgebied)),
                "aandeel": r.aandeel,
                "bijeenkomsten": r.bijeenkomsten,
                "uren_aangeboden": str(r.uren_aangeboden),
                "deelnemers": r.deelnemers,
                "leerlinguren": str(r.leerlinguren),
            }
            for r in uren.activiteiten
        ]
    if (afs := cijfers.afs) is not None:
        per_categorie: dict[str, dict[str, str]] = {}
        for soort, tellingen in [
            ("vragen", afs.vragen_per_categorie),
            ("intakes", afs.intakes_per_categorie),
            ("doorverwijzingen", afs.doorverwijzingen_per_categorie),
        ]:
            for telling in tellingen:
                per_categorie.setdefault(telling.code, {})[soort] = onderdruk(telling.aantal)
        data["afs"] = {
            "leerlingen": afs.leerlingen,
            "deelnemers": afs.deelnemers,
            "bereik": _s(afs.bereik),
            "ouderactiviteiten": afs.ouderactiviteiten,
            "gezinnen": afs.gezinnen,
            "zonder_gezin": afs.zonder_gezin,
            "binnenkomsten": afs.binnenkomsten,
            "fsp": {
                "vragen": onderdruk(afs.vragen),
                "intakes": onderdruk(afs.intakes),
                "doorverwijzingen": onderdruk(afs.doorverwijzingen),
                "per_categorie": [
                    {"naam": str(naam)}
                    | {s: per_categorie[code].get(s, "0") for s in ("vragen", "intakes", "doorverwijzingen")}
                    for code, naam in Hulpdomein.choices
                    if code in per_categorie
                ],
            },
        }
    data["posten"] = [
        {"soort": p.soort, "naam": p.naam, "begroot": str(p.begroot), "besteed": str(p.besteed)} for p in cijfers.posten
    ]
    data["totaal"] = {"begroot": str(cijfers.begroot), "besteed": str(cijfers.besteed)}
    if uitgaven is not None:
        data["uitgaven"] = uitgaven
        data["totaal"]["uitgaven"] = len(uitgaven)
    return data


@transaction.atomic
def create_verantwoording(
    *, toekenning: Toekenning, van: dt.date, tot_en_met: dt.date, door: User | None, peildatum: dt.date | None = None
) -> Verantwoording:
    """Compute the grant's figures for the period and store them as a report that does not
    change afterwards. A period that ends before it starts is refused; a period outside the grant's
    is allowed and flagged in the snapshot (``periode.binnen_toekenning``)."""
    if tot_en_met < van:
        raise ValidationError({"tot_en_met": "De einddatum ligt vóór de begindatum."})
    cijfers = ind.indicatoren(toekenning=toekenning, van=van, tot_en_met=tot_en_met, peildatum=peildatum)
    uitgaven = uitgaven_in_periode(toekenning=toekenning, van=van, tot_en_met=tot_en_met)
    verantwoording = Verantwoording(
        toekenning=toekenning,
        van=van,
        tot_en_met=tot_en_met,
        gegevens=gegevens(cijfers, uitgaven=uitgaven, door=door),
        aangemaakt_door=door,
    )
    valideer(verantwoording)
    verantwoording.save()
    return verantwoording


def set_ingediend(*, verantwoording: Verantwoording, ingediend_op: dt.date | None) -> Verantwoording:
    """Record when the report was submitted: the only change a stored report allows."""
    verantwoording.ingediend_op = ingediend_op
    verantwoording.save(update_fields=["ingediend_op"])
    return verantwoording


# --- reading a snapshot -------------------------------------------------------------------------------------


def lees_decimaal(waarde: Any) -> Decimal | None:
    if waarde is None or waarde == "":
        return None
    try:
        return Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        return None


def lees_datum(waarde: Any) -> dt.date | None:
    return parse_date(waarde) if isinstance(waarde, str) else None


def lees_dict(waarde: Any) -> dict[str, Any]:
    return waarde if isinstance(waarde, dict) else {}


def lees_lijst(waarde: Any) -> list[dict[str, Any]]:
    return [r for r in waarde if isinstance(r, dict)] if isinstance(waarde, list) else []


def lees(data: Any) -> dict[str, Any]:
    """A snapshot with every section present (empty when an older or smaller one lacks it)."""
    data = lees_dict(data)
    return {
        "versie": data.get("versie"),
        "school": lees_dict(data.get("school")),
        "toekenning": lees_dict(data.get("toekenning")),
        "periode": lees_dict(data.get("periode")),
        "gemaakt": lees_dict(data.get("gemaakt")),
        "uren": lees_dict(data.get("uren")) or None,
        "activiteiten": lees_lijst(data.get("activiteiten")),
        "afs": lees_dict(data.get("afs")) or None,
        "posten": lees_lijst(data.get("posten")),
        "totaal": lees_dict(data.get("totaal")),
        "uitgaven": lees_lijst(data.get("uitgaven")),
        "heeft_uitgaven": "uitgaven" in data,
    }


def _int(waarde: Any) -> int:
    return waarde if isinstance(waarde, int) else 0


class _Opmaak:
    """Numbers the Dutch way, counts of people suppressed for counts-only viewers."""

    def __init__(self, onderdrukken: bool) -> None:
        self.onderdrukken = onderdrukken

    def aantal(self, waarde: Any) -> str:
        if isinstance(waarde, str):  # already suppressed in the snapshot
            return waarde
        if not isinstance(waarde, int):
            return GEEN
        return onderdruk(waarde) if self.onderdrukken else getal(waarde, decimalen=0)

    def aantal_vrij(self, waarde: Any) -> str:
        """Counts that are not people (sessions, weeks, activities): never suppressed."""
        return getal(waarde, decimalen=0) if isinstance(waarde, int) else GEEN

    def verborgen(self, *aantallen: Any) -> bool:
        return self.onderdrukken and any(isinstance(n, int) and is_klein(n) for n in aantallen)

    def uren(self, waarde: Any, *aantallen: Any, decimalen: int = 2) -> str:
        if self.verborgen(*aantallen):
            return GEEN
        return getal(lees_decimaal(waarde), decimalen=decimalen)

    def procent(self, waarde: Any, *aantallen: Any) -> str:
        if self.verborgen(*aantallen) or lees_decimaal(waarde) is None:
            return GEEN
        return f"{getal(lees_decimaal(waarde))} %"


def weergave(data: Any, *, onderdrukken: bool = False) -> dict[str, Any]:
    """What the pages and the PDF show of a snapshot: dates as dates, numbers formatted."""
    g = lees(data)
    o = _Opmaak(onderdrukken)
    t, p, gemaakt = g["toekenning"], g["periode"], g["gemaakt"]
    uren = None
    if (u := g["uren"]) is not None:
        uren = {
            "norm": getal(lees_decimaal(u.get("norm"))) if u.get("norm") else None,
            "status": u.get("status") or ind.Normstatus.GEEN,
            "status_label": u.get("status_label") or "",
            "kaarten": [
                ("Leerlinguren", o.uren(u.get("leerlinguren")), "uren aanwezig, opgeteld"),
                ("Deelnemers", o.aantal(u.get("deelnemers")), "leerlingen minstens één keer aanwezig"),
                ("Weken geleverd", o.aantal_vrij(u.get("weken")), "ISO-weken met een gehouden bijeenkomst"),
                (
                    "Uren per deelnemer per week",
                    o.uren(u.get("gemiddeld"), u.get("deelnemers"), decimalen=2),
                    "leerlinguren / deelnemers / weken geleverd",
                ),
            ],
            "deelnemers_op_norm": o.aantal(u.get("deelnemers_op_norm")),
            "aandeel_op_norm": o.procent(u.get("aandeel_op_norm"), u.get("deelnemers_op_norm"), u.get("deelnemers")),
            "bijeenkomsten": o.aantal_vrij(u.get("bijeenkomsten")),
            "uren_aangeboden": o.uren(u.get("uren_aangeboden")),
        }
    afs = None
    if (a := g["afs"]) is not None:
        fsp = lees_dict(a.get("fsp"))
        afs = {
            "leerlingen": o.aantal(a.get("leerlingen")),
            "deelnemers": o.aantal(a.get("deelnemers")),
            "bereik": o.procent(a.get("bereik"), a.get("leerlingen"), a.get("deelnemers")),
            "ouderactiviteiten": o.aantal_vrij(a.get("ouderactiviteiten")),
            "gezinnen": o.aantal(a.get("gezinnen")),
            "zonder_gezin": o.aantal(a.get("zonder_gezin")),
            "binnenkomsten": o.aantal(a.get("binnenkomsten")),
            "vragen": fsp.get("vragen", GEEN),
            "intakes": fsp.get("intakes", GEEN),
            "doorverwijzingen": fsp.get("doorverwijzingen", GEEN),
            "per_categorie": lees_lijst(fsp.get("per_categorie")),
        }
    return {
        "versie": g["versie"],
        "school_naam": g["school"].get("naam", ""),
        "toekenning": {
            "naam": t.get("naam", ""),
            "referentie": t.get("referentie", ""),
            "regeling": t.get("regeling", ""),
            "rapportage": t.get("rapportage", ""),
            "bedrag": t.get("bedrag"),
            "begindatum": lees_datum(t.get("begindatum")),
            "einddatum": lees_datum(t.get("einddatum")),
        },
        "van": lees_datum(p.get("van")),
        "tot_en_met": lees_datum(p.get("tot_en_met")),
        "peildatum": lees_datum(p.get("peildatum")),
        "binnen_toekenning": p.get("binnen_toekenning", True),
        "gemaakt_op": parse_datetime(gemaakt["op"]) if isinstance(gemaakt.get("op"), str) else None,
        "gemaakt_door": gemaakt.get("door", ""),
        "uren": uren,
        "activiteiten": [
            {
                "titel": r.get("titel", ""),
                "blok": r.get("blok", ""),
                "ontwikkelgebied": r.get("ontwikkelgebied", ""),
                "aandeel": r.get("aandeel"),
                "bijeenkomsten": o.aantal_vrij(r.get("bijeenkomsten")),
                "uren_aangeboden": o.uren(r.get("uren_aangeboden")),
                "deelnemers": o.aantal(r.get("deelnemers")),
                "leerlinguren": o.uren(r.get("leerlinguren")),
            }
            for r in g["activiteiten"]
        ],
        "afs": afs,
        "posten": g["posten"],
        "totaal": g["totaal"],
        "uitgaven": [r | {"datum": lees_datum(r.get("datum"))} for r in g["uitgaven"]],
        "heeft_uitgaven": g["heeft_uitgaven"],
    }
