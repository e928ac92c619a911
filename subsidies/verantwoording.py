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
import io
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from activiteiten.bereik.weergave import GEEN, getal, is_klein
from activiteiten.models import Ontwikkelgebied
from familieschool.choices import Hulpdomein
from familieschool.models import User
from gezinnen.signalen.selectors import onderdruk
from partners.exports import escape_cell
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
    verantwoording.full_clean()
    verantwoording.save()
    return verantwoording


def set_ingediend(*, verantwoording: Verantwoording, ingediend_op: dt.date | None) -> Verantwoording:
    """Record when the report was submitted: the only change a stored report allows."""
    verantwoording.ingediend_op = ingediend_op
    verantwoording.save(update_fields=["ingediend_op"])
    return verantwoording


# --- reading a snapshot -------------------------------------------------------------------------------------


def _dec(waarde: Any) -> Decimal | None:
    if waarde is None or waarde == "":
        return None
    try:
        return Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        return None


def _datum(waarde: Any) -> dt.date | None:
    return parse_date(waarde) if isinstance(waarde, str) else None


def _dict(waarde: Any) -> dict[str, Any]:
    return waarde if isinstance(waarde, dict) else {}


def _lijst(waarde: Any) -> list[dict[str, Any]]:
    return [r for r in waarde if isinstance(r, dict)] if isinstance(waarde, list) else []


def lees(data: Any) -> dict[str, Any]:
    """A snapshot with every section present (empty when an older or smaller one lacks it)."""
    data = _dict(data)
    return {
        "versie": data.get("versie"),
        "school": _dict(data.get("school")),
        "toekenning": _dict(data.get("toekenning")),
        "periode": _dict(data.get("periode")),
        "gemaakt": _dict(data.get("gemaakt")),
        "uren": _dict(data.get("uren")) or None,
        "activiteiten": _lijst(data.get("activiteiten")),
        "afs": _dict(data.get("afs")) or None,
        "posten": _lijst(data.get("posten")),
        "totaal": _dict(data.get("totaal")),
        "uitgaven": _lijst(data.get("uitgaven")),
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
        return getal(_dec(waarde), decimalen=decimalen)

    def procent(self, waarde: Any, *aantallen: Any) -> str:
        if self.verborgen(*aantallen) or _dec(waarde) is None:
            return GEEN
        return f"{getal(_dec(waarde))} %"


def weergave(data: Any, *, onderdrukken: bool = False) -> dict[str, Any]:
    """What the pages and the PDF show of a snapshot: dates as dates, numbers formatted."""
    g = lees(data)
    o = _Opmaak(onderdrukken)
    t, p, gemaakt = g["toekenning"], g["periode"], g["gemaakt"]
    uren = None
    if (u := g["uren"]) is not None:
        uren = {
            "norm": getal(_dec(u.get("norm"))) if u.get("norm") else None,
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
        fsp = _dict(a.get("fsp"))
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
            "per_categorie": _lijst(fsp.get("per_categorie")),
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
            "begindatum": _datum(t.get("begindatum")),
            "einddatum": _datum(t.get("einddatum")),
        },
        "van": _datum(p.get("van")),
        "tot_en_met": _datum(p.get("tot_en_met")),
        "peildatum": _datum(p.get("peildatum")),
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
        "uitgaven": [r | {"datum": _datum(r.get("datum"))} for r in g["uitgaven"]],
        "heeft_uitgaven": g["heeft_uitgaven"],
    }


def bestandsnaam(verantwoording: Verantwoording, extensie: str) -> str:
    naam = lees(verantwoording.gegevens)["toekenning"].get("naam") or verantwoording.toekenning.naam
    return (
        f"verantwoording-{slugify(naam)}-{verantwoording.van:%Y-%m-%d}-{verantwoording.tot_en_met:%Y-%m-%d}.{extensie}"
    )


# --- XLSX --------------------------------------------------------------------------------------------------

Cel = str | int | Decimal | dt.date | None


def _bladen(data: Any) -> dict[str, list[list[tuple[Cel, str | None]]]]:
    """Rows per sheet; each cell is (value, number format or None). Decimal values are amounts
    (euro format) or hours (one or two decimals)."""
    g = lees(data)
    t, p, gemaakt = g["toekenning"], g["periode"], g["gemaakt"]
    euro = EURO_FORMAAT
    samenvatting: list[list[tuple[Cel, str | None]]] = [
        [("Verantwoording", None), (None, None)],
        [("School", None), (g["school"].get("naam"), None)],
        [("Toekenning", None), (t.get("naam"), None)],
        [("Kenmerk beschikking", None), (t.get("referentie"), None)],
        [("Regeling", None), (t.get("regeling"), None)],
        [("Toegekend bedrag", None), (_dec(t.get("bedrag")), euro)],
        [("Looptijd toekenning van", None), (_datum(t.get("begindatum")), "dd-mm-yyyy")],
        [("Looptijd toekenning tot en met", None), (_datum(t.get("einddatum")), "dd-mm-yyyy")],
        [("Periode van", None), (_datum(p.get("van")), "dd-mm-yyyy")],
        [("Periode tot en met", None), (_datum(p.get("tot_en_met")), "dd-mm-yyyy")],
        [("Gemaakt op", None), (gemaakt.get("op"), None)],
        [("Gemaakt door", None), (gemaakt.get("door"), None)],
        [("Begroot", None), (_dec(g["totaal"].get("begroot")), euro)],
        [("Besteed in de periode", None), (_dec(g["totaal"].get("besteed")), euro)],
    ]
    if p.get("binnen_toekenning") is False:
        samenvatting.append([("Let op", None), ("De periode valt (deels) buiten de looptijd van de toekenning.", None)])
    indicatoren: list[list[tuple[Cel, str | None]]] = [[("Indicator", None), ("Waarde", None)]]
    if (u := g["uren"]) is not None:
        indicatoren += [
            [("Leerlinguren", None), (_dec(u.get("leerlinguren")), "0.00")],
            [("Deelnemers", None), (u.get("deelnemers"), None)],
            [("Weken geleverd", None), (u.get("weken"), None)],
            [("Uren per deelnemer per week", None), (_dec(u.get("gemiddeld")), "0.00")],
            [("Bijeenkomsten gehouden", None), (u.get("bijeenkomsten"), None)],
            [("Uren aangeboden", None), (_dec(u.get("uren_aangeboden")), "0.00")],
        ]
        if u.get("norm"):
            indicatoren += [
                [("Norm (uren per week)", None), (_dec(u.get("norm")), "0.0")],
                [("Norm", None), (u.get("status_label"), None)],
                [("Deelnemers die zelf de norm halen", None), (u.get("deelnemers_op_norm"), None)],
                [("Aandeel deelnemers op norm (%)", None), (_dec(u.get("aandeel_op_norm")), "0.0")],
            ]
    if (a := g["afs"]) is not None:
        fsp = _dict(a.get("fsp"))
        indicatoren += [
            [("Leerlingen in de periode", None), (a.get("leerlingen"), None)],
            [("Deelnemers Rijke schooldag", None), (a.get("deelnemers"), None)],
            [("Bereik (%)", None), (_dec(a.get("bereik")), "0.0")],
            [("Ouderactiviteiten gehouden", None), (a.get("ouderactiviteiten"), None)],
            [("Gezinnen bij ouderactiviteiten (uniek)", None), (a.get("gezinnen"), None)],
            [("Binnenkomsten zonder gezin", None), (a.get("zonder_gezin"), None)],
            [("FSP: vragen op het spreekuur", None), (fsp.get("vragen"), None)],
            [("FSP: intakes", None), (fsp.get("intakes"), None)],
            [("FSP: doorverwijzingen", None), (fsp.get("doorverwijzingen"), None)],
        ]
        for rij in _lijst(fsp.get("per_categorie")):
            indicatoren.append(
                [
                    (f"FSP {rij.get('naam', '')}: vragen / intakes / doorverwijzingen", None),
                    (
                        f"{rij.get('vragen', '0')} / {rij.get('intakes', '0')} / {rij.get('doorverwijzingen', '0')}",
                        None,
                    ),
                ]
            )
    for post in g["posten"]:
        indicatoren.append([(f"Besteed {post.get('naam', '')}", None), (_dec(post.get("besteed")), euro)])
    activiteiten: list[list[tuple[Cel, str | None]]] = [
        [
            (kop, None)
            for kop in (
                "Activiteit",
                "Blok",
                "Ontwikkelgebied",
                "Aandeel (%)",
                "Bijeenkomsten",
                "Uren aangeboden",
                "Deelnemers",
                "Leerlinguren",
            )
        ],
        *(
            [
                (r.get("titel"), None),
                (r.get("blok"), None),
                (r.get("ontwikkelgebied"), None),
                (r.get("aandeel"), None),
                (r.get("bijeenkomsten"), None),
                (_dec(r.get("uren_aangeboden")), "0.00"),
                (r.get("deelnemers"), None),
                (_dec(r.get("leerlinguren")), "0.00"),
            ]
            for r in g["activiteiten"]
        ),
    ]
    uitgaven: list[list[tuple[Cel, str | None]]] = [
        [(kop, None) for kop in ("Datum", "Omschrijving", "Begrotingspost", "Bedrag", "Factuurnummer")],
        *(
            [
                (_datum(r.get("datum")), "dd-mm-yyyy"),
                (r.get("omschrijving"), None),
                (r.get("post"), None),
                (_dec(r.get("bedrag")), euro),
                (r.get("factuurnummer"), None),
            ]
            for r in g["uitgaven"]
        ),
        [],
        [(kop, None) for kop in ("Begrotingspost", "Begroot", "Besteed in de periode")],
        *([(r.get("naam"), None), (_dec(r.get("begroot")), euro), (_dec(r.get("besteed")), euro)] for r in g["posten"]),
        [("Totaal", None), (_dec(g["totaal"].get("begroot")), euro), (_dec(g["totaal"].get("besteed")), euro)],
    ]
    return {
        "Samenvatting": samenvatting,
        "Indicatoren": indicatoren,
        "Activiteiten": activiteiten,
        "Uitgaven": uitgaven,
    }


def xlsx(data: Any) -> bytes:
    """The snapshot as a workbook. Amounts are numbers with a euro format; every text cell is
    escaped so a spreadsheet cannot read it as a formula (an expense description is typed by a
    user)."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for titel, rijen in _bladen(data).items():
        sheet = workbook.create_sheet(titel)
        breedtes: dict[int, int] = {}
        for r, rij in enumerate(rijen, start=1):
            for k, (waarde, formaat) in enumerate(rij, start=1):
                cel = sheet.cell(row=r, column=k)
                if isinstance(waarde, bool) or waarde is None:
                    pass
                elif isinstance(waarde, int | Decimal | dt.date):
                    cel.value = waarde
                    if formaat:
                        cel.number_format = formaat
                else:
                    cel.value = ILLEGAL_CHARACTERS_RE.sub("", escape_cell(waarde))
                    cel.data_type = "s"
                if r == 1 or (k == 1 and titel in {"Samenvatting", "Indicatoren"}):
                    cel.font = Font(bold=True)
                breedtes[k] = max(breedtes.get(k, 0), len(str(waarde or "")))
        for k, breedte in breedtes.items():
            sheet.column_dimensions[get_column_letter(k)].width = min(max(breedte + 2, 12), 60)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF ---------------------------------------------------------------------------------------------------

PDF_CSS = """
@page {
  size: A4;
  margin: 16mm 15mm 18mm 15mm;
  @bottom-left { content: string(school) " · Verantwoording"; font-size: 7.5pt; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 7.5pt; color: #555; }
}
html { font-family: "DejaVu Sans", sans-serif; color: #1a1a1a; line-height: 1.35; font-size: 9.5pt; }
body { margin: 0; }
.school { string-set: school content(); }
header.kop { border-bottom: 2.5pt solid #00546b; padding-bottom: 3mm; margin-bottom: 4mm; }
.kop .label { text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt; color: #00546b; margin: 0 0 1mm; }
h1 { font-size: 16pt; margin: 0; color: #0b2e3a; }
h2 { font-size: 12pt; color: #00546b; margin: 6mm 0 2mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
tr { break-inside: avoid; }
th, td { text-align: left; padding: 1.2mm 1.5mm; border-bottom: 0.5pt solid #bbb; vertical-align: top; }
thead th { border-bottom: 1pt solid #00546b; font-size: 8.5pt; }
td.getal, th.getal { text-align: right; white-space: nowrap; }
table.gegevens { width: auto; }
table.gegevens th { font-weight: normal; color: #555; padding-right: 6mm; white-space: nowrap; }
.waarschuwing { border: 1pt solid #a35f00; color: #7a4600; padding: 2mm 3mm; margin: 3mm 0; }
.toelichting { font-size: 8pt; color: #555; }
"""


def pdf(data: Any) -> bytes:
    """The snapshot as an A4 PDF; WeasyPrint may fetch nothing (as in activiteiten.drukwerk)."""
    with translation.override("nl"):
        html = render_to_string("subsidies/verantwoording_pdf.html", {"v": weergave(data)})
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher)
    inhoud: bytes = document.write_pdf(stylesheets=[CSS(string=PDF_CSS, url_fetcher=fetcher)])
    return inhoud
