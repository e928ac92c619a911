"""The files of a stored accountability report: the XLSX (openpyxl) and the A4 PDF (WeasyPrint),
both rendered from the snapshot only (``subsidies.verantwoording.lees`` / ``weergave``), so a
report downloaded later is the report that was made."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from partners.exports import escape_cell
from subsidies.models import Verantwoording
from subsidies.verantwoording import EURO_FORMAAT, lees, lees_datum, lees_decimaal, lees_dict, lees_lijst, weergave


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
        [("Toegekend bedrag", None), (lees_decimaal(t.get("bedrag")), euro)],
        [("Looptijd toekenning van", None), (lees_datum(t.get("begindatum")), "dd-mm-yyyy")],
        [("Looptijd toekenning tot en met", None), (lees_datum(t.get("einddatum")), "dd-mm-yyyy")],
        [("Periode van", None), (lees_datum(p.get("van")), "dd-mm-yyyy")],
        [("Periode tot en met", None), (lees_datum(p.get("tot_en_met")), "dd-mm-yyyy")],
        [("Gemaakt op", None), (gemaakt.get("op"), None)],
        [("Gemaakt door", None), (gemaakt.get("door"), None)],
        [("Begroot", None), (lees_decimaal(g["totaal"].get("begroot")), euro)],
        [("Besteed in de periode", None), (lees_decimaal(g["totaal"].get("besteed")), euro)],
    ]
    if p.get("binnen_toekenning") is False:
        samenvatting.append([("Let op", None), ("De periode valt (deels) buiten de looptijd van de toekenning.", None)])
    indicatoren: list[list[tuple[Cel, str | None]]] = [[("Indicator", None), ("Waarde", None)]]
    if (u := g["uren"]) is not None:
        indicatoren += [
            [("Leerlinguren", None), (lees_decimaal(u.get("leerlinguren")), "0.00")],
            [("Deelnemers", None), (u.get("deelnemers"), None)],
            [("Weken geleverd", None), (u.get("weken"), None)],
            [("Uren per deelnemer per week", None), (lees_decimaal(u.get("gemiddeld")), "0.00")],
            [("Bijeenkomsten gehouden", None), (u.get("bijeenkomsten"), None)],
            [("Uren aangeboden", None), (lees_decimaal(u.get("uren_aangeboden")), "0.00")],
        ]
        if u.get("norm"):
            indicatoren += [
                [("Norm (uren per week)", None), (lees_decimaal(u.get("norm")), "0.0")],
                [("Norm", None), (u.get("status_label"), None)],
                [("Deelnemers die zelf de norm halen", None), (u.get("deelnemers_op_norm"), None)],
                [("Aandeel deelnemers op norm (%)", None), (lees_decimaal(u.get("aandeel_op_norm")), "0.0")],
            ]
    if (a := g["afs"]) is not None:
        fsp = lees_dict(a.get("fsp"))
        indicatoren += [
            [("Leerlingen in de periode", None), (a.get("leerlingen"), None)],
            [("Deelnemers Rijke schooldag", None), (a.get("deelnemers"), None)],
            [("Bereik (%)", None), (lees_decimaal(a.get("bereik")), "0.0")],
            [("Ouderactiviteiten gehouden", None), (a.get("ouderactiviteiten"), None)],
            [("Gezinnen bij ouderactiviteiten (uniek)", None), (a.get("gezinnen"), None)],
            [("Binnenkomsten zonder gezin", None), (a.get("zonder_gezin"), None)],
            [("FSP: vragen op het spreekuur", None), (fsp.get("vragen"), None)],
            [("FSP: intakes", None), (fsp.get("intakes"), None)],
            [("FSP: doorverwijzingen", None), (fsp.get("doorverwijzingen"), None)],
        ]
        for rij in lees_lijst(fsp.get("per_categorie")):
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
        indicatoren.append([(f"Besteed {post.get('naam', '')}", None), (lees_decimaal(post.get("besteed")), euro)])
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
                (lees_decimaal(r.get("uren_aangeboden")), "0.00"),
                (r.get("deelnemers"), None),
                (lees_decimaal(r.get("leerlinguren")), "0.00"),
            ]
            for r in g["activiteiten"]
        ),
    ]
    uitgaven: list[list[tuple[Cel, str | None]]] = [
        [(kop, None) for kop in ("Datum", "Omschrijving", "Begrotingspost", "Bedrag", "Factuurnummer")],
        *(
            [
                (lees_datum(r.get("datum")), "dd-mm-yyyy"),
                (r.get("omschrijving"), None),
                (r.get("post"), None),
                (lees_decimaal(r.get("bedrag")), euro),
                (r.get("factuurnummer"), None),
            ]
            for r in g["uitgaven"]
        ),
        [],
        [(kop, None) for kop in ("Begrotingspost", "Begroot", "Besteed in de periode")],
        *(
            [(r.get("naam"), None), (lees_decimaal(r.get("begroot")), euro), (lees_decimaal(r.get("besteed")), euro)]
            for r in g["posten"]
        ),
        [
            ("Totaal", None),
            (lees_decimaal(g["totaal"].get("begroot")), euro),
            (lees_decimaal(g["totaal"].get("besteed")), euro),
        ],
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
