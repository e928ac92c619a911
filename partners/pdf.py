"""The printable sociale kaart of a school: its partners grouped by help domain, as an A4 PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from familieschool.choices import Hulpdomein
from familieschool.models import School
from partners.models import Contactpersoon, Partner

OVERIG = "Overig"

# The print stylesheet. Here rather than in a <style> element: templates carry no inline styles
# (tests/familieschool/test_settings.py). Margin boxes do not inherit the body font, so @page
# and its boxes name the font themselves.
SOCIALE_KAART_CSS = """
@page {
  size: A4;
  margin: 18mm 16mm 20mm 16mm;
  font-family: "DejaVu Sans", sans-serif;
  @bottom-left {
    content: string(kaarttitel) " · " string(kaartdatum);
    font-family: "DejaVu Sans", sans-serif;
    font-size: 7.5pt;
    color: #555;
  }
  @bottom-right {
    content: "Pagina " counter(page) " van " counter(pages);
    font-family: "DejaVu Sans", sans-serif;
    font-size: 7.5pt;
    color: #555;
  }
}
html {
  font-family: "DejaVu Sans", sans-serif;
  font-size: 9pt;
  line-height: 1.35;
  color: #1a1a1a;
}
body { margin: 0; }
header.kop {
  border-bottom: 2.5pt solid #00546b;
  padding-bottom: 4mm;
  margin-bottom: 5mm;
}
.kop .label {
  text-transform: uppercase;
  letter-spacing: 0.08em;
  font-size: 8pt;
  color: #00546b;
  margin: 0 0 1mm;
}
h1 {
  font-size: 19pt;
  margin: 0;
  color: #0b2e3a;
  string-set: kaarttitel content();
}
.kop .datum { string-set: kaartdatum content(); }
.kop p { margin: 1.5mm 0 0; color: #444; }
nav.inhoud {
  margin: 0 0 6mm;
  padding: 3mm 4mm;
  background: #eef5f7;
  border-radius: 2mm;
}
nav.inhoud h2 {
  font-size: 9.5pt;
  margin: 0 0 1.5mm;
  color: #0b2e3a;
  background: none;
  padding: 0;
}
nav.inhoud ol {
  margin: 0;
  padding: 0;
  list-style: none;
  columns: 2;
  column-gap: 8mm;
}
nav.inhoud li { margin: 0.6mm 0; }
nav.inhoud a { color: #1a1a1a; text-decoration: none; }
nav.inhoud a::after {
  content: leader(".") target-counter(attr(href), page);
  color: #555;
}
section.domein { margin-top: 5mm; }
section.domein + section.domein { break-before: auto; }
h2 {
  font-size: 12.5pt;
  color: #fff;
  background: #00546b;
  margin: 0 0 3mm;
  padding: 1.6mm 3mm;
  border-radius: 1.2mm;
  break-after: avoid;
}
h2 .aantal { font-weight: normal; font-size: 9pt; color: #d6eaef; }
article.partner {
  break-inside: avoid;
  border-left: 1.2mm solid #b8d8e0;
  padding: 0.5mm 0 0.5mm 3mm;
  margin: 0 0 3.5mm;
}
h3 {
  font-size: 10.5pt;
  margin: 0;
  color: #0b2e3a;
}
h3 .soort { font-weight: normal; font-size: 8pt; color: #555; }
.aanbod { margin: 0.8mm 0 1.2mm; }
/* Tables, not CSS grid: WeasyPrint lays them out several times faster. */
table.blok {
  width: 100%;
  border-collapse: collapse;
  table-layout: fixed;
  font-size: 8pt;
}
table.blok > tr > td,
table.blok > tbody > tr > td { width: 50%; vertical-align: top; padding: 0 3mm 0 0; }
table.gegevens { border-collapse: collapse; width: 100%; }
table.gegevens th {
  width: 16mm;
  text-align: left;
  font-weight: normal;
  color: #555;
  vertical-align: top;
  padding: 0 2mm 0.4mm 0;
}
table.gegevens td { padding: 0 0 0.4mm; overflow-wrap: anywhere; vertical-align: top; }
table.gegevens a { color: #00546b; text-decoration: none; }
.contact { margin: 0.8mm 0 0; font-size: 8pt; }
.contact .label { color: #555; }
.stadspas {
  font-size: 7.5pt;
  font-weight: bold;
  color: #7a3e00;
  background: #fdebd3;
  padding: 0 1.2mm;
  border-radius: 0.8mm;
}
.leeg {
  margin-top: 10mm;
  font-size: 11pt;
  color: #444;
}
"""


@dataclass(frozen=True)
class KaartPartner:
    partner: Partner
    contact: Contactpersoon | None
    is_schoolcontact: bool  # the school's own contact person, not just the partner's first one


@dataclass(frozen=True)
class Groep:
    titel: str
    partners: list[KaartPartner]


def _kaart_partner(partner: Partner) -> KaartPartner:
    # Both relations are prefetched by selectors.sociale_kaart (samenwerkingen: this school only).
    samenwerking = next(iter(partner.samenwerkingen.all()), None)
    if samenwerking is not None and samenwerking.contactpersoon is not None:
        return KaartPartner(partner=partner, contact=samenwerking.contactpersoon, is_schoolcontact=True)
    return KaartPartner(
        partner=partner, contact=next(iter(partner.contactpersonen.all()), None), is_schoolcontact=False
    )


def sociale_kaart_groepen(partners: Iterable[Partner]) -> list[Groep]:
    """One group per help domain, in the order of ``Hulpdomein``; a partner appears under each of
    its domains, one without domains under "Overig". Empty groups are left out."""
    per_domein: dict[str, list[KaartPartner]] = {domein: [] for domein in Hulpdomein.values}
    overig: list[KaartPartner] = []
    for partner in partners:
        item = _kaart_partner(partner)
        domeinen = [d for d in partner.domeinen if d in per_domein]
        for domein in domeinen:
            per_domein[domein].append(item)
        if not domeinen:
            overig.append(item)
    groepen = [Groep(titel=Hulpdomein(d).label, partners=items) for d, items in per_domein.items() if items]
    if overig:
        groepen.append(Groep(titel=OVERIG, partners=overig))
    return groepen


def render_sociale_kaart(*, school: School, partners: Iterable[Partner], datum: dt.date) -> bytes:
    """The PDF. WeasyPrint may fetch nothing (no files, no network): the template is
    self-contained, and a partner's website is text and a link, never a resource."""
    lijst = list(partners)
    html = render_to_string(
        "partners/sociale_kaart_pdf.html",
        {"school": school, "datum": datum, "groepen": sociale_kaart_groepen(lijst), "aantal": len(lijst)},
    )
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=SOCIALE_KAART_CSS, url_fetcher=fetcher)])
    return pdf
