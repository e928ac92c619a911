"""The access-request export as an A4 PDF with Dutch headings and labels, rendered by WeasyPrint
from the same dict as the JSON file, with a self-contained template."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from familieschool.models import Inzage, School
from gezinnen.models import Gezin, Groep, Leerling, Toestemming, Verzorger, Verzorgerschap
from gezinnen.privacy.export import VASTE_ONDERDELEN, _export_van

# Here rather than in a <style> element: templates carry no inline styles. Margin boxes do not
# inherit the body font, so @page and its boxes name it themselves (as partners.pdf does).
INZAGEVERZOEK_CSS = """
@page {
  size: A4;
  margin: 18mm 16mm 20mm 16mm;
  font-family: "DejaVu Sans", sans-serif;
  @bottom-left {
    content: "Inzageverzoek · " string(gezinsnaam);
    font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555;
  }
  @bottom-right {
    content: "Pagina " counter(page) " van " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555;
  }
}
html { font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; line-height: 1.35; color: #1a1a1a; }
body { margin: 0; }
header.kop { border-bottom: 2.5pt solid #00546b; padding-bottom: 4mm; margin-bottom: 5mm; }
.kop .label { text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt; color: #00546b; margin: 0 0 1mm; }
h1 { font-size: 18pt; margin: 0; color: #0b2e3a; string-set: gezinsnaam content(); }
.kop p { margin: 1.5mm 0 0; color: #444; }
h2 {
  font-size: 12pt; color: #fff; background: #00546b; margin: 6mm 0 3mm; padding: 1.6mm 3mm;
  border-radius: 1.2mm; break-after: avoid;
}
h3 { font-size: 10pt; margin: 3mm 0 1mm; color: #0b2e3a; break-after: avoid; }
section.record { break-inside: avoid; border-left: 1.2mm solid #b8d8e0; padding-left: 3mm; margin-bottom: 3mm; }
table { border-collapse: collapse; width: 100%; }
table.velden th {
  width: 45mm; text-align: left; font-weight: normal; color: #555; vertical-align: top; padding: 0.3mm 2mm 0.3mm 0;
}
table.velden td { padding: 0.3mm 0; overflow-wrap: anywhere; vertical-align: top; }
table.lijst th { text-align: left; border-bottom: 0.8pt solid #00546b; padding: 1mm 1.5mm; font-size: 8pt; }
table.lijst td { border-bottom: 0.4pt solid #ccc; padding: 1mm 1.5mm; vertical-align: top; overflow-wrap: anywhere; }
table.lijst tr { break-inside: avoid; }
table.lijst { table-layout: fixed; }
th.datum, td.datum { width: 19mm; }
th.kort, td.kort { width: 21mm; }
th.naam, td.naam { width: 34mm; }
td { hyphens: manual; }
ul.wijzigingen { margin: 0; padding-left: 3.5mm; }
pre { white-space: pre-wrap; font-size: 7.5pt; background: #f4f7f8; padding: 2mm; border-radius: 1mm; }
.leeg { color: #555; font-style: italic; }
"""

# pghistory's event labels, as the history section shows them.
GEBEURTENISSEN = {"insert": "aangemaakt", "update": "gewijzigd", "delete": "verwijderd"}

_SOORT_MODEL: dict[str, type[models.Model]] = {
    "gezin": Gezin,
    "leerling": Leerling,
    "verzorger": Verzorger,
    "verzorgerschap": Verzorgerschap,
    "toestemming": Toestemming,
}
_SOORT_LABEL = {
    "gezin": "Gezin",
    "leerling": "Kind",
    "verzorger": "Ouder/verzorger",
    "verzorgerschap": "Relatie ouder–kind",
    "toestemming": "Toestemming",
}


def _veld(model: type[models.Model], naam: str) -> Any:
    try:
        return model._meta.get_field(naam)
    except FieldDoesNotExist:  # not a model field: shown as is
        return None


def _datumtijd(waarde: str) -> str:
    return dt.datetime.fromisoformat(waarde).strftime("%d-%m-%Y %H:%M")


def _toon(
    model: type[models.Model] | None, naam: str, waarde: Any, namen: dict[Any, dict[Any, str]] | None = None
) -> str:
    """One exported value as a Dutch reader expects it: labels for codes, ja/nee, d-m-j dates,
    and for a reference the name of what it refers to when the export holds it (``namen``)."""
    if waarde is None or waarde == "":
        return "—"
    field = _veld(model, naam) if model is not None else None
    if field is not None and field.is_relation and field.related_model is not None:
        gekend = (namen or {}).get(field.related_model, {}).get(waarde)
        if gekend:
            return gekend
        return f"nr. {waarde}"
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(field, models.DateTimeField):
        return _datumtijd(waarde)
    if isinstance(field, models.DateField):
        return dt.date.fromisoformat(waarde).strftime("%d-%m-%Y")
    if isinstance(waarde, dict | list):
        return json.dumps(waarde, ensure_ascii=False)
    return str(waarde)


# Fields without a Dutch verbose_name of their own.
_LABELS = {"id": "Nummer in Familieschool", "created_at": "Aangemaakt op", "updated_at": "Gewijzigd op"}


def _label(model: type[models.Model], naam: str) -> str:
    field = _veld(model, naam)
    if naam in _LABELS:
        return _LABELS[naam]
    label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else naam
    return label[:1].upper() + label[1:]


def _rijen(model: type[models.Model], record: dict[str, Any], overslaan: Iterable[str] = ()) -> list[tuple[str, str]]:
    return [
        (_label(model, naam), _toon(model, naam, waarde)) for naam, waarde in record.items() if naam not in overslaan
    ]


def _namen(export: dict[str, Any]) -> dict[Any, dict[Any, str]]:
    """What the export itself says about the records the history refers to, by model and id."""

    def naam(record: dict[str, Any]) -> str:
        return " ".join(p for p in (record["roepnaam"], record["tussenvoegsel"], record["achternaam"]) if p)

    groepen = {
        g["id"]: f"{g['naam']} ({g['schooljaar']})"
        for k in export["kinderen"]
        for g in [k["groep"], *k["samengestelde_groepen"]]
        if g
    }
    return {
        School: {export["school"]["id"]: export["school"]["naam"]},
        Gezin: {export["gezin"]["id"]: export["gezin"]["naam"]},
        Leerling: {k["id"]: naam(k) for k in export["kinderen"]},
        Verzorger: {v["id"]: naam(v) for v in export["verzorgers"]},
        Groep: groepen,
    }


def _pdf_context(export: dict[str, Any]) -> dict[str, Any]:
    namen = _namen(export)
    kinderen = [
        {
            "titel": " ".join(p for p in (k["roepnaam"], k["tussenvoegsel"], k["achternaam"]) if p),
            "rijen": [
                *_rijen(Leerling, k, overslaan={"groep", "samengestelde_groepen"}),
                ("Groep", f"{k['groep']['naam']} ({k['groep']['schooljaar']})" if k["groep"] else "—"),
                (
                    "Samengestelde groepen",
                    ", ".join(f"{g['naam']} ({g['schooljaar']})" for g in k["samengestelde_groepen"]) or "—",
                ),
            ],
        }
        for k in export["kinderen"]
    ]
    verzorgers = [
        {
            "titel": " ".join(p for p in (v["roepnaam"], v["tussenvoegsel"], v["achternaam"]) if p),
            "rijen": [
                *_rijen(Verzorger, v, overslaan={"kinderen"}),
                *[
                    (
                        f"Relatie tot {schap['leerling']}",
                        f"{_toon(Verzorgerschap, 'relatie', schap['relatie'])}, "
                        f"{'met' if schap['gezag'] else 'zonder'} gezag",
                    )
                    for schap in v["kinderen"]
                ],
            ],
        }
        for v in export["verzorgers"]
    ]
    toestemmingen = [
        {
            **t,
            "gegeven": "gegeven" if t["gegeven"] else "niet gegeven",
            "datum": _toon(Toestemming, "datum", t["datum"]),
            "gegeven_door": t["gegeven_door"]["naam"] if t["gegeven_door"] else "—",
            "gewijzigd_op": _datumtijd(t["gewijzigd_op"]),
        }
        for t in export["toestemmingen"]
    ]
    historie = []
    for regel in export["historie"]:
        model = _SOORT_MODEL.get(regel["soort"])
        historie.append(
            {
                "tijdstip": _datumtijd(regel["tijdstip"]),
                "record": f"{_SOORT_LABEL.get(regel['soort'], regel['soort'])} {regel['record']}".strip()
                if regel["soort"] != "gezin"
                else regel["record"] or "Gezin",
                "gebeurtenis": GEBEURTENISSEN.get(regel["gebeurtenis"], regel["gebeurtenis"]),
                "door": regel["door"] or "—",
                "wijzigingen": [
                    f"{_label(model, w['veld']) if model else w['veld']}: "
                    + (f"{_toon(model, w['veld'], w['oud'], namen)} → " if regel["gebeurtenis"] != "insert" else "")
                    + _toon(model, w["veld"], w["nieuw"], namen)
                    for w in regel["wijzigingen"]
                ],
            }
        )
    inzagen = [
        {
            **i,
            "tijdstip": _datumtijd(i["tijdstip"]),
            "rol": _toon(Inzage, "rol", i["rol"]),
            "actie": _toon(Inzage, "actie", i["actie"]),
            "uitkomst": _toon(Inzage, "uitkomst", i["uitkomst"]),
        }
        for i in export["inzagen"]
    ]
    overige = [
        {"titel": key.replace("_", " ").capitalize(), "inhoud": json.dumps(waarde, ensure_ascii=False, indent=2)}
        for key, waarde in export.items()
        if key not in VASTE_ONDERDELEN
    ]
    return {
        "export": export,
        "aangemaakt_op": _datumtijd(export["aangemaakt_op"]),
        "gezin_rijen": _rijen(Gezin, export["gezin"]),
        "kinderen": kinderen,
        "verzorgers": verzorgers,
        "toestemmingen": toestemmingen,
        "historie": historie,
        "inzagen": inzagen,
        "overige": overige,
    }


def gezin_export_pdf(*, gezin: Gezin | None = None, export: dict[str, Any] | None = None) -> bytes:
    """The export as an A4 PDF with Dutch headings. WeasyPrint may fetch nothing: the template is
    self-contained."""
    html = render_to_string("gezinnen/inzageverzoek_pdf.html", _pdf_context(_export_van(gezin, export)))
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=INZAGEVERZOEK_CSS, url_fetcher=fetcher)])
    return pdf
