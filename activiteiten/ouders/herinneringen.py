"""The message outbox of the parent activities (issue 7 points 2, 3 and 8; security-reliability.md
§5.1 and §6.14; docs/herinneringen.md).

PostgreSQL is the source of truth, Redis only the transport:

* ``plan_uitnodigingen``, ``annuleer`` and ``wijziging`` only write ``Herinnering`` rows inside the
  caller's transaction (a rollback leaves nothing) and kick the sweeper with ``on_commit``.
* ``sweep`` (Celery beat, once a minute; one at a time through an advisory lock) claims due rows
  with ``SELECT … FOR UPDATE SKIP LOCKED``: status ``bezig``, a lease, ``pogingen + 1``, and queues
  one send task per row after commit. A row whose lease ran out (a worker died, Redis lost the
  message) is claimed again; after ``MAX_POGINGEN`` claims it is ``mislukt``, never requeued
  forever.
* ``verstuur`` (the send task) locks the row, does nothing unless the claim is still this one,
  sends, and marks it ``verstuurd`` in the same transaction. A transient failure puts the row back
  to ``gepland`` with an exponential backoff. The only window for a duplicate is a worker killed
  between the mail server's "accepted" and the commit; the Message-ID is derived from the row, so
  the retry is recognisably the same message.

No Celery ETA or countdown is used anywhere here (REL-09): "later" is ``verstuur_op`` in the table.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from activiteiten.models import (
    Herinnering,
    HerinneringStatus,
    Ouderactiviteit,
    Uitnodiging,
    UitnodigingStatus,
)
from activiteiten.ouders import berichten, sms
from gezinnen.models import Kanaal

logger = logging.getLogger(__name__)

KANALEN = (Kanaal.EMAIL, Kanaal.SMS)  # paper and telephone invitations get no outbox rows
MAX_POGINGEN = 5
MAX_BACKOFF = dt.timedelta(hours=6)
# The same key in every process: pg_try_advisory_xact_lock takes a bigint.
SWEEP_LOCK = zlib.crc32(b"activiteiten.ouders.herinneringen.sweep")
OPEN = (HerinneringStatus.GEPLAND, HerinneringStatus.BEZIG)


def herinneringsdagen() -> tuple[int, ...]:
    """Days before the activity a reminder goes out (setting FAMILIESCHOOL_HERINNERINGEN_DAGEN)."""
    return tuple(sorted(set(getattr(settings, "FAMILIESCHOOL_HERINNERINGEN_DAGEN", (7, 1))), reverse=True))


def herinneringstijd() -> dt.time:
    """The time of day (school time) reminders go out: not at night."""
    return getattr(settings, "FAMILIESCHOOL_HERINNERINGEN_TIJD", dt.time(10, 0))


def lease() -> dt.timedelta:
    """How long a claim holds before the sweeper takes the row again. Far longer than a send may
    take (the task's time limit), so a live claim is never taken over."""
    return dt.timedelta(seconds=getattr(settings, "FAMILIESCHOOL_HERINNERINGEN_LEASE_SECONDEN", 600))


def backoff(pogingen: int) -> dt.timedelta:
    """1, 2, 4, 8 … times the base (one minute by default), at most six hours."""
    basis = getattr(settings, "FAMILIESCHOOL_HERINNERINGEN_BACKOFF_SECONDEN", 60)
    return min(dt.timedelta(seconds=basis * 2 ** max(pogingen - 1, 0)), MAX_BACKOFF)


def _moment_voor(activiteit: Ouderactiviteit, dagen: int) -> dt.datetime:
    dag = activiteit.datum - dt.timedelta(days=dagen)
    return timezone.make_aware(dt.datetime.combine(dag, herinneringstijd()))


def _kick_sweep() -> None:
    """Send what is due now instead of at the next beat (after commit; beat catches up if lost)."""
    from activiteiten.ouders.tasks import task_sweep_herinneringen

    def kick() -> None:
        try:
            task_sweep_herinneringen.delay()
        except Exception:  # the broker is down: the next beat finds the rows anyway
            logger.warning("herinneringen: sweeper niet aangestoten (broker onbereikbaar?)", exc_info=True)

    transaction.on_commit(kick)


# --- the interface for the staff side (activiteiten.ouders.services) ----------------------------


def plan_uitnodigingen(uitnodigingen: Iterable[Uitnodiging], *, nu: dt.datetime | None = None) -> None:
    """Create the send row of each invitation (due now) and its reminders at the configured days
    before the activity, for e-mail and SMS invitations only. A reminder moment that has passed
    already is left out. Idempotent: planning an invitation twice adds nothing (unique per
    moment). Side effect after commit: the sweeper is kicked."""
    nu = nu or timezone.now()
    rijen: list[Herinnering] = []
    for uitnodiging in uitnodigingen:
        if uitnodiging.kanaal not in KANALEN:
            continue
        activiteit = uitnodiging.ouderactiviteit
        if activiteit.is_geannuleerd:
            continue
        rijen.append(
            Herinnering(uitnodiging=uitnodiging, moment="uitnodiging", kanaal=uitnodiging.kanaal, verstuur_op=nu)
        )
        for dagen in herinneringsdagen():
            moment = _moment_voor(activiteit, dagen)
            if moment > nu:
                rijen.append(
                    Herinnering(
                        uitnodiging=uitnodiging, moment=f"dagen-{dagen}", kanaal=uitnodiging.kanaal, verstuur_op=moment
                    )
                )
    if rijen:
        Herinnering.objects.bulk_create(rijen, ignore_conflicts=True)
        _kick_sweep()


def _informeer(activiteit: Ouderactiviteit, moment: str, nu: dt.datetime) -> int:
    """Queue ``moment`` for every e-mail/SMS invitation whose invitation has gone out (or is going
    out): someone whose invitation is still waiting gets the current details in it anyway."""
    uitnodigingen = Uitnodiging.objects.filter(
        ouderactiviteit=activiteit,
        kanaal__in=KANALEN,
        herinneringen__moment="uitnodiging",
        herinneringen__status__in=(HerinneringStatus.VERSTUURD, HerinneringStatus.BEZIG),
    ).only("pk", "kanaal")
    rijen = [Herinnering(uitnodiging=u, moment=moment, kanaal=u.kanaal, verstuur_op=nu) for u in uitnodigingen]
    Herinnering.objects.bulk_create(rijen, ignore_conflicts=True)
    if rijen:
        _kick_sweep()
    return len(rijen)


def _open_rijen(activiteit: Ouderactiviteit, *, status: Iterable[str]) -> list[Herinnering]:
    """Open rows of the activity, locked; a row being sent at this moment (locked by its task) is
    skipped rather than waited for, so the caller's request never hangs on a mail server."""
    return list(
        Herinnering.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(uitnodiging__ouderactiviteit=activiteit, status__in=list(status))
        .exclude(moment="annulering")
    )


def annuleer(ouderactiviteit: Ouderactiviteit, *, nu: dt.datetime | None = None) -> int:
    """The activity is cancelled (the caller has set ``geannuleerd_op``): cancel every message not
    yet sent, and queue an "annulering" message to everyone whose invitation went out by e-mail or
    SMS. Returns the number of cancellation messages queued. Side effect after commit: the
    sweeper is kicked."""
    nu = nu or timezone.now()
    open_rijen = _open_rijen(ouderactiviteit, status=OPEN)
    Herinnering.objects.filter(pk__in=[r.pk for r in open_rijen]).update(
        status=HerinneringStatus.GEANNULEERD, geclaimd_tot=None, fout="Activiteit geannuleerd."
    )
    return _informeer(ouderactiviteit, "annulering", nu)


def wijziging(ouderactiviteit: Ouderactiviteit, *, nu: dt.datetime | None = None) -> int:
    """The date or a time changed (the caller has raised ``versie``): queue "wijziging-<versie>" to
    everyone whose invitation went out by e-mail or SMS, and move the pending reminders to the
    new date; a reminder whose new moment has passed is cancelled (the update says it all).
    Returns the number of update messages queued. Side effect after commit: the sweeper is
    kicked."""
    nu = nu or timezone.now()
    verplaatst: list[Herinnering] = []
    vervallen: list[int] = []
    for rij in _open_rijen(ouderactiviteit, status=[HerinneringStatus.GEPLAND]):
        soort, dagen = berichten.soort_van(rij.moment)
        if soort != "herinnering" or dagen is None:
            continue
        rij.verstuur_op = _moment_voor(ouderactiviteit, dagen)
        if rij.verstuur_op > nu:
            verplaatst.append(rij)
        else:
            vervallen.append(rij.pk)
    Herinnering.objects.bulk_update(verplaatst, ["verstuur_op"])
    Herinnering.objects.filter(pk__in=vervallen).update(
        status=HerinneringStatus.GEANNULEERD, fout="Moment verstreken door de wijziging."
    )
    return _informeer(ouderactiviteit, f"wijziging-{ouderactiviteit.versie}", nu)


# --- the sweeper -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    herinnering_id: int
    poging: int


def claim_due(*, nu: dt.datetime, batch: int, duur: dt.timedelta | None = None) -> list[Claim]:
    """Claim at most ``batch`` due rows (planned and due, or claimed with an expired lease) with
    FOR UPDATE SKIP LOCKED, in the caller's transaction. Fewer when rows claimed earlier are still
    in flight: Redis never holds more than ``batch`` send tasks of ours. A row that reached
    MAX_POGINGEN becomes ``mislukt`` instead."""
    in_vlucht = Herinnering.objects.filter(status=HerinneringStatus.BEZIG, geclaimd_tot__gte=nu).count()
    ruimte = batch - in_vlucht
    if ruimte <= 0:
        return []
    rijen = list(
        Herinnering.objects.select_for_update(skip_locked=True)
        .filter(
            Q(status=HerinneringStatus.GEPLAND, verstuur_op__lte=nu)
            | Q(status=HerinneringStatus.BEZIG, geclaimd_tot__lt=nu)
        )
        .order_by("verstuur_op", "pk")
        .only("pk", "pogingen", "fout")[:ruimte]
    )
    opgegeven = [r for r in rijen if r.pogingen >= MAX_POGINGEN]
    for rij in opgegeven:
        logger.error("herinnering %s: gestopt na %s pogingen", rij.pk, rij.pogingen)
        Herinnering.objects.filter(pk=rij.pk).update(
            status=HerinneringStatus.MISLUKT,
            geclaimd_tot=None,
            fout=f"Gestopt na {rij.pogingen} pogingen. {rij.fout}".strip(),
        )
    _markeer_uitnodiging_mislukt([r.pk for r in opgegeven])
    claims = [Claim(r.pk, r.pogingen + 1) for r in rijen if r.pogingen < MAX_POGINGEN]
    Herinnering.objects.filter(pk__in=[c.herinnering_id for c in claims]).update(
        status=HerinneringStatus.BEZIG, geclaimd_tot=nu + (duur or lease()), pogingen=F("pogingen") + 1
    )
    return claims


def _enqueue(claims: list[Claim]) -> None:
    from activiteiten.ouders.tasks import task_verstuur_herinnering

    for claim in claims:
        try:
            task_verstuur_herinnering.delay(herinnering_id=claim.herinnering_id, poging=claim.poging)
        except Exception:
            # The broker is down: the rows stay claimed and are taken again when the lease ends.
            logger.warning("herinneringen: %s taken niet in de wachtrij gezet", len(claims), exc_info=True)
            return


def sweep(*, now: dt.datetime | None = None, batch: int | None = None, duur: dt.timedelta | None = None) -> int:
    """Claim due rows and queue one send task per row after commit. Only one sweep runs at a time
    (a transaction-scoped advisory lock): a second beat, or a kick during a beat, returns 0.
    ``batch`` (setting FAMILIESCHOOL_HERINNERINGEN_BATCH, 100) bounds the send tasks in flight.
    Returns the number of rows claimed."""
    now = now or timezone.now()
    grootte: int = getattr(settings, "FAMILIESCHOOL_HERINNERINGEN_BATCH", 100) if batch is None else batch
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SWEEP_LOCK])
            if not cursor.fetchone()[0]:
                return 0
        claims = claim_due(nu=now, batch=grootte, duur=duur)
        if claims:
            transaction.on_commit(lambda: _enqueue(claims))
    return len(claims)


# --- sending one message -------------------------------------------------------------------------


class PermanenteFout(Exception):
    """Retrying cannot help (no address, an invalid number): the row is mislukt at once."""


def _markeer_uitnodiging_mislukt(herinnering_ids: list[int]) -> None:
    if herinnering_ids:
        Uitnodiging.objects.filter(herinneringen__pk__in=herinnering_ids, herinneringen__moment="uitnodiging").update(
            status=UitnodigingStatus.MISLUKT
        )


def _verstuur_email(herinnering: Herinnering) -> None:
    verzorger = herinnering.uitnodiging.verzorger
    if verzorger is None or not verzorger.email:
        raise PermanenteFout("Geen e-mailadres bekend.")
    bericht = berichten.email(herinnering)
    EmailMessage(
        subject=bericht.onderwerp,
        body=bericht.tekst,
        to=[verzorger.email],
        headers={
            "Message-ID": herinnering.message_id,
            "Content-Language": ", ".join(bericht.talen),
            "Auto-Submitted": "auto-generated",
        },
    ).send()


def _verstuur_sms(herinnering: Herinnering) -> None:
    verzorger = herinnering.uitnodiging.verzorger
    if verzorger is None or not verzorger.telefoon:
        raise PermanenteFout("Geen telefoonnummer bekend.")
    try:
        sms.send_sms(
            to=verzorger.telefoon,
            text=berichten.sms_tekst(herinnering).tekst,
            idempotency_key=herinnering.message_id.strip("<>"),
        )
    except sms.OngeldigNummer as fout:
        raise PermanenteFout(str(fout)) from fout


def verstuur(*, herinnering_id: int, poging: int | None = None) -> str:
    """Send one claimed row, exactly once as far as this database can tell. Locks the row for the
    whole send, so the sweeper (SKIP LOCKED) and a redelivered copy of this task wait or pass it by,
    and marks it sent in the same transaction. Returns what happened (for the task's result and
    the logs): "weg", "klaar", "niet-geclaimd", "verstuurd", "opnieuw" or "mislukt"."""
    with transaction.atomic():
        herinnering = (
            Herinnering.objects.select_for_update(of=("self",))
            .select_related("uitnodiging__verzorger", "uitnodiging__ouderactiviteit__school")
            .filter(pk=herinnering_id)
            .first()
        )
        if herinnering is None:
            return "weg"
        if herinnering.status not in OPEN:
            return "klaar"  # sent, cancelled or given up: a late or redelivered copy does nothing
        if herinnering.status != HerinneringStatus.BEZIG or (poging is not None and herinnering.pogingen != poging):
            return "niet-geclaimd"  # the lease ran out and the row was claimed again, or backed off
        nu = timezone.now()
        activiteit = herinnering.uitnodiging.ouderactiviteit
        if activiteit.is_geannuleerd and herinnering.moment != "annulering":
            herinnering.status = HerinneringStatus.GEANNULEERD
            herinnering.geclaimd_tot = None
            herinnering.save(update_fields=["status", "geclaimd_tot"])
            return "klaar"
        try:
            if herinnering.kanaal == Kanaal.SMS:
                _verstuur_sms(herinnering)
            else:
                _verstuur_email(herinnering)
        except PermanenteFout as fout:
            herinnering.status = HerinneringStatus.MISLUKT
            herinnering.fout = str(fout)
            herinnering.geclaimd_tot = None
            herinnering.save(update_fields=["status", "fout", "geclaimd_tot"])
            _markeer_uitnodiging_mislukt([herinnering.pk])
            return "mislukt"
        except Exception as fout:
            # Transient (smtplib.SMTPException, OSError, sms.SmsFout, the soft time limit) or a bug:
            # try again later, at most MAX_POGINGEN claims in all.
            logger.warning("herinnering %s: poging %s mislukt: %r", herinnering.pk, herinnering.pogingen, fout)
            herinnering.fout = f"{type(fout).__name__}: {fout}"[:2000]
            herinnering.geclaimd_tot = None
            if herinnering.pogingen >= MAX_POGINGEN:
                herinnering.status = HerinneringStatus.MISLUKT
                herinnering.fout = f"Gestopt na {herinnering.pogingen} pogingen. {herinnering.fout}"
                herinnering.save(update_fields=["status", "fout", "geclaimd_tot"])
                _markeer_uitnodiging_mislukt([herinnering.pk])
                return "mislukt"
            herinnering.status = HerinneringStatus.GEPLAND
            herinnering.verstuur_op = nu + backoff(herinnering.pogingen)
            herinnering.save(update_fields=["status", "fout", "geclaimd_tot", "verstuur_op"])
            return "opnieuw"
        herinnering.status = HerinneringStatus.VERSTUURD
        herinnering.verstuurd_op = timezone.now()
        herinnering.geclaimd_tot = None
        herinnering.fout = ""
        herinnering.save(update_fields=["status", "verstuurd_op", "geclaimd_tot", "fout"])
        if herinnering.moment == "uitnodiging":
            Uitnodiging.objects.filter(pk=herinnering.uitnodiging_id).update(
                status=UitnodigingStatus.VERSTUURD, verstuurd_op=herinnering.verstuurd_op
            )
        return "verstuurd"


# --- the status page (views_herinneringen) -------------------------------------------------------


def herinneringen_van(ouderactiviteit: Ouderactiviteit) -> QuerySet[Herinnering]:
    """The outbox rows of one activity with their guardian, in sending order (one query)."""
    return (
        Herinnering.objects.filter(uitnodiging__ouderactiviteit=ouderactiviteit)
        .select_related("uitnodiging__verzorger")
        .order_by("verstuur_op", "pk")
    )


def telling_per_status(ouderactiviteit: Ouderactiviteit) -> dict[str, int]:
    """Rows per status for one activity, every status present (one query)."""
    telling = dict.fromkeys(HerinneringStatus.values, 0)
    rijen = (
        Herinnering.objects.filter(uitnodiging__ouderactiviteit=ouderactiviteit)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    telling.update({rij["status"]: rij["n"] for rij in rijen})
    return telling
