"""The message outbox of the parent activities: planning, cancel and change, the sweeper (claims,
leases, the attempts cap), the send task (backoff, idempotence), the texts in the parents'
languages and the SMS backend. The real worker, Redis and SMTP server are in
test_herinneringen_integratie.py."""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import threading
import zoneinfo
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from activiteiten.models import Herinnering, HerinneringStatus, Ouderactiviteit, Uitnodiging, UitnodigingStatus
from activiteiten.ouders import berichten, herinneringen, sms, tasks
from gezinnen.models import Kanaal
from tests.conftest import zonder_tokens
from tests.factories import SchoolFactory, UserFactory
from tests.gezinnen.factories import VerzorgerFactory

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
NU = dt.datetime(2026, 12, 1, 9, 0, tzinfo=AMS)
DATUM = dt.date(2026, 12, 20)  # a Sunday


def maak_activiteit(school=None, **kwargs) -> Ouderactiviteit:
    school = school or SchoolFactory(naam="OBS Zonnewijzer")
    waarden = {
        "school": school,
        "soort": "ontmoeten",
        "titel": "Ouders ontmoeten Ouders",
        "thema": "Opvoeden in twee talen",
        "datum": DATUM,
        "inloop": dt.time(18, 0),
        "diner": dt.time(18, 30),
        "begintijd": dt.time(19, 0),
        "eindtijd": dt.time(20, 0),
        "locatie": "Ouderkamer",
        "kinderopvang": True,
        "tolktalen": ["ar", "tr"],
        "aangemaakt_door": UserFactory(),
    }
    return Ouderactiviteit.objects.create(**(waarden | kwargs))


def nodig_uit(activiteit, *, kanaal=Kanaal.EMAIL, taal="nl", aantal=1, **verzorger) -> list[Uitnodiging]:
    return [
        Uitnodiging.objects.create(
            ouderactiviteit=activiteit,
            verzorger=VerzorgerFactory(school=activiteit.school, telefoon="06-12345678", **verzorger),
            taal=taal,
            kanaal=kanaal,
            uitgenodigd_door=activiteit.aangemaakt_door,
        )
        for _ in range(aantal)
    ]


def rijen(**filters) -> dict[str, Herinnering]:
    return {h.moment: h for h in Herinnering.objects.filter(**filters)}


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_dicht(settings):
    """Django's SMTP backend pointed at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", vrije_poort()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def sms_map(settings, tmp_path) -> Path:
    settings.FAMILIESCHOOL_SMS_BACKEND = "activiteiten.ouders.sms.FileBackend"
    settings.FAMILIESCHOOL_SMS_DIR = tmp_path / "sms"
    return tmp_path / "sms"


# --- planning --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_plan_uitnodigingen_creates_the_send_row_and_reminders_at_the_configured_days():
    (uitnodiging,) = nodig_uit(maak_activiteit())

    herinneringen.plan_uitnodigingen([uitnodiging], nu=NU)

    per_moment = rijen(uitnodiging=uitnodiging)
    assert set(per_moment) == {"uitnodiging", "dagen-7", "dagen-1"}
    assert per_moment["uitnodiging"].verstuur_op == NU
    assert per_moment["dagen-7"].verstuur_op == dt.datetime(2026, 12, 13, 10, 0, tzinfo=AMS)
    assert per_moment["dagen-1"].verstuur_op == dt.datetime(2026, 12, 19, 10, 0, tzinfo=AMS)
    assert {h.status for h in per_moment.values()} == {HerinneringStatus.GEPLAND}
    assert {h.kanaal for h in per_moment.values()} == {Kanaal.EMAIL}


@pytest.mark.django_db
def test_plan_uitnodigingen_follows_the_setting_and_skips_moments_already_past(settings):
    settings.FAMILIESCHOOL_HERINNERINGEN_DAGEN = [14, 3]
    (uitnodiging,) = nodig_uit(maak_activiteit(), kanaal=Kanaal.SMS)

    herinneringen.plan_uitnodigingen([uitnodiging], nu=NU)  # 19 days before: both fit

    assert set(rijen(uitnodiging=uitnodiging)) == {"uitnodiging", "dagen-14", "dagen-3"}
    (later,) = nodig_uit(maak_activiteit(datum=dt.date(2026, 12, 10)), kanaal=Kanaal.SMS)
    herinneringen.plan_uitnodigingen([later], nu=NU)  # 9 days before: 14 days has passed
    assert set(rijen(uitnodiging=later)) == {"uitnodiging", "dagen-3"}


@pytest.mark.django_db
def test_plan_uitnodigingen_gives_paper_and_telephone_invitations_no_rows():
    activiteit = maak_activiteit()
    papier = nodig_uit(activiteit, kanaal=Kanaal.PAPIER) + nodig_uit(activiteit, kanaal=Kanaal.TELEFOON)

    herinneringen.plan_uitnodigingen(papier, nu=NU)

    assert Herinnering.objects.count() == 0


@pytest.mark.django_db
def test_plan_uitnodigingen_twice_adds_nothing_one_row_per_moment():
    uitnodigingen = nodig_uit(maak_activiteit(), aantal=2)

    herinneringen.plan_uitnodigingen(uitnodigingen, nu=NU)
    herinneringen.plan_uitnodigingen(uitnodigingen, nu=NU + dt.timedelta(hours=1))

    assert Herinnering.objects.count() == 6
    assert Herinnering.objects.filter(verstuur_op=NU, moment="uitnodiging").count() == 2


@pytest.mark.django_db
def test_rollback_leaves_no_rows_and_queues_no_task(django_capture_on_commit_callbacks):
    """REL-01: the business transaction fails after planning → nothing in the outbox, no task."""
    (uitnodiging,) = nodig_uit(maak_activiteit())

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        herinneringen.plan_uitnodigingen([uitnodiging], nu=NU)
        assert Herinnering.objects.count() == 3
        raise RuntimeError("de rest van de actie mislukt")

    assert Herinnering.objects.count() == 0
    assert callbacks == []


@pytest.mark.django_db
def test_plan_uitnodigingen_kicks_the_sweeper_only_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    (uitnodiging,) = nodig_uit(maak_activiteit())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        herinneringen.plan_uitnodigingen([uitnodiging])

    # The kick runs the sweep (eager in unit tests), whose own on_commit queues the send task.
    assert len(callbacks) >= 1
    assert len(mailoutbox) == 1
    assert rijen(uitnodiging=uitnodiging)["uitnodiging"].status == HerinneringStatus.VERSTUURD
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == UitnodigingStatus.VERSTUURD
    assert uitnodiging.verstuurd_op is not None


# --- cancel and change -------------------------------------------------------------------------


def _verstuur_uitnodigingen(uitnodigingen) -> None:
    Herinnering.objects.filter(uitnodiging__in=uitnodigingen, moment="uitnodiging").update(
        status=HerinneringStatus.VERSTUURD, verstuurd_op=NU
    )


@pytest.mark.django_db
def test_annuleer_cancels_pending_rows_and_queues_a_cancellation_to_those_invited():
    activiteit = maak_activiteit()
    verstuurd = nodig_uit(activiteit, aantal=2) + nodig_uit(activiteit, kanaal=Kanaal.SMS)
    nog_niet = nodig_uit(activiteit)
    papier = nodig_uit(activiteit, kanaal=Kanaal.PAPIER)
    herinneringen.plan_uitnodigingen(verstuurd + nog_niet + papier, nu=NU)
    _verstuur_uitnodigingen(verstuurd)
    activiteit.geannuleerd_op, activiteit.annuleringsreden = NU, "De zaal is niet beschikbaar"
    activiteit.save()

    aantal = herinneringen.annuleer(activiteit, nu=NU)

    assert aantal == 3
    annuleringen = Herinnering.objects.filter(moment="annulering")
    assert {h.uitnodiging_id for h in annuleringen} == {u.pk for u in verstuurd}
    assert {h.kanaal for h in annuleringen} == {Kanaal.EMAIL, Kanaal.SMS}
    assert set(annuleringen.values_list("status", flat=True)) == {HerinneringStatus.GEPLAND}
    rest = Herinnering.objects.exclude(moment="annulering")
    assert set(rest.filter(moment="uitnodiging", uitnodiging__in=verstuurd).values_list("status", flat=True)) == {
        HerinneringStatus.VERSTUURD
    }
    assert set(rest.exclude(status=HerinneringStatus.VERSTUURD).values_list("status", flat=True)) == {
        HerinneringStatus.GEANNULEERD
    }


@pytest.mark.django_db
def test_wijziging_queues_an_update_and_moves_the_pending_reminders():
    activiteit = maak_activiteit()
    uitnodigingen = nodig_uit(activiteit, aantal=2)
    herinneringen.plan_uitnodigingen(uitnodigingen, nu=NU)
    _verstuur_uitnodigingen(uitnodigingen[:1])
    activiteit.datum, activiteit.versie = dt.date(2027, 1, 10), 2
    activiteit.save()

    aantal = herinneringen.wijziging(activiteit, nu=NU)

    assert aantal == 1
    (update,) = Herinnering.objects.filter(moment="wijziging-2")
    assert update.uitnodiging_id == uitnodigingen[0].pk
    assert update.verstuur_op == NU
    for uitnodiging in uitnodigingen:
        per_moment = rijen(uitnodiging=uitnodiging)
        assert per_moment["dagen-7"].verstuur_op == dt.datetime(2027, 1, 3, 10, 0, tzinfo=AMS)
        assert per_moment["dagen-1"].verstuur_op == dt.datetime(2027, 1, 9, 10, 0, tzinfo=AMS)


@pytest.mark.django_db
def test_wijziging_to_an_earlier_date_cancels_a_reminder_whose_moment_passed():
    activiteit = maak_activiteit()
    (uitnodiging,) = nodig_uit(activiteit)
    herinneringen.plan_uitnodigingen([uitnodiging], nu=NU)
    activiteit.datum, activiteit.versie = dt.date(2026, 12, 5), 2
    activiteit.save()

    herinneringen.wijziging(activiteit, nu=NU)

    per_moment = rijen(uitnodiging=uitnodiging)
    assert per_moment["dagen-7"].status == HerinneringStatus.GEANNULEERD
    assert per_moment["dagen-1"].status == HerinneringStatus.GEPLAND
    assert per_moment["dagen-1"].verstuur_op == dt.datetime(2026, 12, 4, 10, 0, tzinfo=AMS)


# --- the sweeper ---------------------------------------------------------------------------------


def _due(aantal: int, *, activiteit=None) -> list[Herinnering]:
    activiteit = activiteit or maak_activiteit()
    herinneringen.plan_uitnodigingen(nodig_uit(activiteit, aantal=aantal), nu=NU)
    return list(Herinnering.objects.filter(moment="uitnodiging"))


@pytest.mark.django_db
def test_sweep_claims_due_rows_once_and_queues_one_task_each(django_capture_on_commit_callbacks):
    _due(3)

    with django_capture_on_commit_callbacks() as callbacks:
        eerste = herinneringen.sweep(now=NU)
    tweede = herinneringen.sweep(now=NU + dt.timedelta(minutes=1))

    assert (eerste, tweede) == (3, 0)
    # One callback queues the three tasks after commit (besides the cache's token renewal).
    assert len(zonder_tokens(callbacks)) == 1
    geclaimd = Herinnering.objects.filter(moment="uitnodiging")
    assert {(h.status, h.pogingen) for h in geclaimd} == {(HerinneringStatus.BEZIG, 1)}
    assert {h.geclaimd_tot for h in geclaimd} == {NU + herinneringen.lease()}
    assert Herinnering.objects.filter(status=HerinneringStatus.BEZIG).count() == 3  # reminders are not due


@pytest.mark.django_db
def test_sweep_keeps_at_most_a_batch_in_flight():
    _due(5)

    assert herinneringen.sweep(now=NU, batch=2) == 2
    assert herinneringen.sweep(now=NU, batch=2) == 0  # two still in flight
    Herinnering.objects.filter(status=HerinneringStatus.BEZIG).update(status=HerinneringStatus.VERSTUURD)
    assert herinneringen.sweep(now=NU, batch=2) == 2


def _in_threads(aantal: int, doel) -> list:
    """Run ``doel(barrier)`` in ``aantal`` threads, each with its own database connection."""
    barrier = threading.Barrier(aantal)
    resultaten: list = [None] * aantal
    fouten: list[BaseException] = []

    def run(index: int) -> None:
        try:
            resultaten[index] = doel(barrier)
        except BaseException as fout:
            fouten.append(fout)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(aantal)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not fouten, fouten
    return resultaten


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_skip_each_others_locked_rows():
    """SKIP LOCKED: while one transaction holds its claim open, another claims the other rows."""
    _due(10)

    def claim(barrier):
        with transaction.atomic():
            claims = herinneringen.claim_due(nu=NU, batch=5)
            barrier.wait(timeout=20)  # both hold their locks at the same time
        return [c.herinnering_id for c in claims]

    # The in-flight limit counts committed claims only, so both see room for 5.
    a, b = _in_threads(2, claim)

    assert len(a) == len(b) == 5
    assert not set(a) & set(b)
    assert set(Herinnering.objects.filter(moment="uitnodiging").values_list("pogingen", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_claim_each_row_exactly_once(mailoutbox):
    """A double beat: the advisory lock lets one sweep through, the other claims nothing; the send
    tasks (eager here) then send each message once."""
    _due(20)

    def sweep(barrier):
        barrier.wait(timeout=20)
        return herinneringen.sweep(now=NU, batch=100)

    resultaten = _in_threads(2, sweep)

    assert sorted(resultaten) == [0, 20]
    rijen = Herinnering.objects.filter(moment="uitnodiging")
    assert {(h.status, h.pogingen) for h in rijen} == {(HerinneringStatus.VERSTUURD, 1)}
    assert sorted(m.extra_headers["Message-ID"] for m in mailoutbox) == sorted(h.message_id for h in rijen)


@pytest.mark.django_db
def test_sweep_reclaims_after_the_lease_and_the_stale_task_does_nothing(mailoutbox):
    """REL-10: a worker paused after its claim; the sweeper takes the row again after the lease,
    the new attempt sends, the paused one's late run is a no-op."""
    (rij,) = _due(1)
    herinneringen.sweep(now=NU)

    assert herinneringen.sweep(now=NU + herinneringen.lease() - dt.timedelta(seconds=1)) == 0
    assert herinneringen.sweep(now=NU + herinneringen.lease() + dt.timedelta(seconds=1)) == 1
    rij.refresh_from_db()
    assert (rij.status, rij.pogingen) == (HerinneringStatus.BEZIG, 2)

    assert herinneringen.verstuur(herinnering_id=rij.pk, poging=1) == "niet-geclaimd"
    assert herinneringen.verstuur(herinnering_id=rij.pk, poging=2) == "verstuurd"
    assert herinneringen.verstuur(herinnering_id=rij.pk, poging=1) == "klaar"
    assert herinneringen.verstuur(herinnering_id=rij.pk, poging=2) == "klaar"
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_attempts_are_capped_then_the_row_is_mislukt_with_the_reason():
    """REL-08: a row whose worker dies every time is not requeued forever."""
    (rij,) = _due(1)
    Herinnering.objects.filter(pk=rij.pk).update(
        status=HerinneringStatus.BEZIG, pogingen=herinneringen.MAX_POGINGEN, geclaimd_tot=NU, fout="WorkerLost"
    )

    assert herinneringen.sweep(now=NU + dt.timedelta(seconds=1)) == 0

    rij.refresh_from_db()
    assert rij.status == HerinneringStatus.MISLUKT
    assert rij.fout == "Gestopt na 5 pogingen. WorkerLost"
    assert rij.uitnodiging.status == UitnodigingStatus.MISLUKT


# --- sending -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_send_over_smtp_with_the_deterministic_message_id(smtp_server):
    (rij,) = _due(1)
    herinneringen.sweep(now=NU)

    resultaat = tasks.task_verstuur_herinnering.delay(herinnering_id=rij.pk, poging=1).get()
    nog_eens = tasks.task_verstuur_herinnering.delay(herinnering_id=rij.pk, poging=1).get()

    assert (resultaat, nog_eens) == ("verstuurd", "klaar")
    (bericht,) = smtp_server.messages
    rij.refresh_from_db()
    assert bericht["message"]["Message-ID"] == rij.message_id == f"<herinnering-{rij.pk}-uitnodiging@familieschool>"
    assert bericht["to"] == [rij.uitnodiging.verzorger.email]
    assert rij.status == HerinneringStatus.VERSTUURD
    assert rij.verstuurd_op is not None
    assert rij.geclaimd_tot is None


@pytest.mark.django_db
def test_smtp_failure_backs_off_exponentially_then_gives_up(smtp_dicht):
    (rij,) = _due(1)
    wachttijden = []

    for poging in range(1, herinneringen.MAX_POGINGEN + 1):
        Herinnering.objects.filter(pk=rij.pk).update(verstuur_op=NU)
        assert herinneringen.sweep(now=NU + dt.timedelta(days=poging)) == 1
        voor = timezone.now()
        uitkomst = herinneringen.verstuur(herinnering_id=rij.pk, poging=poging)
        rij.refresh_from_db()
        if uitkomst == "opnieuw":
            wachttijden.append(round((rij.verstuur_op - voor).total_seconds() / 60))
            assert rij.status == HerinneringStatus.GEPLAND
            assert "ConnectionRefusedError" in rij.fout

    assert wachttijden == [1, 2, 4, 8]
    assert uitkomst == "mislukt"
    assert rij.status == HerinneringStatus.MISLUKT
    assert rij.fout.startswith("Gestopt na 5 pogingen. ConnectionRefusedError")


@pytest.mark.django_db
def test_a_task_for_a_row_that_was_backed_off_does_not_send(mailoutbox):
    (rij,) = _due(1)
    herinneringen.sweep(now=NU)
    Herinnering.objects.filter(pk=rij.pk).update(status=HerinneringStatus.GEPLAND)

    assert herinneringen.verstuur(herinnering_id=rij.pk, poging=1) == "niet-geclaimd"
    assert herinneringen.verstuur(herinnering_id=0) == "weg"
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_reminder_of_a_cancelled_activity_is_not_sent(mailoutbox):
    (rij,) = _due(1)
    herinneringen.sweep(now=NU)
    Ouderactiviteit.objects.update(geannuleerd_op=NU)

    assert herinneringen.verstuur(herinnering_id=rij.pk, poging=1) == "klaar"

    rij.refresh_from_db()
    assert rij.status == HerinneringStatus.GEANNULEERD
    assert mailoutbox == []


@pytest.mark.django_db
def test_no_address_fails_at_once_without_retrying(mailoutbox):
    activiteit = maak_activiteit()
    (uitnodiging,) = nodig_uit(activiteit, email="")
    herinneringen.plan_uitnodigingen([uitnodiging], nu=NU)
    herinneringen.sweep(now=NU)

    (rij,) = Herinnering.objects.filter(status=HerinneringStatus.BEZIG)
    assert herinneringen.verstuur(herinnering_id=rij.pk, poging=1) == "mislukt"
    rij.refresh_from_db()
    assert (rij.status, rij.fout) == (HerinneringStatus.MISLUKT, "Geen e-mailadres bekend.")


@pytest.mark.django_db
def test_sms_goes_through_the_file_backend_with_an_idempotency_key(sms_map):
    activiteit = maak_activiteit()
    (uitnodiging,) = nodig_uit(activiteit, kanaal=Kanaal.SMS)
    herinneringen.plan_uitnodigingen([uitnodiging], nu=NU)
    herinneringen.sweep(now=NU)
    (rij,) = Herinnering.objects.filter(status=HerinneringStatus.BEZIG)

    assert herinneringen.verstuur(herinnering_id=rij.pk, poging=1) == "verstuurd"

    (regel,) = [json.loads(r) for r in (sms_map / "sms.jsonl").read_text().splitlines()]
    assert regel["to"] == "+31612345678"
    assert regel["idempotency_key"] == f"herinnering-{rij.pk}-uitnodiging@familieschool"
    assert "Ouders ontmoeten Ouders" in regel["text"]
    assert "/antwoord/" in regel["text"]
    assert len(regel["text"]) <= 320


@pytest.mark.django_db
def test_sms_to_a_landline_fails_with_a_clear_reason(sms_map):
    activiteit = maak_activiteit()
    (uitnodiging,) = nodig_uit(activiteit, kanaal=Kanaal.SMS)
    uitnodiging.verzorger.telefoon = "020-6241111"
    uitnodiging.verzorger.save()
    herinneringen.plan_uitnodigingen([uitnodiging], nu=NU)
    herinneringen.sweep(now=NU)
    (rij,) = Herinnering.objects.filter(status=HerinneringStatus.BEZIG)

    assert herinneringen.verstuur(herinnering_id=rij.pk, poging=1) == "mislukt"

    rij.refresh_from_db()
    assert "geen mobiel nummer" in rij.fout
    assert not (sms_map / "sms.jsonl").exists()


@pytest.mark.parametrize(
    ("nummer", "verwacht"),
    [
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+32 470 12 34 56", "+32470123456"),
        ("+90 532 123 45 67", "+905321234567"),
    ],
)
def test_normaliseer_nummer_accepts_mobile_numbers(nummer, verwacht):
    assert sms.normaliseer_nummer(nummer) == verwacht


@pytest.mark.parametrize(
    ("nummer", "melding"),
    [
        ("", "Geen telefoonnummer"),
        ("020-6241111", "geen mobiel nummer"),
        ("+31 20 6241111", "geen Nederlands mobiel nummer"),
        ("06-1234567", "geen Nederlands mobiel nummer"),
        ("bel me", "geen geldig mobiel nummer"),
        ("+1234", "geen geldig mobiel nummer"),
    ],
)
def test_normaliseer_nummer_refuses_what_is_not_a_mobile_number(nummer, melding):
    with pytest.raises(sms.OngeldigNummer, match=melding):
        sms.normaliseer_nummer(nummer)


def test_sms_backend_is_pluggable(settings, capsys):
    settings.FAMILIESCHOOL_SMS_BACKEND = "activiteiten.ouders.sms.ConsoleBackend"

    assert sms.send_sms(to="06-12345678", text="Hallo", idempotency_key="k-1") == "+31612345678"

    assert "+31612345678" in capsys.readouterr().out


# --- the texts ---------------------------------------------------------------------------------


def _bericht(moment: str, taal: str, kanaal=Kanaal.EMAIL, **activiteit) -> berichten.Bericht:
    (uitnodiging,) = nodig_uit(maak_activiteit(**activiteit), taal=taal, kanaal=kanaal, roepnaam="Fatima")
    rij = Herinnering.objects.create(uitnodiging=uitnodiging, moment=moment, kanaal=kanaal, verstuur_op=NU)
    return berichten.email(rij) if kanaal == Kanaal.EMAIL else berichten.sms_tekst(rij)


@pytest.mark.django_db
def test_email_in_dutch_holds_the_activity_program_and_link():
    bericht = _bericht("uitnodiging", "nl")

    assert bericht.onderwerp == "Uitnodiging: Ouders ontmoeten Ouders"
    for stuk in (
        "Beste Fatima,",
        "OBS Zonnewijzer nodigt u van harte uit:",
        "zondag 20 december 2026",
        "Inloop vanaf: 18:00",
        "Samen eten: 18:30",
        "Begin: 19:00",
        "Einde: 20:00",
        "Plaats: Ouderkamer",
        "kinderopvang",
        "/antwoord/",
    ):
        assert stuk in bericht.tekst
    assert f"{berichten.taalnaam('ar')}, Türkçe" in bericht.tekst  # interpreter languages in their own name
    assert bericht.talen == ("nl",)


@pytest.mark.django_db
def test_email_reminder_update_and_cancellation_say_what_they_are():
    assert "over 7 dagen" in _bericht("dagen-7", "nl").tekst
    assert "morgen is het zover" in _bericht("dagen-1", "nl").tekst
    assert _bericht("wijziging-2", "nl").onderwerp == "Gewijzigd: Ouders ontmoeten Ouders"
    annulering = _bericht("annulering", "nl", annuleringsreden="De zaal is niet beschikbaar")
    assert annulering.onderwerp == "Gaat niet door: Ouders ontmoeten Ouders"
    assert "Reden: De zaal is niet beschikbaar" in annulering.tekst
    assert "/antwoord/" not in annulering.tekst


@pytest.mark.django_db
def test_email_in_arabic_is_rendered_in_arabic():
    bericht = _bericht("dagen-7", "ar")

    assert bericht.talen == ("ar",)
    assert "ديسمبر" in bericht.tekst  # the month, from Django's Arabic catalog
    assert "zondag" not in bericht.tekst


@pytest.mark.django_db
def test_email_in_a_language_without_catalog_falls_back_to_dutch_and_english():
    bericht = _bericht("uitnodiging", "ti")

    assert bericht.talen == ("nl", "en")
    assert "zondag 20 december 2026" in bericht.tekst
    assert "Sunday 20 December 2026" in bericht.tekst
    assert bericht.tekst.count("/antwoord/") == 2


@pytest.mark.django_db
@pytest.mark.parametrize("taal", ["nl", "en", "ar", "tr", "pl", "es", "fr", "ti"])
@pytest.mark.parametrize("moment", ["uitnodiging", "dagen-1", "wijziging-2", "annulering"])
def test_sms_fits_in_320_characters_and_carries_the_link(taal, moment):
    bericht = _bericht(
        moment,
        taal,
        kanaal=Kanaal.SMS,
        titel=("Thema-avond over opvoeden in twee talen " * 4)[:150],
        locatie="Gymzaal van de dependance aan de Lange Nieuwstraat, ingang aan de achterkant",
    )

    assert len(bericht.tekst) <= sms.MAX_LENGTE
    assert ("/antwoord/" in bericht.tekst) == (moment != "annulering")
    if moment != "annulering":
        assert re.search(r"https?://\S+/antwoord/\S+/$", bericht.tekst)


# --- static checks (REL-07, REL-09) -------------------------------------------------------------


def test_reminder_code_uses_no_long_eta_or_countdown():
    """REL-09: "later" lives in the table; a Celery ETA beyond the visibility timeout runs twice."""
    root = Path(settings.BASE_DIR) / "activiteiten" / "ouders"
    code = "".join((root / naam).read_text() for naam in ("herinneringen.py", "tasks.py", "berichten.py", "sms.py"))

    for match in re.finditer(r"\b(eta|countdown)\s*=\s*([^,)]+)", code):
        waarde = match.group(2).strip()
        assert waarde.isdigit() and int(waarde) <= 60, match.group(0)


def test_send_task_time_limit_stays_under_the_lease_and_the_visibility_timeout():
    """REL-07: a send never outlives its claim, nor the broker's patience."""
    task = tasks.task_verstuur_herinnering
    visibility = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).get("visibility_timeout", 3600)

    assert task.acks_late and task.reject_on_worker_lost
    assert task.time_limit < herinneringen.lease().total_seconds()
    assert task.time_limit < visibility
    assert task.soft_time_limit > settings.EMAIL_TIMEOUT


# --- the outbox page ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [1, 3])
def test_herinneringen_overzicht_query_count_is_constant(client, coordinator, aantal, django_assert_num_queries):
    activiteit = maak_activiteit(school=coordinator.school)
    herinneringen.plan_uitnodigingen(nodig_uit(activiteit, aantal=aantal), nu=NU)
    Herinnering.objects.filter(moment="dagen-1").update(
        status=HerinneringStatus.MISLUKT, pogingen=5, fout="Gestopt na 5 pogingen. SMTPRecipientsRefused"
    )
    client.force_login(coordinator.user)
    client.get(reverse("start"))  # settle the session and the active school

    # session, user, memberships, the activity (scoped), counts per status, rows with guardian
    # (joined), and the idle-timeout touch of the session (savepoint, update, release)
    with django_assert_num_queries(9):
        response = client.get(reverse("activiteiten:herinneringen_overzicht", args=[activiteit.pk]))

    assert response.status_code == 200
    assert len(response.context["herinneringen"]) == 3 * aantal
    assert response.context["telling"]["gepland"] == 2 * aantal
    assert response.context["telling"]["mislukt"] == aantal
    assert "SMTPRecipientsRefused" in response.content.decode()


@pytest.mark.django_db
def test_herinneringen_overzicht_of_another_school_is_a_404(client, andere_coordinator):
    activiteit = maak_activiteit()
    client.force_login(andere_coordinator.user)

    response = client.get(reverse("activiteiten:herinneringen_overzicht", args=[activiteit.pk]))

    assert response.status_code == 404
