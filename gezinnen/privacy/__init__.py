"""The privacy duties for pupils and families (AVG): the export of everything the app holds about
one family for an access request (art. 15), as JSON and as an A4 PDF, and the retention purge that
anonymises pupils, families and guardians who left longer ago than the retention period.

- ``export``: the export as a dict and as JSON, and the registry where other apps add their part.
- ``pdf``: the same export as an A4 PDF.
- ``retention``: the purge, and the report of what it would anonymise now (the decisions about
  what is kept and what is cleared are in its docstring and in docs/architecture.md).

This package re-exports the names the rest of the app uses, so callers write
``privacy.gezin_export`` and need not know which part holds what.
"""

from gezinnen.privacy.export import (
    FORMAAT,
    VASTE_ONDERDELEN,
    ExportPart,
    _export_parts,
    gezin_export,
    gezin_export_json,
    register_export_part,
)
from gezinnen.privacy.pdf import INZAGEVERZOEK_CSS, gezin_export_pdf
from gezinnen.privacy.retention import (
    ANONIEM,
    ANONIEM_GEZIN,
    Bewaarrapport,
    anonimiseer_vertrokken,
    bewaartermijn_grens,
    register_anonimiseer_part,
    te_anonimiseren,
)

__all__ = [
    "ANONIEM",
    "ANONIEM_GEZIN",
    "FORMAAT",
    "INZAGEVERZOEK_CSS",
    "VASTE_ONDERDELEN",
    "Bewaarrapport",
    "ExportPart",
    "_export_parts",  # the registry itself: a test registers a part and takes it out again
    "anonimiseer_vertrokken",
    "bewaartermijn_grens",
    "gezin_export",
    "gezin_export_json",
    "gezin_export_pdf",
    "register_anonimiseer_part",
    "register_export_part",
    "te_anonimiseren",
]
