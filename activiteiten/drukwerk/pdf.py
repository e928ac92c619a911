"""Print for the Rijke schooldag: attendance lists per session (for those who tick on paper and
enter later) and the activity booklet for parents in Dutch and one second language.

WeasyPrint may fetch nothing (no files, no network), as in partners.pdf: the templates are
self-contained and the stylesheets live here, because templates carry no style elements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from activiteiten import talen
from activiteiten.models import (
    Activiteit,
    ActiviteitVertaling,
    Bijeenkomst,
    Blok,
    Inschrijving,
    InschrijvingStatus,
    Ontwikkelgebied,
    Presentie,
)
from familieschool.models import School, User
from gezinnen.models import Leerling

# The second languages of the booklet: those with a catalog in locale/ (DESIGN.md §6), each with
# its own name, as a parent looking for it recognises it. Other languages fall back to English.
BOEKJE_TALEN: dict[str, str] = {
    "en": "English",
    "ar": "العربية",
    "tr": "Türkçe",
    "pl": "Polski",
    "es": "Español",
    "fr": "Français",
    "uk": "Українська",
}
TERUGVAL_TAAL = "en"
RTL_TALEN = talen.RTL_TALEN

# The development areas as parents read them, translated with the booklet's catalog.
ONTWIKKELGEBIED_OUDERS: dict[str, Promise] = {
    Ontwikkelgebied.SPORT: pgettext_lazy("ouders", "Sport en bewegen"),
    Ontwikkelgebied.CULTUUR: pgettext_lazy("ouders", "Kunst en cultuur"),
    Ontwikkelgebied.COGNITIEF: pgettext_lazy("ouders", "Leren en ontdekken"),
    Ontwikkelgebied.SOCIAAL: pgettext_lazy("ouders", "Samen spelen en samenwerken"),
    Ontwikkelgebied.ZELF: pgettext_lazy("ouders", "Ontdekken wie je bent"),
    Ontwikkelgebied.WERELD: pgettext_lazy("ouders", "De wereld om je heen"),
}

WEEKDAGEN_OUDERS: tuple[Promise, ...] = (
    pgettext_lazy("ouders", "maandag"),
    pgettext_lazy("ouders", "dinsdag"),
    pgettext_lazy("ouders", "woensdag"),
    pgettext_lazy("ouders", "donderdag"),
    pgettext_lazy("ouders", "vrijdag"),
)

_BASIS_CSS = """
@page {
  size: A4;
  margin: 16mm 15mm 18mm 15mm;
  font-family: "DejaVu Sans", sans-serif;
  @bottom-left { font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555; }
  @bottom-right {
    content: counter(page) " / " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555;
  }
}
html { font-family: "DejaVu Sans", sans-serif; color: #1a1a1a; line-height: 1.35; }
body { margin: 0; }
.school { string-set: school content(); }
table { border-collapse: collapse; width: 100%; }
tr { break-inside: avoid; }
"""

PRESENTIELIJST_CSS = (
    _BASIS_CSS
    + """
@page { @bottom-left { content: string(school) " · Presentielijst " string(titel); } }
html { font-size: 10pt; }
h1 { string-set: titel content(); }
section.lijst { break-after: page; }
section.lijst:last-child { break-after: auto; }
header.kop { border-bottom: 2.5pt solid #00546b; padding-bottom: 3mm; margin-bottom: 4mm; }
.kop .label {
  text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt; color: #00546b; margin: 0 0 1mm;
}
h1 { font-size: 17pt; margin: 0; color: #0b2e3a; }
table.gegevens { width: auto; margin-bottom: 4mm; }
table.gegevens th {
  text-align: left; font-weight: normal; color: #555; padding: 0.6mm 4mm 0.6mm 0; vertical-align: top;
}
table.gegevens td { padding: 0.6mm 0; vertical-align: top; }
.geannuleerd {
  border: 1.2pt solid #a30000; color: #a30000; padding: 2mm 3mm; margin-bottom: 4mm; font-weight: bold;
}
table.namen { table-layout: fixed; margin-bottom: 5mm; }
table.namen thead { display: table-header-group; }
table.namen th {
  text-align: left; font-size: 8.5pt; border-bottom: 1pt solid #00546b; padding: 1.2mm 1.5mm;
  vertical-align: bottom;
}
table.namen td { border-bottom: 0.5pt solid #bbb; padding: 2.2mm 1.5mm; vertical-align: middle; }
th.nr, td.nr { width: 7mm; color: #555; }
th.groep, td.groep { width: 22mm; }
th.vak, td.vak { width: 19mm; text-align: center; }
th.opmerking, td.opmerking { width: 42mm; }
span.hokje {
  display: inline-block; width: 5.5mm; height: 5.5mm; border: 1pt solid #333; border-radius: 0.8mm;
  text-align: center; line-height: 5.5mm; font-size: 12pt; font-weight: bold;
}
.leeg { color: #555; font-style: italic; margin: 3mm 0 6mm; }
.samenvatting { margin: 0 0 5mm; }
table.ondertekening { break-inside: avoid; margin-top: 2mm; }
table.ondertekening td { padding: 4mm 3mm 1mm 0; vertical-align: bottom; width: 33%; }
.invul { display: block; border-bottom: 0.8pt solid #333; min-height: 7mm; padding-top: 1mm; }
.toelichting { font-size: 8pt; color: #555; margin-top: 3mm; }
"""
)

BOEKJE_CSS = (
    _BASIS_CSS
    + """
@page { @bottom-left { content: string(school) " · Rijke schooldag · " string(blok); } }
html { font-size: 11pt; }
.omslag p.blok { string-set: blok content(); }
[dir="rtl"] { text-align: right; }
.omslag [dir="rtl"] { text-align: center; }
table.tweetalig { table-layout: fixed; }
/* No column widths: a fixed layout shares the width evenly, padding included. */
table.tweetalig > tbody > tr > td, table.tweetalig > tr > td {
  vertical-align: top; padding: 0 3mm; overflow-wrap: break-word;
}
td.nl { border-right: 0.6pt solid #b8d8e0; }
td.tweede { color: #123f4d; }
section.omslag { break-after: page; text-align: center; padding-top: 35mm; }
.omslag .omslag-school { font-size: 14pt; color: #00546b; margin: 0 0 14mm; }
.omslag h1 { font-size: 30pt; margin: 0 0 3mm; color: #0b2e3a; line-height: 1.2; }
.omslag h1.tweede { color: #00546b; }
.omslag .blok { font-size: 16pt; margin: 12mm 0 2mm; }
.omslag .periode { font-size: 13pt; color: #333; margin: 0 0 2mm; }
.omslag table.tweetalig { margin-top: 14mm; text-align: start; font-size: 11pt; }
h2 {
  font-size: 15pt; color: #fff; background: #00546b; margin: 0 0 3mm; padding: 1.8mm 3mm;
  border-radius: 1.2mm; break-after: avoid;
}
section.aanmelden { break-after: page; }
ol.stappen { padding-inline-start: 6mm; margin: 0 0 3mm; }
ol.stappen li { margin-bottom: 2mm; }
article.activiteit {
  break-inside: avoid; border: 0.8pt solid #b8d8e0; border-radius: 2mm; margin: 0 0 5mm; padding: 3mm 0;
}
article.activiteit h3 { font-size: 14pt; margin: 0 0 0.5mm; color: #0b2e3a; }
.gebied { font-size: 10pt; color: #00546b; margin: 0 0 2mm; font-weight: bold; }
.omschrijving { margin: 0 0 2mm; white-space: pre-line; }
.alleen-nl { font-size: 8.5pt; font-style: italic; color: #555; margin: 0 0 2mm; }
dl.feiten { margin: 0; font-size: 10.5pt; }
dl.feiten dt { font-weight: bold; color: #333; margin-top: 1mm; }
dl.feiten dd { margin: 0; }
section.strook { break-before: page; break-inside: avoid; }
.knip { border-top: 1.2pt dashed #333; margin: 0 0 4mm; padding-top: 1mm; font-size: 9pt; color: #555; }
.strook h2 { margin-top: 2mm; }
table.velden { margin-bottom: 3mm; }
table.velden th { text-align: start; font-weight: normal; width: 45%; padding: 3.5mm 2mm 0 0; vertical-align: bottom; }
table.velden td { border-bottom: 0.8pt solid #333; padding: 3.5mm 0 0; }
.label-tweede { display: block; font-size: 10pt; color: #123f4d; }
ul.keuze .label-tweede { margin-inline-start: 6.5mm; }
ul.keuze { list-style: none; padding: 0; margin: 0 0 3mm; }
ul.keuze li { margin: 0 0 2mm; break-inside: avoid; }
span.hokje {
  display: inline-block; width: 4.5mm; height: 4.5mm; border: 1pt solid #333; border-radius: 0.6mm;
  vertical-align: middle; margin-inline-end: 2mm;
}
.toestemming { margin: 3mm 0; }
.leeg { font-style: italic; color: #555; }
"""
)


def _write_pdf(html: str, css: str) -> bytes:
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=css, url_fetcher=fetcher)])
    return pdf


# --- attendance lists ------------------------------------------------------------------------


@dataclass(frozen=True)
class Regel:
    """One child on an attendance list, with the status already registered (or "")."""

    leerling: Leerling
    status: str


@dataclass(frozen=True)
class Presentielijst:
    bijeenkomst: Bijeenkomst
    regels: list[Regel]
    telling: dict[str, int] = field(default_factory=dict)


def presentielijsten(*, activiteit: Activiteit, bijeenkomsten: Sequence[Bijeenkomst]) -> list[Presentielijst]:
    """One list per session: the placed children, and anyone whose attendance was registered
    for that session (a child who left later still appears on the sessions they attended).
    Three queries, whatever the number of sessions and children."""
    geplaatst = [
        i.leerling
        for i in Inschrijving.objects.filter(activiteit=activiteit, status=InschrijvingStatus.GEPLAATST)
        .select_related("leerling__groep")
        .order_by()
    ]
    presenties = list(
        Presentie.objects.filter(bijeenkomst__in=[b.pk for b in bijeenkomsten])
        .select_related("leerling__groep")
        .order_by()
    )
    per_sessie: dict[int, dict[int, Presentie]] = {}
    for presentie in presenties:
        per_sessie.setdefault(presentie.bijeenkomst_id, {})[presentie.leerling_id] = presentie
    lijsten = []
    for bijeenkomst in bijeenkomsten:
        geregistreerd = per_sessie.get(bijeenkomst.pk, {})
        kinderen = {k.pk: k for k in geplaatst} | {p.leerling_id: p.leerling for p in geregistreerd.values()}
        regels = [
            Regel(leerling=k, status=geregistreerd[k.pk].status if k.pk in geregistreerd else "")
            for k in sorted(kinderen.values(), key=_naam_sleutel)
        ]
        telling = {s: sum(1 for r in regels if r.status == s) for s in ("aanwezig", "afwezig_met_reden", "afwezig")}
        lijsten.append(Presentielijst(bijeenkomst=bijeenkomst, regels=regels, telling=telling))
    return lijsten


def _naam_sleutel(leerling: Leerling) -> tuple[str, str, int]:
    return (leerling.achternaam.casefold(), leerling.roepnaam.casefold(), leerling.pk)


def render_presentielijsten(
    *, school: School, activiteit: Activiteit, lijsten: Iterable[Presentielijst], begeleiders: Iterable[User]
) -> bytes:
    with translation.override("nl"):  # Dutch day and month names, as the staff interface
        html = render_to_string(
            "activiteiten/drukwerk/presentielijst_pdf.html",
            {
                "school": school,
                "activiteit": activiteit,
                "lijsten": list(lijsten),
                "begeleiders": ", ".join(u.naam or u.email for u in begeleiders),
            },
        )
    return _write_pdf(html, PRESENTIELIJST_CSS)


# --- the activity booklet for parents --------------------------------------------------------


@dataclass(frozen=True)
class BoekjeActiviteit:
    """An activity as the booklet shows it, with its text in the second language (or None)."""

    activiteit: Activiteit
    vertaling: ActiviteitVertaling | None
    aantal_bijeenkomsten: int
    eerste: dt.date | None
    laatste: dt.date | None

    @property
    def groepen(self) -> str:
        return ", ".join(sorted(self.activiteit.jaargroepen, key=lambda g: (not g.isdigit(), g)))

    @property
    def gebied(self) -> str:
        return str(ONTWIKKELGEBIED_OUDERS.get(self.activiteit.ontwikkelgebied, ""))

    @property
    def weekdag(self) -> str:
        return str(WEEKDAGEN_OUDERS[self.activiteit.weekdag])


def boekje_activiteiten(activiteiten: QuerySet[Activiteit], *, taal: str) -> list[BoekjeActiviteit]:
    """The activities with their session counts and dates (one query) and their translation
    into ``taal`` (one more)."""
    qs = (
        activiteiten.select_related("aanbieder")
        .annotate(
            aantal_sessies=Count("bijeenkomsten", filter=Q(bijeenkomsten__geannuleerd=False)),
            eerste_sessie=Min("bijeenkomsten__datum", filter=Q(bijeenkomsten__geannuleerd=False)),
            laatste_sessie=Max("bijeenkomsten__datum", filter=Q(bijeenkomsten__geannuleerd=False)),
        )
        .prefetch_related(
            Prefetch("vertalingen", queryset=ActiviteitVertaling.objects.filter(taal=taal), to_attr="in_taal")
        )
        .order_by("titel", "pk")
    )
    return [
        BoekjeActiviteit(
            activiteit=a,
            vertaling=next(iter(a.in_taal), None),  # type: ignore[attr-defined]
            aantal_bijeenkomsten=a.aantal_sessies,  # type: ignore[attr-defined]
            eerste=a.eerste_sessie,  # type: ignore[attr-defined]
            laatste=a.laatste_sessie,  # type: ignore[attr-defined]
        )
        for a in qs
    ]


# The slip's fields, each shown in Dutch with the second language under it.
STROOK_VELDEN = (
    pgettext_lazy("ouders", "Naam van het kind"),
    pgettext_lazy("ouders", "Groep"),
)
ONDERTEKENING_VELDEN = (
    pgettext_lazy("ouders", "Naam ouder of verzorger"),
    pgettext_lazy("ouders", "Telefoonnummer"),
    pgettext_lazy("ouders", "Datum"),
    pgettext_lazy("ouders", "Handtekening"),
)


def tweetalig(teksten: Iterable[Promise], *, taal: str) -> list[tuple[str, str]]:
    """Each text in Dutch and in ``taal``."""
    paren = []
    for tekst in teksten:
        with translation.override("nl"):
            nl = str(tekst)
        with translation.override(taal):
            paren.append((nl, str(tekst)))
    return paren


def render_boekje(*, school: School, blok: Blok, activiteiten: list[BoekjeActiviteit], taal: str) -> bytes:
    context = {
        "school": school,
        "blok": blok,
        "activiteiten": activiteiten,
        "taal": taal,
        "richting": "rtl" if taal in RTL_TALEN else "ltr",
        "talen": [("nl", False), (taal, True)],
        "strook_velden": tweetalig(STROOK_VELDEN, taal=taal),
        "ondertekening_velden": tweetalig(ONDERTEKENING_VELDEN, taal=taal),
    }
    # Dutch is the booklet's first language whatever the language of the staff member's browser.
    with translation.override("nl"):
        html = render_to_string("activiteiten/drukwerk/boekje_pdf.html", context)
    return _write_pdf(html, BOEKJE_CSS)
