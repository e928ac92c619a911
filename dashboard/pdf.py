"""The school dashboard on A4 for the team meeting (WeasyPrint): the same figures as the page,
in tables. As in activiteiten.drukwerk, WeasyPrint may fetch nothing and the stylesheet lives
here, because templates carry no style elements."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

DASHBOARD_CSS = """
@page {
  size: A4;
  margin: 15mm 14mm 17mm 14mm;
  @bottom-left {
    content: string(school) " · Familieschool in cijfers " string(jaar);
    font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555;
  }
  @bottom-right {
    content: counter(page) " / " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555;
  }
}
html { font-family: "DejaVu Sans", sans-serif; color: #1a1a1a; line-height: 1.35; font-size: 9pt; }
body { margin: 0; }
.school { string-set: school content(); }
.jaar { string-set: jaar content(); }
header.kop { border-bottom: 2.5pt solid #00546b; padding-bottom: 3mm; margin-bottom: 4mm; }
.kop .label {
  text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt; color: #00546b; margin: 0 0 1mm;
}
h1 { font-size: 17pt; margin: 0; color: #0b2e3a; }
h2 { font-size: 11.5pt; color: #00546b; margin: 5mm 0 1.5mm; break-after: avoid; }
p.toelichting { font-size: 8pt; color: #555; margin: 0 0 2mm; }
section { break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
th, td { padding: 1.1mm 1.5mm; border-bottom: 0.5pt solid #c8c8c8; vertical-align: top; }
thead th { border-bottom: 1pt solid #00546b; text-align: left; font-size: 8pt; }
th.getal, td.getal { text-align: right; white-space: nowrap; }
tbody th { font-weight: normal; text-align: left; }
tfoot th, tfoot td { font-weight: bold; border-bottom: 0; }
.uitleg { display: block; font-size: 7.5pt; color: #555; }
.twee { width: 100%; }
.twee > tbody > tr > td { width: 50%; border: 0; padding: 0 3mm 0 0; }
.voetnoot { font-size: 7.5pt; color: #555; margin-top: 4mm; }
"""


def render_school_dashboard(context: dict[str, Any]) -> bytes:
    with translation.override("nl"):
        html = render_to_string("dashboard/school_dashboard_pdf.html", context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher)
    inhoud: bytes = document.write_pdf(stylesheets=[CSS(string=DASHBOARD_CSS, url_fetcher=fetcher)])
    return inhoud
