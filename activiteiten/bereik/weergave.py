"""How the reach figures are shown: Dutch number formats, the key-figure cards, the table rows
and the chart data for static/js/bereik.js.

Small-number suppression (DESIGN.md §4, "counts only"): a viewer without the right to read the
activities (the board) sees every count of pupils or attendances from 1 to 4 as "<5", and no
share, average or chart bar that is derived from such a count. The school's own roles on this
page (coordinator, brugfunctionaris, school leader, functional admin) may read the enrolment and
attendance lists themselves, so they see the exact numbers they must account for to School &
Omgeving. Hours, sessions and activities are not counts of people and are never suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from activiteiten.bereik.selectors import SCHOOLWEKEN_PER_JAAR, Bereikcijfers, BereikRij, deel
from gezinnen.signalen.selectors import onderdruk

GEEN = "—"


def getal(waarde: Decimal | int | None, *, decimalen: int = 1) -> str:
    """A number the Dutch way: decimal comma, a dot between thousands."""
    if waarde is None:
        return GEEN
    tekst = f"{Decimal(waarde):,.{decimalen}f}"
    return tekst.replace(",", " ").replace(".", ",").replace(" ", ".")


def procent(waarde: Decimal | None) -> str:
    return GEEN if waarde is None else f"{getal(waarde)} %"


def is_klein(aantal: int) -> bool:
    return 1 <= aantal <= 4


@dataclass(frozen=True)
class Weergave:
    """Formats counts for one viewer: exact, or suppressed for counts-only roles."""

    onderdrukken: bool

    def aantal(self, n: int) -> str:
        return onderdruk(n) if self.onderdrukken else getal(n, decimalen=0)

    def verborgen(self, *aantallen: int) -> bool:
        """True when a figure derived from these counts must not be shown."""
        return self.onderdrukken and any(is_klein(n) for n in aantallen)

    def grafiekwaarde(self, waarde: Decimal | int | None, *aantallen: int) -> float | None:
        if waarde is None or self.verborgen(*aantallen):
            return None
        return float(waarde)


def _bereikrijen(rijen: list[BereikRij], w: Weergave) -> list[dict[str, str]]:
    return [
        {
            "naam": rij.naam,
            "leerlingen": w.aantal(rij.leerlingen),
            "ingeschreven": w.aantal(rij.ingeschreven),
            "deelnemers": w.aantal(rij.deelnemers),
            "bereik": GEEN if w.verborgen(rij.leerlingen, rij.deelnemers) else procent(rij.bereik),
        }
        for rij in rijen
    ]


def _bereikgrafiek(rijen: list[BereikRij], w: Weergave, titel: str) -> dict[str, Any]:
    return {
        "soort": "bar",
        "labels": [rij.naam for rij in rijen],
        "reeksen": [
            {
                "label": "Deelnemers als % van de leerlingen",
                "data": [w.grafiekwaarde(rij.bereik, rij.leerlingen, rij.deelnemers) for rij in rijen],
            }
        ],
        "eenheid": "%",
        "max": 100,
        "titel": titel,
    }


def pagina(cijfers: Bereikcijfers, *, onderdrukken: bool) -> dict[str, Any]:
    """Everything the template shows, and the chart data (``grafieken``) for json_script."""
    w = Weergave(onderdrukken=onderdrukken)
    totaal = cijfers.totaal
    presentie = cijfers.presentie
    sessies = cijfers.bijeenkomsten
    blok = cijfers.periode.blok
    weken_uitleg = (
        f"over {sessies.weken_geleverd} {'week' if sessies.weken_geleverd == 1 else 'weken'} met activiteiten"
        if blok
        else f"gewogen over {SCHOOLWEKEN_PER_JAAR} schoolweken"
    )
    verborgen_deelnemers = w.verborgen(totaal.deelnemers)
    kaarten = [
        {
            "label": "Deelnemers",
            "waarde": w.aantal(totaal.deelnemers),
            "uitleg": (
                f"{GEEN if w.verborgen(totaal.leerlingen, totaal.deelnemers) else procent(totaal.bereik)} "
                f"van {w.aantal(totaal.leerlingen)} leerlingen"
            ),
        },
        {
            "label": "Ingeschreven",
            "waarde": w.aantal(totaal.ingeschreven),
            "uitleg": "leerlingen geplaatst bij een activiteit",
        },
        {
            "label": "Uren per deelnemer",
            "waarde": GEEN if verborgen_deelnemers else getal(cijfers.uren_per_deelnemer_per_week, decimalen=2),
            "uitleg": f"per week, {weken_uitleg}",
        },
        {
            "label": "Aanbod per week",
            "waarde": getal(cijfers.aangeboden_uren_per_week),
            "uitleg": f"uur; samen {getal(sessies.uren_gehouden)} uur in {sessies.gehouden} bijeenkomsten",
        },
        {
            "label": "Opkomst",
            "waarde": GEEN if w.verborgen(presentie.geregistreerd) else procent(presentie.opkomst),
            "uitleg": f"{w.aantal(presentie.aanwezig)} keer aanwezig van {w.aantal(presentie.geregistreerd)}",
        },
        {
            "label": "Doorstroom",
            "waarde": w.aantal(cijfers.doorstroom.leerlingen),
            "uitleg": "leerlingen lid geworden van een club",
        },
    ]
    gebieden = [
        {
            "naam": rij.naam,
            "activiteiten": getal(rij.activiteiten, decimalen=0),
            "bijeenkomsten": getal(rij.bijeenkomsten, decimalen=0),
            "uren_gehouden": getal(rij.uren_gehouden),
            "ingeschreven": w.aantal(rij.ingeschreven),
            "deelnemers": w.aantal(rij.deelnemers),
            "uren_aanwezig": GEEN if w.verborgen(rij.deelnemers) else getal(rij.uren_aanwezig),
        }
        for rij in cijfers.per_gebied
    ]
    presentie_rijen = [
        ("Aanwezig", presentie.aanwezig),
        ("Afwezig met reden", presentie.afwezig_met_reden),
        ("Afwezig zonder reden", presentie.afwezig),
    ]
    grafieken = {
        "groep": _bereikgrafiek(cijfers.per_groep, w, "Bereik per groep"),
        "jaargroep": _bereikgrafiek(cijfers.per_jaargroep, w, "Bereik per jaargroep"),
        "gebied": {
            "soort": "bar",
            "labels": [rij.naam for rij in cijfers.per_gebied],
            "reeksen": [
                {
                    "label": "Deelnemers",
                    "data": [w.grafiekwaarde(rij.deelnemers, rij.deelnemers) for rij in cijfers.per_gebied],
                }
            ],
            "eenheid": "",
            "horizontaal": True,
        },
        "presentie": {
            "soort": "doughnut",
            "labels": [label for label, _ in presentie_rijen],
            "reeksen": [{"label": "Registraties", "data": [w.grafiekwaarde(n, n) for _, n in presentie_rijen]}],
            "eenheid": "",
        },
        "doorstroom": {
            "soort": "bar",
            "labels": [rij.naam for rij in cijfers.doorstroom.per_soort],
            "reeksen": [
                {
                    "label": "Lidmaatschappen",
                    "data": [w.grafiekwaarde(rij.aantal, rij.aantal) for rij in cijfers.doorstroom.per_soort],
                }
            ],
            "eenheid": "",
            "horizontaal": True,
        },
    }
    return {
        "kaarten": kaarten,
        "per_groep": _bereikrijen(cijfers.per_groep, w),
        "per_jaargroep": _bereikrijen(cijfers.per_jaargroep, w),
        "totaal": _bereikrijen([totaal], w)[0],
        "gebieden": gebieden,
        "presentie": [
            {
                "naam": label,
                "aantal": w.aantal(n),
                "aandeel": GEEN
                if w.verborgen(n, presentie.geregistreerd)
                else procent(deel(n, presentie.geregistreerd, factor=100)),
            }
            for label, n in presentie_rijen
        ],
        "presentie_totaal": w.aantal(presentie.geregistreerd),
        "doorstroom": [{"naam": rij.naam, "aantal": w.aantal(rij.aantal)} for rij in cijfers.doorstroom.per_soort],
        "doorstroom_leerlingen": w.aantal(cijfers.doorstroom.leerlingen),
        "sessies": {
            "gepland": sessies.gepland,
            "gehouden": sessies.gehouden,
            "geannuleerd": sessies.geannuleerd,
            "nog_te_gaan": sessies.nog_te_gaan,
            "weken_geleverd": sessies.weken_geleverd,
        },
        "grafieken": grafieken,
    }
