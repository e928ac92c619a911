"""The flow of a batch, as services: upload (``start_import``), compare for the preview
(``store_verschillen``), ``approve_import`` or ``reject_import``, and apply (``process_import``).
The tasks in gezinnen.tasks call the compare and the apply; progress goes to the cache.

Neither file is stored: ``Importbatch.gegevens`` holds the cleaned data (``build_gegevens``) until
the batch is done, then it is emptied."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

import pghistory
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from familieschool.models import School, Schooljaar, User
from gezinnen.imports.apply import apply_import
from gezinnen.imports.common import MAX_CSV_BYTES, MAX_EDEXML_BYTES, MAX_OPMERKINGEN, VOORTGANG_TIMEOUT, Voortgang
from gezinnen.imports.edexml import Edexml, check_school, parse_edexml
from gezinnen.imports.plan import compute_verschillen
from gezinnen.imports.verzorgers_csv import VerzorgersCsv, parse_verzorgers_csv
from gezinnen.models import Importbatch

logger = logging.getLogger(__name__)


# --- the payload -------------------------------------------------------------------------------


def build_gegevens(edexml: Edexml, verzorgers: VerzorgersCsv | None) -> dict[str, Any]:
    """The cleaned, JSON-serialisable data kept in ``Importbatch.gegevens`` until the batch is done."""
    return {
        "school": {"brin": edexml.brin, "vestiging": edexml.vestiging, "schooljaar": edexml.schooljaar},
        "groepen": edexml.groepen,
        "leerlingen": edexml.leerlingen,
        "leerkrachten": edexml.leerkrachten,
        "sleutels": edexml.sleutels,
        "verzorgers": verzorgers.rijen if verzorgers is not None else None,
    }


def _weggelaten_lijst(*tellers: Counter[str]) -> list[dict[str, Any]]:
    """[{veld, aantal}]: what was dropped, per kind (never a value)."""
    totaal: Counter[str] = Counter()
    for teller in tellers:
        totaal.update(teller)
    return [{"veld": veld, "aantal": aantal} for veld, aantal in sorted(totaal.items())]


def voortgang_sleutel(batch_id: int) -> str:
    return f"import:{batch_id}:voortgang"


def voortgang(batch: Importbatch) -> dict[str, Any]:
    """{klaar, totaal, fase, procent} of a running batch. Kept in the cache (Redis), not in the
    database: the batch row is part of the open transaction while the import runs."""
    waarde = cache.get(voortgang_sleutel(batch.pk)) or {}
    klaar, totaal = int(waarde.get("klaar", 0)), int(waarde.get("totaal", 0))
    return {
        "klaar": klaar,
        "totaal": totaal,
        "fase": waarde.get("fase", "wachten"),
        "procent": min(100, round(100 * klaar / totaal)) if totaal else 0,
    }


def _voortgang_naar_cache(batch_id: int, fase: str) -> Voortgang:
    def melden(klaar: int, totaal: int) -> None:
        cache.set(voortgang_sleutel(batch_id), {"klaar": klaar, "totaal": totaal, "fase": fase}, VOORTGANG_TIMEOUT)

    return melden


def _lees_upload(bestand: UploadedFile, *, maximum: int, veld: str, soort: str) -> bytes:
    if (bestand.size or 0) > maximum:
        raise ValidationError({veld: f"Het {soort} is groter dan {maximum // (1024 * 1024)} MB."})
    data = bestand.read(maximum + 1)
    if len(data) > maximum:
        raise ValidationError({veld: f"Het {soort} is groter dan {maximum // (1024 * 1024)} MB."})
    return data


@transaction.atomic
def start_import(
    *, school: School, user: User, edexml: UploadedFile, verzorgers: UploadedFile | None = None
) -> Importbatch:
    """Read and check both files now (that is quick) and keep only the cleaned data; the
    comparison with the database runs as a task after commit.

    Raises ``ValidationError`` keyed by ``edexml`` or ``verzorgers`` for a file that cannot be
    used as a whole (not XML, another school, missing columns). Side effects: queues
    ``task_compute_verschillen`` after commit."""
    from gezinnen import tasks  # tasks imports this module

    try:
        bestand = parse_edexml(_lees_upload(edexml, maximum=MAX_EDEXML_BYTES, veld="edexml", soort="EDEXML-bestand"))
        check_school(bestand, school=school)
    except ValidationError as error:
        raise ValidationError({"edexml": error.messages}) from error
    lijst: VerzorgersCsv | None = None
    if verzorgers is not None:
        try:
            data = _lees_upload(verzorgers, maximum=MAX_CSV_BYTES, veld="verzorgers", soort="verzorgersbestand")
            lijst = parse_verzorgers_csv(data, edexml=bestand)
        except ValidationError as error:
            raise ValidationError({"verzorgers": error.messages}) from error
    begin, einde = Schooljaar.grenzen(bestand.schooljaar)
    schooljaar, _ = Schooljaar.objects.get_or_create(
        startjaar=bestand.schooljaar, defaults={"begindatum": begin, "einddatum": einde}
    )
    afgewezen = bestand.afgewezen + (lijst.afgewezen if lijst else [])
    batch = Importbatch.objects.create(
        school=school,
        schooljaar=schooljaar,
        status=Importbatch.Status.VALIDEREN,
        edexml_naam=(edexml.name or "edexml.xml")[:255],
        verzorgers_naam=(verzorgers.name or "verzorgers.csv")[:255] if verzorgers is not None else "",
        geupload_door=user,
        gegevens=build_gegevens(bestand, lijst),
        afgewezen_regels=afgewezen,
        samenvatting={
            "schooljaar": str(schooljaar),
            "weggelaten": _weggelaten_lijst(bestand.weggelaten, lijst.weggelaten if lijst else Counter()),
            "opmerkingen": (bestand.opmerkingen + (lijst.opmerkingen if lijst else []))[:MAX_OPMERKINGEN],
            "genegeerde_kolommen": lijst.genegeerde_kolommen if lijst else [],
            "afgewezen_regels": len(afgewezen),
        },
    )
    logger.info(
        "Import %s gestart: %d leerlingen, %d verzorgerregels, %d afgewezen regels",
        batch.pk,
        len(bestand.leerlingen),
        len(lijst.rijen) if lijst else 0,
        len(afgewezen),
    )
    _voortgang_naar_cache(batch.pk, "vergelijken")(0, 0)
    transaction.on_commit(lambda: tasks.task_compute_verschillen.delay(batch_id=batch.pk))
    return batch


MISLUKT_VERGELIJKEN = (
    "De vergelijking met de gegevens in Familieschool is mislukt; er is niets veranderd. "
    "Upload de bestanden opnieuw. Blijft het misgaan, neem dan contact op met de functioneel beheerder."
)
MISLUKT_VERWERKEN = (
    "Het verwerken is mislukt; er is niets opgeslagen. Upload de bestanden opnieuw. "
    "Blijft het misgaan, neem dan contact op met de functioneel beheerder."
)


def _mislukt(batch: Importbatch, melding: str, error: Exception) -> None:
    # The exception text can quote database values; the log gets only its type.
    logger.error("Import %s mislukt: %s", batch.pk, type(error).__name__)
    Importbatch.objects.filter(pk=batch.pk).update(status=Importbatch.Status.MISLUKT, foutmelding=melding, gegevens={})
    batch.refresh_from_db()


def store_verschillen(*, batch: Importbatch) -> Importbatch:
    """Compare a checked batch with the database and put it up for approval (TE_BEOORDELEN)."""
    if batch.status != Importbatch.Status.VALIDEREN:
        return batch
    melden = _voortgang_naar_cache(batch.pk, "vergelijken")
    try:
        with transaction.atomic():
            verschillen, aantallen = compute_verschillen(batch)
            batch.verschillen = verschillen
            batch.samenvatting = {**batch.samenvatting, **aantallen}
            batch.status = Importbatch.Status.TE_BEOORDELEN
            batch.save(update_fields=["verschillen", "samenvatting", "status"])
    except Exception as error:  # any failure leaves the batch visible as failed, not stuck
        _mislukt(batch, MISLUKT_VERGELIJKEN, error)
        return batch
    melden(1, 1)
    return batch


@transaction.atomic
def approve_import(*, batch: Importbatch, user: User) -> Importbatch:
    """Approve a previewed batch; it is applied by a task after commit.

    Side effects: queues ``task_apply_import`` after commit."""
    from gezinnen import tasks  # tasks imports this module

    batch = Importbatch.objects.select_for_update().defer("gegevens").get(pk=batch.pk)
    if batch.status != Importbatch.Status.TE_BEOORDELEN:
        raise ValidationError("Deze import wacht niet (meer) op goedkeuring.")
    if Importbatch.objects.filter(school_id=batch.school_id, status=Importbatch.Status.VERWERKEN).exists():
        raise ValidationError("Er wordt al een import voor deze school verwerkt. Wacht tot die klaar is.")
    batch.status = Importbatch.Status.VERWERKEN
    batch.goedgekeurd_door = user
    batch.goedgekeurd_op = timezone.now()
    batch.save(update_fields=["status", "goedgekeurd_door", "goedgekeurd_op"])
    _voortgang_naar_cache(batch.pk, "verwerken")(0, 0)
    transaction.on_commit(lambda: tasks.task_apply_import.delay(batch_id=batch.pk))
    return batch


@transaction.atomic
def reject_import(*, batch: Importbatch, user: User) -> Importbatch:
    """Do not import this batch; its cleaned data is deleted, the report stays."""
    batch = Importbatch.objects.select_for_update().defer("gegevens").get(pk=batch.pk)
    if batch.status != Importbatch.Status.TE_BEOORDELEN:
        raise ValidationError("Deze import wacht niet (meer) op goedkeuring.")
    batch.status = Importbatch.Status.AFGEWEZEN
    batch.gegevens = {}
    batch.save(update_fields=["status", "gegevens"])
    logger.info("Import %s afgewezen door gebruiker %s", batch.pk, user.pk)
    return batch


def process_import(*, batch: Importbatch) -> Importbatch:
    """Apply an approved batch. On any failure nothing is saved (one transaction) and the batch
    is marked MISLUKT with a Dutch message; its data is deleted either way."""
    if batch.status != Importbatch.Status.VERWERKEN:
        return batch
    try:
        with pghistory.context(importbatch=batch.pk, user=batch.goedgekeurd_door_id):
            apply_import(batch, progress=_voortgang_naar_cache(batch.pk, "verwerken"))
    except Exception as error:  # all-or-nothing: report, do not re-raise into a retry loop
        _mislukt(batch, MISLUKT_VERWERKEN, error)
        return batch
    logger.info("Import %s verwerkt", batch.pk)
    return batch
