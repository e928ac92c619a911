"""Print and calendar for parent activities: the A4 flyer in Dutch plus chosen languages, the
paper invitation per guardian with a QR code of their answer link, and an .ics file (RFC 5545).

WeasyPrint may fetch nothing but data: URLs (as in activiteiten.drukwerk.pdf): the QR codes are
inline SVG data, the stylesheets live here because templates carry no style elements. The
parent-facing texts are Dutch msgids (context "ouders") in templates/activiteiten/ouders/drukwerk/,
so makemessages finds them."""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from activiteiten import talen
from activiteiten.drukwerk.pdf import RTL_TALEN, _write_pdf
from activiteiten.models import Ouderactiviteit, Uitnodiging
from familieschool.models import School
from gezinnen.models import Taal

# The languages that have a parent-facing catalog; any other falls back to English (DESIGN.md §6).
CATALOGUS_TALEN = frozenset(talen.TALEN)
TERUGVAL_TAAL = talen.TERUGVAL_TAAL
TAAL_NAMEN = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "tr": "Türkçe",
    "pl": "Polski",
    "es": "Español",
    "fr": "Français",
    "uk": "Українська",
}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

_CSS = """
@page { size: A4; margin: 14mm 15mm 16mm 15mm; font-family: "DejaVu Sans", sans-serif; }
html { font-family: "DejaVu Sans", sans-serif; color: #1a1a1a; line-height: 1.35; font-size: 11pt; }
body { margin: 0; }
[dir="rtl"] { text-align: right; }
.school { color: #00546b; font-size: 11pt; margin: 0 0 2mm; }
h1 { font-size: 26pt; line-height: 1.15; margin: 0 0 2mm; color: #0b2e3a; }
.thema { font-size: 14pt; color: #00546b; margin: 0 0 5mm; }
section.taal { border-top: 2pt solid #00546b; padding-top: 3mm; margin-top: 4mm; break-inside: avoid; }
section.taal:first-of-type { border-top: 0; margin-top: 0; }
.wanneer { font-size: 15pt; font-weight: bold; margin: 0 0 2mm; }
table.programma { border-collapse: collapse; margin: 0 0 3mm; }
table.programma th { text-align: start; font-weight: normal; color: #333; padding: 0.8mm 6mm 0.8mm 0; }
table.programma td { font-weight: bold; padding: 0.8mm 0; }
[dir="rtl"] table.programma th { padding: 0.8mm 0 0.8mm 6mm; }
.vertaling { display: block; font-size: 9.5pt; color: #123f4d; }
ul.extra { margin: 0 0 2mm; padding-inline-start: 5mm; }
.aanmelden { background: #e8f3f6; border-radius: 2mm; padding: 2.5mm 3mm; margin: 2mm 0 0; }
.geannuleerd { border: 1.5pt solid #a30000; color: #a30000; font-weight: bold; padding: 2mm 3mm; margin: 0 0 4mm; }
section.brief { break-after: page; }
section.brief:last-child { break-after: auto; }
.brief .aan { margin: 0 0 6mm; color: #333; }
.brief .kolommen { display: flex; gap: 8mm; }
.brief table.qr { border-collapse: collapse; width: 100%; margin-top: 6mm; }
.brief table.qr td { vertical-align: top; padding: 0 4mm 0 0; }
.brief img.qr { width: 42mm; height: 42mm; }
.code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; color: #333; }
.knip { border-top: 1.2pt dashed #333; margin: 8mm 0 3mm; padding-top: 1mm; font-size: 9pt; color: #555; }
table.strook { border-collapse: collapse; width: 100%; }
table.strook th { text-align: start; font-weight: normal; width: 45%; padding: 3mm 2mm 0 0; vertical-align: bottom; }
table.strook td { border-bottom: 0.8pt solid #333; padding: 3mm 0 0; }
span.hokje {
  display: inline-block; width: 4.5mm; height: 4.5mm; border: 1pt solid #333; border-radius: 0.6mm;
  vertical-align: middle; margin-inline-end: 2mm;
}
"""


def catalogus_taal(taal: str) -> str:
    """The language a parent reads: their own when there is a catalog, else English."""
    return taal if taal in CATALOGUS_TALEN else TERUGVAL_TAAL


def richting(taal: str) -> str:
    return "rtl" if taal in RTL_TALEN else "ltr"


@dataclass(frozen=True)
class Taalblok:
    code: str
    naam: str
    richting: str


def taalblokken(talen: Iterable[str]) -> list[Taalblok]:
    """Dutch first, then each chosen language once (in catalog form)."""
    codes = ["nl"]
    for taal in talen:
        code = catalogus_taal(taal)
        if code not in codes:
            codes.append(code)
    return [Taalblok(code, TAAL_NAMEN[code], richting(code)) for code in codes]


def render_flyer(*, school: School, activiteit: Ouderactiviteit, talen: Iterable[str]) -> bytes:
    tolk_namen = dict(Taal.choices)
    context = {
        "school": school,
        "activiteit": activiteit,
        "talen": taalblokken(talen),
        "tolken": [tolk_namen.get(t, t) for t in activiteit.tolktalen],
    }
    with translation.override("nl"):
        html = render_to_string("activiteiten/ouders/drukwerk/flyer_pdf.html", context)
    return _write_pdf(html, _CSS)


# --- paper invitations -------------------------------------------------------------------------


def antwoord_link(uitnodiging: Uitnodiging) -> str:
    """The guardian's signed answer link (the RSVP pages), or — while those are not installed —
    an address that carries the token, so the QR code still checks the family in at the door."""
    try:
        from activiteiten.ouders import rsvp
    except ImportError:  # pragma: no cover - only while the RSVP pages are not there yet
        rsvp = None  # type: ignore[assignment]
    functie = getattr(rsvp, "antwoord_url", None)
    if functie is not None:
        return str(functie(uitnodiging))
    basis = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{basis}/activiteiten/antwoord/?uitnodiging={uitnodiging.token}"


def qr_data_uri(tekst: str) -> str:
    """A QR code as an SVG data: URI (vector, sharp on paper, no image library needed)."""
    beeld = qrcode.make(tekst, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buffer = io.BytesIO()
    beeld.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def uitnodigingen_html(*, school: School, activiteit: Ouderactiviteit, uitnodigingen: list[Uitnodiging]) -> str:
    """One page per guardian: the invitation in their language and in Dutch, the QR code of their
    answer link, and a slip to hand in at school."""
    brieven = []
    for uitnodiging in uitnodigingen:
        taal = catalogus_taal(uitnodiging.taal)
        brieven.append(
            {
                "uitnodiging": uitnodiging,
                "talen": taalblokken([taal]),
                "qr": qr_data_uri(antwoord_link(uitnodiging)),
                "code": str(uitnodiging.token).split("-")[0].upper(),
            }
        )
    context = {"school": school, "activiteit": activiteit, "brieven": brieven}
    with translation.override("nl"):
        return render_to_string("activiteiten/ouders/drukwerk/uitnodigingen_pdf.html", context)


def render_uitnodigingen(*, school: School, activiteit: Ouderactiviteit, uitnodigingen: list[Uitnodiging]) -> bytes:
    return _write_pdf(uitnodigingen_html(school=school, activiteit=activiteit, uitnodigingen=uitnodigingen), _CSS)


# --- calendar ----------------------------------------------------------------------------------


def _escape(tekst: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        tekst.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(regel: str) -> str:
    """Lines longer than 75 octets are folded with CRLF + space (RFC 5545 §3.1), never inside a
    UTF-8 character."""
    delen: list[str] = []
    huidig = ""
    grootte = 0
    limiet = 75
    for teken in regel:
        lengte = len(teken.encode("utf-8"))
        if grootte + lengte > limiet:
            delen.append(huidig)
            huidig, grootte, limiet = "", 0, 74  # continuation lines start with a space
        huidig += teken
        grootte += lengte
    delen.append(huidig)
    return "\r\n ".join(delen)


def _utc(datum: dt.date, tijd: dt.time) -> str:
    moment = dt.datetime.combine(datum, tijd, tzinfo=AMSTERDAM).astimezone(dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def ics(*, school: School, activiteit: Ouderactiviteit) -> str:
    """A calendar file with the one event. The UID is stable per activity; SEQUENCE follows
    ``versie`` so a changed time updates the event in the parent's calendar; a cancelled
    activity is STATUS:CANCELLED. Times in UTC, so no VTIMEZONE is needed."""
    domein = getattr(settings, "ICS_DOMEIN", "familieschool")
    beschrijving = activiteit.omschrijving
    programma = []
    if activiteit.inloop:
        programma.append(f"Inloop {activiteit.inloop:%H:%M}")
    if activiteit.diner:
        programma.append(f"Eten {activiteit.diner:%H:%M}")
    programma.append(f"Begin {activiteit.begintijd:%H:%M}, einde {activiteit.eindtijd:%H:%M}")
    if activiteit.kinderopvang:
        programma.append("Er is kinderopvang.")
    beschrijving = "\n".join([*filter(None, [activiteit.thema, beschrijving]), *programma])
    start = activiteit.inloop or activiteit.begintijd
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Familieschool//Ouderactiviteiten//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:ouderactiviteit-{activiteit.pk}@{domein}",
        f"SEQUENCE:{activiteit.versie - 1}",
        f"DTSTAMP:{timezone.now().astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART:{_utc(activiteit.datum, start)}",
        f"DTEND:{_utc(activiteit.datum, activiteit.eindtijd)}",
        f"SUMMARY:{_escape(activiteit.titel)}",
        f"LOCATION:{_escape(', '.join(filter(None, [activiteit.locatie, school.naam, school.adres])))}",
        f"DESCRIPTION:{_escape(beschrijving)}",
        f"STATUS:{'CANCELLED' if activiteit.is_geannuleerd else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(regel) + "\r\n" for regel in regels)
