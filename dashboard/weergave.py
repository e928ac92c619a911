"""How the dashboards show the figures of dashboard.selectors: Dutch number formats, small-number
suppression, the comparison with the previous year, the board's sortable table and the chart
data for static/js/dashboard.js.

Suppression (DESIGN.md §4, §6) holds for every viewer on both dashboards: a count of 1 to 4
people (pupils, participants, families, signals, questions, intakes, referrals) is shown as
"<5", and so is a percentage, average or median that rests on 1 to 4 people; a difference with
a suppressed figure is not shown ("—"), since it would give the small number away. Counts of
things (parent activities, grants, deadlines) and money are never suppressed. Charts get no
bar for a suppressed figure. Names are never part of any figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.utils import formats

from activiteiten.bereik.selectors import BereikRij
from activiteiten.bereik.weergave import GEEN, getal
from dashboard.selectors import Jaarcijfers
from familieschool.choices import Hulpdomein
from gezinnen.models import HulpvraagStatus, SignaalStatus
from partners.models import PartnerSoort
from subsidies.templatetags.subsidies import euro

KLEIN = "<5"
MIN = "\u2212"  # a real minus sign, as in the euro filter

Soort = Literal["aantal", "procent", "gemiddelde", "getal", "geld"]


def is_klein(aantal: int | None) -> bool:
    return aantal is not None and 1 <= aantal <= 4


def aantal(n: int) -> str:
    """A count of people: "<5" for 1–4, else the number the Dutch way."""
    return KLEIN if is_klein(n) else getal(n, decimalen=0)


def _met_teken(waarde: Decimal | int, *, decimalen: int, eenheid: str = "") -> str:
    tekst = getal(Decimal(waarde).copy_abs(), decimalen=decimalen) + eenheid
    if waarde > 0:
        return f"+{tekst}"
    if waarde < 0:
        return f"{MIN}{tekst}"
    return tekst


@dataclass(frozen=True)
class Indicator:
    """One figure shown for a school and year: how to read it, what people count lies behind it
    (for suppression; None when it is not about people) and how to show it."""

    sleutel: str
    label: str
    kop: str  # the short column header on the board
    soort: Soort
    waarde: Callable[[Jaarcijfers], Decimal | int | None]
    basis: Callable[[Jaarcijfers], int] | None = None
    decimalen: int = 1
    eenheid: str = ""
    op_bestuur: bool = True
    uitleg: str = ""

    def onderdrukt(self, c: Jaarcijfers) -> bool:
        return self.basis is not None and is_klein(self.basis(c))

    def tekst(self, c: Jaarcijfers) -> str:
        waarde = self.waarde(c)
        if self.onderdrukt(c):
            return KLEIN
        if waarde is None:
            return GEEN
        if self.soort == "geld":
            return euro(waarde)
        if self.soort == "procent":
            return f"{getal(waarde, decimalen=self.decimalen)} %"
        if self.soort in ("aantal", "getal"):
            return getal(waarde, decimalen=0)
        return getal(waarde, decimalen=self.decimalen) + self.eenheid

    def sorteerwaarde(self, c: Jaarcijfers) -> Decimal | None:
        """What the board sorts on: all suppressed figures as one value (between 0 and 5), so
        that the order of the rows does not tell 1 from 4; no figure at all sorts last."""
        if self.onderdrukt(c):
            return Decimal("0.5")
        waarde = self.waarde(c)
        return None if waarde is None else Decimal(waarde)

    def verschil(self, huidig: Jaarcijfers, vorig: Jaarcijfers) -> str:
        a, b = self.waarde(huidig), self.waarde(vorig)
        if self.onderdrukt(huidig) or self.onderdrukt(vorig) or a is None or b is None:
            return GEEN
        verschil = Decimal(a) - Decimal(b)
        if self.soort == "geld":
            return ("+ " if verschil > 0 else "") + euro(verschil)
        if self.soort == "procent":
            return _met_teken(verschil, decimalen=self.decimalen, eenheid=" procentpunt")
        if self.soort in ("aantal", "getal"):
            return _met_teken(verschil, decimalen=0)
        return _met_teken(verschil, decimalen=self.decimalen)


def _ter_plekke(c: Jaarcijfers) -> int:
    return sum(m["ter_plekke"] for m in c.vragen_per_maand.values())


INDICATOREN: list[Indicator] = [
    Indicator("leerlingen", "Leerlingen", "Leer\u00adlingen", "aantal", lambda c: c.leerlingen, lambda c: c.leerlingen),
    Indicator(
        "deelnemers",
        "Deelnemers Rijke schooldag",
        "Deel\u00adnemers",
        "aantal",
        lambda c: c.deelnemers,
        lambda c: c.deelnemers,
        uitleg="leerlingen die minstens één keer aanwezig waren",
    ),
    Indicator(
        "bereik",
        "Bereik",
        "Bereik",
        "procent",
        lambda c: c.bereik,
        lambda c: c.deelnemers,
        uitleg="deelnemers als percentage van de leerlingen",
    ),
    Indicator(
        "uren",
        "Uren per deelnemer",
        "Uren per deel\u00adnemer",
        "gemiddelde",
        lambda c: c.uren_per_deelnemer,
        lambda c: c.deelnemers,
        op_bestuur=False,
        uitleg="aanwezige uren in het schooljaar",
    ),
    Indicator(
        "uren_week",
        "Uren per deelnemer per week",
        "Uren per week",
        "gemiddelde",
        lambda c: c.uren_per_deelnemer_per_week,
        lambda c: c.deelnemers,
        decimalen=2,
        uitleg="gewogen over 40 schoolweken",
    ),
    Indicator(
        "opkomst",
        "Opkomst",
        "Opkomst",
        "procent",
        lambda c: c.opkomst,
        lambda c: c.aanwezig,
        uitleg="aanwezig van alle presentieregistraties",
    ),
    Indicator(
        "ouderactiviteiten",
        "Ouderactiviteiten gehouden",
        "Ouder\u00adactivi\u00adteiten",
        "getal",
        lambda c: c.ouderactiviteiten,
    ),
    Indicator(
        "gezinnen",
        "Gezinnen bij ouderactiviteiten",
        "Gezinnen",
        "aantal",
        lambda c: c.gezinnen_bereikt,
        lambda c: c.gezinnen_bereikt,
        uitleg="unieke gezinnen ingecheckt; inlopers zonder gezin tellen elk één keer",
    ),
    Indicator("signalen", "Signalen", "Signalen", "aantal", lambda c: c.signalen, lambda c: c.signalen),
    Indicator(
        "mediaan",
        "Mediaan tot eerste actie",
        "Uren tot eerste actie",
        "gemiddelde",
        lambda c: c.mediaan_eerste_actie_uren,
        lambda c: c.signalen,
        eenheid=" uur",
        uitleg="van melding tot de eerste actie, de helft van de signalen sneller",
    ),
    Indicator(
        "vragen", "Vragen bij het Familieservicepunt", "Vragen FSP", "aantal", lambda c: c.vragen, lambda c: c.vragen
    ),
    Indicator(
        "ter_plekke",
        "waarvan ter plekke beantwoord",
        "Ter plekke",
        "aantal",
        _ter_plekke,
        _ter_plekke,
        op_bestuur=False,
    ),
    Indicator("hulpvragen", "Intakes", "Intakes", "aantal", lambda c: c.hulpvragen, lambda c: c.hulpvragen),
    Indicator(
        "doorverwijzingen",
        "Doorverwijzingen",
        "Door\u00adverwij\u00adzingen",
        "aantal",
        lambda c: c.doorverwijzingen,
        lambda c: c.doorverwijzingen,
    ),
    Indicator(
        "toekenningen",
        "Lopende toekenningen",
        "Toeken\u00adningen",
        "getal",
        lambda c: c.subsidies.toekenningen,
        op_bestuur=False,
    ),
    Indicator("budget", "Budget", "Budget", "geld", lambda c: c.subsidies.budget),
    Indicator("besteed", "Besteed tot nu", "Besteed", "geld", lambda c: c.subsidies.besteed),
    Indicator(
        "prognose",
        "Prognose einde looptijd",
        "Prognose",
        "geld",
        lambda c: c.subsidies.prognose,
        uitleg="lineair doorgetrokken uit de uitgaven tot nu",
    ),
    Indicator(
        "verschil",
        "Verwacht verschil met budget",
        "Verschil",
        "geld",
        lambda c: c.subsidies.verschil,
        uitleg="prognose min budget: positief is overschrijding",
    ),
    Indicator(
        "deadlines_binnenkort",
        "Deadlines binnen 30 dagen",
        "Dead\u00adlines ≤ 30 d",
        "getal",
        lambda c: c.deadlines_binnenkort,
        op_bestuur=True,
    ),
    Indicator("deadlines_te_laat", "Deadlines te laat", "Te laat", "getal", lambda c: c.deadlines_te_laat),
]
PER_SLEUTEL = {i.sleutel: i for i in INDICATOREN}

# The school dashboard's comparison tables, by theme; the deadlines are today's, not a year's.
THEMAS: list[tuple[str, str, list[str]]] = [
    ("rijke-schooldag", "Rijke schooldag", ["leerlingen", "deelnemers", "bereik", "uren", "uren_week", "opkomst"]),
    ("ouders", "Ouders", ["ouderactiviteiten", "gezinnen"]),
    ("signalen", "Signalen en Familieservicepunt", ["signalen", "mediaan", "vragen", "ter_plekke", "hulpvragen"]),
    ("subsidies", "Subsidies", ["toekenningen", "budget", "besteed", "prognose", "verschil"]),
]


def _vergelijking(sleutels: list[str], huidig: Jaarcijfers, vorig: Jaarcijfers) -> list[dict[str, str]]:
    return [
        {
            "sleutel": i.sleutel,
            "label": i.label,
            "uitleg": i.uitleg,
            "huidig": i.tekst(huidig),
            "vorig": i.tekst(vorig),
            "verschil": i.verschil(huidig, vorig),
        }
        for i in (PER_SLEUTEL[s] for s in sleutels)
    ]


def _grafiekwaarde(waarde: Decimal | int | None, basis: int) -> float | None:
    return None if waarde is None or is_klein(basis) else float(waarde)


def _per_soort(
    labels: list[tuple[str, str]], huidig: dict[str, int], vorig: dict[str, int]
) -> list[dict[str, str | int]]:
    """Rows "label | this year | last year | difference" for the keys with a count in either year."""
    rijen: list[dict[str, str | int]] = []
    for sleutel, label in labels:
        a, b = huidig.get(sleutel, 0), vorig.get(sleutel, 0)
        if not a and not b:
            continue
        rijen.append(
            {
                "sleutel": sleutel,
                "label": label,
                "huidig": aantal(a),
                "vorig": aantal(b),
                "verschil": GEEN if is_klein(a) or is_klein(b) else _met_teken(a - b, decimalen=0),
                "n_huidig": a,
                "n_vorig": b,
            }
        )
    return rijen


def _met_leeg(grafieken: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Mark the charts without a single bar (nothing, or only suppressed figures): the page says
    so in words instead of drawing empty axes."""
    for grafiek in grafieken.values():
        grafiek["leeg"] = not any(waarde for reeks in grafiek["reeksen"] for waarde in reeks["data"])
    return grafieken


def _maanden(begin: dt.date, tot: dt.date) -> list[dt.date]:
    maanden, maand = [], begin.replace(day=1)
    while maand <= tot:
        maanden.append(maand)
        maand = (maand + dt.timedelta(days=32)).replace(day=1)
    return maanden


def _fsp_per_maand(c: Jaarcijfers, *, begin: dt.date, einde: dt.date, peildatum: dt.date) -> list[dict[str, Any]]:
    rijen = []
    for maand in _maanden(begin, min(einde, peildatum)):
        vragen = c.vragen_per_maand.get(maand, {"totaal": 0, "ter_plekke": 0})
        intakes = c.hulpvragen_per_maand.get(maand, {})
        per_status = [intakes.get(s, 0) for s in HulpvraagStatus.values]
        rijen.append(
            {
                "maand": formats.date_format(maand, "F Y"),
                "kort": formats.date_format(maand, "M"),
                "vragen": aantal(vragen["totaal"]),
                "ter_plekke": aantal(vragen["ter_plekke"]),
                "intake_na_vraag": aantal(vragen["totaal"] - vragen["ter_plekke"]),
                "intakes": aantal(sum(per_status)),
                "per_status": [aantal(n) for n in per_status],
                "n_vragen": vragen["totaal"],
                "n_intakes": sum(per_status),
            }
        )
    return rijen


def _groepen(rijen: list[BereikRij]) -> list[dict[str, str]]:
    return [
        {
            "naam": rij.naam,
            "leerlingen": aantal(rij.leerlingen),
            "deelnemers": aantal(rij.deelnemers),
            "bereik": KLEIN if is_klein(rij.deelnemers) else (GEEN if rij.bereik is None else f"{getal(rij.bereik)} %"),
        }
        for rij in rijen
    ]


def school_pagina(
    *,
    huidig: Jaarcijfers,
    vorig: Jaarcijfers,
    groepen: list[BereikRij],
    begin: dt.date,
    einde: dt.date,
    peildatum: dt.date,
) -> dict[str, Any]:
    """Everything the school dashboard (page and PDF) shows, and its charts (``grafieken``)."""
    themas = [
        {"id": id_, "titel": titel, "rijen": _vergelijking(sleutels, huidig, vorig)} for id_, titel, sleutels in THEMAS
    ]
    categorieen = _per_soort(list(Hulpdomein.choices), huidig.signalen_per_categorie, vorig.signalen_per_categorie)
    statussen = _per_soort(list(SignaalStatus.choices), huidig.signalen_per_status, vorig.signalen_per_status)
    soorten = _per_soort(
        list(PartnerSoort.choices), huidig.doorverwijzingen_per_soort, vorig.doorverwijzingen_per_soort
    )
    maanden = _fsp_per_maand(huidig, begin=begin, einde=einde, peildatum=peildatum)
    ter_plekke = _ter_plekke(huidig)
    grafieken: dict[str, dict[str, Any]] = {
        "groep": {
            "labels": [rij.naam for rij in groepen],
            "reeksen": [
                {
                    "label": "Deelnemers als % van de leerlingen",
                    "data": [_grafiekwaarde(rij.bereik, rij.deelnemers) for rij in groepen],
                }
            ],
            "eenheid": "%",
            "max": 100,
        },
        "fsp": {
            "labels": [rij["kort"] for rij in maanden],
            "reeksen": [
                {"label": "Vragen", "data": [_grafiekwaarde(r["n_vragen"], r["n_vragen"]) for r in maanden]},
                {"label": "Intakes", "data": [_grafiekwaarde(r["n_intakes"], r["n_intakes"]) for r in maanden]},
            ],
            "eenheid": "",
        },
        "signalen": {
            "labels": [str(rij["label"]) for rij in categorieen],
            "reeksen": [
                {
                    "label": label,
                    "data": [_grafiekwaarde(int(rij[veld]), int(rij[veld])) for rij in categorieen],
                }
                for label, veld in (("Dit schooljaar", "n_huidig"), ("Vorig schooljaar", "n_vorig"))
            ],
            "eenheid": "",
            "horizontaal": True,
        },
    }
    return {
        "themas": themas,
        "groepen": _groepen(groepen),
        "categorieen": categorieen,
        "statussen": statussen,
        "soorten": soorten,
        "maanden": maanden,
        "maanden_totaal": {
            "vragen": aantal(huidig.vragen),
            "ter_plekke": aantal(ter_plekke),
            "intake_na_vraag": aantal(huidig.vragen - ter_plekke),
            "intakes": aantal(huidig.hulpvragen),
            "per_status": [
                aantal(sum(m.get(s, 0) for m in huidig.hulpvragen_per_maand.values())) for s in HulpvraagStatus.values
            ],
        },
        "hulpvraag_statussen": HulpvraagStatus.labels,
        "deadlines": {"binnenkort": huidig.deadlines_binnenkort, "te_laat": huidig.deadlines_te_laat},
        "grafieken": _met_leeg(grafieken),
    }


# --- the board --------------------------------------------------------------------------------

BESTUUR_KOLOMMEN = [i for i in INDICATOREN if i.op_bestuur]
# The board's column groups, over the columns in the order of BESTUUR_KOLOMMEN.
BESTUUR_GROEPEN: list[tuple[str, int]] = [
    ("Rijke schooldag", 5),
    ("Ouders", 2),
    ("Signalen en FSP", 5),
    ("Subsidies", 4),
    ("Deadlines", 2),
]
RICHTINGEN = ("oplopend", "aflopend")


def totaal(cijfers: list[Jaarcijfers], *, school_id: int = 0, startjaar: int = 0) -> Jaarcijfers:
    """The board's total: counts and money added up, shares recomputed from the sums. A median
    cannot be added up: the total has none."""
    t = Jaarcijfers(school_id=school_id, startjaar=startjaar)
    for c in cijfers:
        t.leerlingen += c.leerlingen
        t.deelnemers += c.deelnemers  # a pupil is at one school: participants add up
        t.minuten_aanwezig += c.minuten_aanwezig
        t.aanwezig += c.aanwezig
        t.geregistreerd += c.geregistreerd
        t.ouderactiviteiten += c.ouderactiviteiten
        t.gezinnen += c.gezinnen
        t.los += c.los
        for bron, doel in (
            (c.signalen_per_categorie, t.signalen_per_categorie),
            (c.signalen_per_status, t.signalen_per_status),
            (c.doorverwijzingen_per_soort, t.doorverwijzingen_per_soort),
        ):
            for sleutel, n in bron.items():
                doel[sleutel] = doel.get(sleutel, 0) + n
        for maand, telling in c.vragen_per_maand.items():
            doel_maand = t.vragen_per_maand.setdefault(maand, {"totaal": 0, "ter_plekke": 0})
            doel_maand["totaal"] += telling["totaal"]
            doel_maand["ter_plekke"] += telling["ter_plekke"]
        for maand, per_status in c.hulpvragen_per_maand.items():
            doel_status = t.hulpvragen_per_maand.setdefault(maand, {})
            for status, n in per_status.items():
                doel_status[status] = doel_status.get(status, 0) + n
        t.subsidies.toekenningen += c.subsidies.toekenningen
        t.subsidies.budget += c.subsidies.budget
        t.subsidies.besteed += c.subsidies.besteed
        t.subsidies.prognose += c.subsidies.prognose
        t.deadlines_binnenkort += c.deadlines_binnenkort
        t.deadlines_te_laat += c.deadlines_te_laat
    return t


def bestuur_tabel(
    rijen: list[tuple[Any, Jaarcijfers]], *, sorteer: str, richting: str, link: Callable[[Any], str]
) -> dict[str, Any]:
    """The board's table: one row per school (``(school, cijfers)``), sorted server-side on any
    column, a totals row, and the chart data comparing the schools."""
    if sorteer != "school" and sorteer not in {k.sleutel for k in BESTUUR_KOLOMMEN}:
        sorteer = "school"
    if richting not in RICHTINGEN:
        richting = "oplopend"
    aflopend = richting == "aflopend"
    if sorteer == "school":
        geordend = sorted(rijen, key=lambda r: r[0].naam.casefold(), reverse=aflopend)
    else:
        kolom = PER_SLEUTEL[sorteer]
        op_naam = sorted(rijen, key=lambda r: r[0].naam.casefold())
        met = [r for r in op_naam if kolom.sorteerwaarde(r[1]) is not None]
        zonder = [r for r in op_naam if kolom.sorteerwaarde(r[1]) is None]
        # Stable: schools with the same figure stay in alphabetical order; no figure comes last.
        geordend = sorted(met, key=lambda r: kolom.sorteerwaarde(r[1]), reverse=aflopend) + zonder  # type: ignore[arg-type,return-value]
    som = totaal([c for _, c in rijen])
    kolommen = [{"sleutel": "school", "kop": "School", "soort": "tekst"}] + [
        {"sleutel": k.sleutel, "kop": k.kop, "soort": k.soort, "label": k.label} for k in BESTUUR_KOLOMMEN
    ]
    for kolom_ in kolommen:
        actief = kolom_["sleutel"] == sorteer
        kolom_["aria_sort"] = ("descending" if aflopend else "ascending") if actief else ""
        # A click on the sorted column turns it round; another column starts high to low for
        # figures (who is ahead) and A–Z for the school names.
        if actief:
            kolom_["volgende"] = "oplopend" if aflopend else "aflopend"
        else:
            kolom_["volgende"] = "oplopend" if kolom_["sleutel"] == "school" else "aflopend"
    scholen = [
        {
            "naam": school.naam,
            "url": link(school),
            "cellen": [k.tekst(c) for k in BESTUUR_KOLOMMEN],
        }
        for school, c in geordend
    ]
    namen = [school.naam for school, _ in geordend]
    return {
        "kolommen": kolommen,
        "groepen": BESTUUR_GROEPEN,
        "scholen": scholen,
        "totaal": [GEEN if k.sleutel == "mediaan" else k.tekst(som) for k in BESTUUR_KOLOMMEN],
        "sorteer": sorteer,
        "richting": richting,
        "grafieken": _met_leeg(
            {
                "bereik": {
                    "labels": namen,
                    "reeksen": [
                        {
                            "label": "Bereik (% van de leerlingen)",
                            "data": [_grafiekwaarde(c.bereik, c.deelnemers) for _, c in geordend],
                        }
                    ],
                    "eenheid": "%",
                    "max": 100,
                    "horizontaal": True,
                },
                "uren": {
                    "labels": namen,
                    "reeksen": [
                        {
                            "label": "Uren per deelnemer per week",
                            "data": [_grafiekwaarde(c.uren_per_deelnemer_per_week, c.deelnemers) for _, c in geordend],
                        }
                    ],
                    "eenheid": "uur",
                    "horizontaal": True,
                },
            }
        ),
    }


def kerncijfers(c: Jaarcijfers) -> list[dict[str, str]]:
    """The few figures of the start page's "Familieschool in cijfers"."""
    return [
        {"label": PER_SLEUTEL[s].label, "waarde": PER_SLEUTEL[s].tekst(c)}
        for s in ("bereik", "deelnemers", "gezinnen", "signalen", "vragen")
    ]
