"""Pupil import: an EDEXML 2.1 file plus the guardian CSV, checked on upload, shown as a difference
with the database, and applied all-or-nothing after approval.

    start_import ─ parse and check (in the request) ─→ VALIDEREN
    task_compute_verschillen ─ store_verschillen ─────→ TE_BEOORDELEN (preview)
    approve_import ───────────────────────────────────→ VERWERKEN
    task_apply_import ─ process_import ─ apply_import ─→ VERWERKT, or MISLUKT with nothing saved

Privacy (reference/domain.md §1.3–1.4): the forbidden identifiers are dropped while the XML is
read. Their text is never collected, so it cannot reach the payload, the report, a log line or an
error message; only how many were dropped, per kind, is kept. Neither file is stored:
``Importbatch.gegevens`` holds the cleaned data until the batch is done, then it is emptied.

The preview and the apply share one planner (``_plan``) that compares the cleaned data with the
database in memory, so what was previewed is what is done, a second run of the same files plans
nothing, and the apply needs a handful of bulk queries per few hundred rows instead of one per row.

The parts, in the order a batch meets them:

- ``common``: limits, file names, the identifiers that are never kept, small helpers.
- ``safe_xml``: reading XML without DTDs or entities, dropping the forbidden identifiers.
- ``edexml``: the EDEXML file (school, groups, pupils, teachers).
- ``verzorgers_csv``: the guardian CSV.
- ``stand``: what the database holds (``_Stand``) and what the import would change (``_Plan``).
- ``plan`` and ``plan_verzorgers``: the planner.
- ``apply``: the all-or-nothing write.
- ``flow``: the services that move a batch through its states (upload, compare, approve, reject,
  process) and the progress in the cache.

This package re-exports the names the rest of the app uses, so callers write
``imports.start_import`` and need not know which part holds what.
"""

from gezinnen.imports.apply import apply_import
from gezinnen.imports.common import EDEXML, MAX_CSV_BYTES, MAX_EDEXML_BYTES, VERZORGERS
from gezinnen.imports.edexml import Edexml, check_school, parse_edexml
from gezinnen.imports.flow import (
    approve_import,
    build_gegevens,
    process_import,
    reject_import,
    start_import,
    store_verschillen,
    voortgang,
    voortgang_sleutel,
)
from gezinnen.imports.plan import SOORTEN_VERSCHIL, compute_verschillen, heeft_verschillen
from gezinnen.imports.verzorgers_csv import VerzorgersCsv, kolom_uitleg, parse_verzorgers_csv

__all__ = [
    "EDEXML",
    "MAX_CSV_BYTES",
    "MAX_EDEXML_BYTES",
    "SOORTEN_VERSCHIL",
    "VERZORGERS",
    "Edexml",
    "VerzorgersCsv",
    "apply_import",
    "approve_import",
    "build_gegevens",
    "check_school",
    "compute_verschillen",
    "heeft_verschillen",
    "kolom_uitleg",
    "parse_edexml",
    "parse_verzorgers_csv",
    "process_import",
    "reject_import",
    "start_import",
    "store_verschillen",
    "voortgang",
    "voortgang_sleutel",
]
