"""The reach figures as a spreadsheet (XLSX): one sheet per table of the overview page, with the
same small-number suppression for counts-only viewers (activiteiten.bereik.weergave). Exact
figures are numbers, so the coordinator can add them up for a School & Omgeving report; text
cells go through the partner export's formula escaping (a groep name comes from the pupil
administration and could start with "=")."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from activiteiten.bereik.selectors import Bereikcijfers, BereikRij, deel
from activiteiten.bereik.weergave import Weergave
from partners.exports import escape_cell

Cel = str | int | float | None


def _getal(waarde: Decimal | None) -> float | None:
    return None if waarde is None else float(waarde)


class _Cellen:
    def __init__(self, w: Weergave) -> None:
        self.w = w

    def aantal(self, n: int) -> Cel:
        return self.w.aantal(n) if self.w.verborgen(n) else n

    def afgeleid(self, waarde: Decimal | None, *aantallen: int) -> Cel:
        return None if self.w.verborgen(*aantallen) else _getal(waarde)


def _bereik(rijen: list[BereikRij], totaal: BereikRij, c: _Cellen, kop: str) -> list[Sequence[Cel]]:
    return [
        [kop, "Leerlingen", "Ingeschreven", "Deelnemers", "Bereik (%)"],
        *(
            [
                rij.naam,
                c.aantal(rij.leerlingen),
                c.aantal(rij.ingeschreven),
                c.aantal(rij.deelnemers),
                c.afgeleid(rij.bereik, rij.leerlingen, rij.deelnemers),
            ]
            for rij in [*rijen, totaal]
        ),
    ]


def bladen(cijfers: Bereikcijfers, *, onderdrukken: bool) -> dict[str, list[Sequence[Cel]]]:
    """The rows of every sheet, by sheet name (the first row is the header)."""
    c = _Cellen(Weergave(onderdrukken=onderdrukken))
    t, p, s = cijfers.totaal, cijfers.presentie, cijfers.bijeenkomsten
    return {
        "Kerncijfers": [
            ["Cijfer", "Waarde"],
            ["Periode", cijfers.periode.naam],
            ["Leerlingen", c.aantal(t.leerlingen)],
            ["Ingeschreven (geplaatst)", c.aantal(t.ingeschreven)],
            ["Deelnemers (minstens één keer aanwezig)", c.aantal(t.deelnemers)],
            ["Bereik (%)", c.afgeleid(t.bereik, t.leerlingen, t.deelnemers)],
            ["Uren per deelnemer per week", c.afgeleid(cijfers.uren_per_deelnemer_per_week, t.deelnemers)],
            ["Weken waarover gemiddeld", cijfers.weken],
            ["Weken met activiteiten", s.weken_geleverd],
            ["Aangeboden uren per week", _getal(cijfers.aangeboden_uren_per_week)],
            ["Bijeenkomsten gehouden", s.gehouden],
            ["Bijeenkomsten geannuleerd", s.geannuleerd],
            ["Uren gehouden", _getal(s.uren_gehouden)],
            ["Opkomst (%)", c.afgeleid(p.opkomst, p.geregistreerd)],
            ["Doorstroom (leerlingen)", c.aantal(cijfers.doorstroom.leerlingen)],
        ],
        "Per groep": _bereik(cijfers.per_groep, t, c, "Groep"),
        "Per jaargroep": _bereik(cijfers.per_jaargroep, t, c, "Jaargroep"),
        "Per ontwikkelgebied": [
            [
                "Ontwikkelgebied",
                "Activiteiten",
                "Bijeenkomsten gehouden",
                "Uren aanbod",
                "Ingeschreven",
                "Deelnemers",
                "Uren aanwezig",
            ],
            *(
                [
                    rij.naam,
                    rij.activiteiten,
                    rij.bijeenkomsten,
                    _getal(rij.uren_gehouden),
                    c.aantal(rij.ingeschreven),
                    c.aantal(rij.deelnemers),
                    c.afgeleid(rij.uren_aanwezig, rij.deelnemers),
                ]
                for rij in cijfers.per_gebied
            ),
        ],
        "Presentie": [
            ["Presentie", "Aantal", "Aandeel (%)"],
            *(
                [naam, c.aantal(n), c.afgeleid(deel(n, p.geregistreerd, factor=100), n, p.geregistreerd)]
                for naam, n in [
                    ("Aanwezig", p.aanwezig),
                    ("Afwezig met reden", p.afwezig_met_reden),
                    ("Afwezig zonder reden", p.afwezig),
                ]
            ),
            ["Totaal geregistreerd", c.aantal(p.geregistreerd), None],
        ],
        "Doorstroom": [
            ["Soort club", "Lidmaatschappen"],
            *([rij.naam, c.aantal(rij.aantal)] for rij in cijfers.doorstroom.per_soort),
            ["Leerlingen (uniek)", c.aantal(cijfers.doorstroom.leerlingen)],
        ],
    }


def bereik_xlsx(cijfers: Bereikcijfers, *, onderdrukken: bool) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for titel, rijen in bladen(cijfers, onderdrukken=onderdrukken).items():
        sheet = workbook.create_sheet(titel)
        breedtes: dict[int, int] = {}
        for r, rij in enumerate(rijen, start=1):
            for k, waarde in enumerate(rij, start=1):
                cel = sheet.cell(row=r, column=k)
                if isinstance(waarde, int | float):
                    cel.value = waarde
                elif waarde is not None:
                    cel.value = ILLEGAL_CHARACTERS_RE.sub("", escape_cell(waarde))
                    cel.data_type = "s"
                if r == 1:
                    cel.font = Font(bold=True)
                breedtes[k] = max(breedtes.get(k, 0), len(str(waarde or "")))
        for k, breedte in breedtes.items():
            sheet.column_dimensions[get_column_letter(k)].width = min(max(breedte + 2, 10), 50)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
