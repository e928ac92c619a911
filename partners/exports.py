"""CSV and XLSX export of the partner directory, with spreadsheet formula injection neutralised.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and in some programs a
tab or carriage return) as a formula; a partner named ``=HYPERLINK(...)`` would then run when a
colleague opens the export. Every text cell goes through :func:`escape_cell`, which puts a ``'``
in front, the OWASP advice that Excel and LibreOffice both honour.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.db.models import QuerySet
from django.http import QueryDict
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from familieschool.choices import Hulpdomein
from familieschool.models import School
from partners.models import Contactpersoon, Partner, PartnerSoort
from partners.selectors import PartnerFilter, zoek_partners

Cell = str | int
Row = list[Cell]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

KOPPEN = [
    "Naam",
    "Soort",
    "Hulpdomeinen",
    "Aanbod",
    "Leeftijd vanaf",
    "Leeftijd tot en met",
    "Kosten",
    "Stadspas",
    "Voorwaarden",
    "Adres",
    "Postcode",
    "Plaats",
    "Stadsdeel",
    "Wijk",
    "Website",
    "Telefoon",
    "E-mail",
    "Contactpersonen",
    "Werkt met onze school",
]

_WAAR = {"1", "true", "on", "ja"}
_MAX_ZOEKTEKST = 100


def escape_cell(value: object) -> str:
    """The text of a cell, with a leading ``'`` when a spreadsheet could read it as a formula.

    Leading whitespace does not help an attacker: spreadsheets skip it, so `` =1+1`` is checked
    as ``=1+1``."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES) or text.lstrip().startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def filter_from_querydict(querydict: QueryDict, *, mag_archief: bool = False) -> PartnerFilter:
    """The list page's filters from a query string. Bad values are dropped, never an error:
    a shared link with a stale or hand-edited filter still gives a result."""
    leeftijd: int | None
    try:
        leeftijd = int(querydict.get("leeftijd", "").strip())
    except ValueError:
        leeftijd = None
    if leeftijd is not None and not 0 <= leeftijd <= 99:
        leeftijd = None
    return PartnerFilter(
        q=querydict.get("q", "").strip()[:_MAX_ZOEKTEKST],
        soorten=[s for s in dict.fromkeys(querydict.getlist("soort")) if s in PartnerSoort.values],
        domeinen=[d for d in dict.fromkeys(querydict.getlist("domein")) if d in Hulpdomein.values],
        leeftijd=leeftijd,
        wijk=querydict.get("wijk", "").strip()[:_MAX_ZOEKTEKST],
        alleen_samenwerking=querydict.get("samenwerking", "").strip().lower() in _WAAR,
        met_archief=mag_archief and querydict.get("archief", "").strip().lower() in _WAAR,
    )


def partners_for_export(*, school: School, filters: PartnerFilter) -> QuerySet[Partner]:
    """The list page's result with the contact persons, in two queries."""
    return zoek_partners(school=school, filters=filters).prefetch_related("contactpersonen")


def _ja_nee(value: bool) -> str:
    return "ja" if value else "nee"


def _contact(contact: Contactpersoon) -> str:
    """ "naam (functie) telefoon e-mail", leaving out what is not known."""
    delen = [str(contact), contact.telefoon, contact.email]
    return " ".join(deel for deel in delen if deel)


def _partner_row(partner: Partner) -> Row:
    return [
        partner.naam,
        partner.get_soort_display(),
        "; ".join(partner.domein_labels),
        partner.aanbod,
        "" if partner.leeftijd_van is None else partner.leeftijd_van,
        "" if partner.leeftijd_tot is None else partner.leeftijd_tot,
        partner.kosten,
        _ja_nee(partner.gratis_met_stadspas),
        partner.voorwaarden,
        partner.adres,
        partner.postcode,
        partner.plaats,
        partner.stadsdeel,
        partner.wijk,
        partner.website,
        partner.telefoon,
        partner.email,
        "; ".join(_contact(c) for c in partner.contactpersonen.all()),
        _ja_nee(bool(getattr(partner, "werkt_met_school", False))),
    ]


def partner_rows(partners: Iterable[Partner]) -> list[Row]:
    """A header and one row per partner. ``werkt_met_school`` comes from ``zoek_partners``."""
    return [list(KOPPEN), *(_partner_row(partner) for partner in partners)]


def write_csv(rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte order mark and ``;`` between fields: what Excel with Dutch settings
    opens without an import wizard. Quoting is RFC 4180 (only where needed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([escape_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


_MIN_BREEDTE, _MAX_BREEDTE = 8, 60


def write_xlsx(rows: Iterable[Sequence[Cell]]) -> bytes:
    """One sheet, bold frozen header, columns sized to their content. Text is escaped like the
    CSV and stored as a string cell, so nothing in it is ever evaluated as a formula."""
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new Workbook always has one; this tells the type checker
        raise TypeError("Geen werkblad")
    sheet.title = "Partners"
    breedtes: dict[int, int] = {}
    for row_index, row in enumerate(rows, start=1):
        for col_index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=col_index)
            if isinstance(value, int) and not isinstance(value, bool):
                cell.value = value
            else:
                # openpyxl refuses control characters other than tab, LF and CR.
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", escape_cell(value))
                cell.data_type = "s"
            if row_index == 1:
                cell.font = Font(bold=True)
            else:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            langste = max((len(regel) for regel in str(cell.value).splitlines()), default=0)
            breedtes[col_index] = max(breedtes.get(col_index, 0), langste)
    for col_index, breedte in breedtes.items():
        sheet.column_dimensions[get_column_letter(col_index)].width = min(max(breedte + 2, _MIN_BREEDTE), _MAX_BREEDTE)
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
