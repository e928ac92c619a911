"""The handler's e-mail of a signal as an outbox (make drill-redis): a task that never reached
the broker is caught up by the sweeper, once; a sent one and a fresh one are left alone; a
reassigned signal is owed to its new handler."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from familieschool.choices import Hulpdomein
from gezinnen.models import Signaal
from gezinnen.signalen import services, tasks
from tests.gezinnen.test_signalen import kind, meld, team  # noqa: F401  fixtures

LATER = dt.timedelta(minutes=3)


def test_a_mail_whose_task_never_reached_the_broker_is_sent_by_the_sweeper_once(team, kind, smtp_server):  # noqa: F811
    # In a test the on-commit task does not run: just like a commit while Redis was down.
    signaal = meld(team, kind, Hulpdomein.GELD)
    assert tasks.task_mail_behandelaars_inhalen() == 0  # too fresh: the task may still come

    with time_machine.travel(timezone.now() + LATER):
        assert tasks.task_mail_behandelaars_inhalen() == 1
        assert tasks.task_mail_behandelaars_inhalen() == 0

    (mail,) = smtp_server.messages
    assert mail["to"] == [team["buurtteam"].user.email]
    assert mail["message"]["Message-ID"] == f"<signaal-{signaal.pk}-{team['buurtteam'].user.pk}@familieschool>"
    assert Signaal.objects.get(pk=signaal.pk).behandelaar_gemaild_op is not None


def test_a_mail_sent_by_its_task_is_not_sent_again(team, kind, smtp_server):  # noqa: F811
    signaal = meld(team, kind, Hulpdomein.GELD)
    assert tasks.task_mail_behandelaar(signaal_id=signaal.pk) is True
    assert tasks.task_mail_behandelaar(signaal_id=signaal.pk) is False  # a retried task

    with time_machine.travel(timezone.now() + LATER):
        assert tasks.task_mail_behandelaars_inhalen() == 0
    assert len(smtp_server.messages) == 1


def test_a_reassigned_signal_is_owed_to_the_new_handler(team, kind, smtp_server):  # noqa: F811
    signaal = meld(team, kind, Hulpdomein.GELD)
    tasks.task_mail_behandelaar(signaal_id=signaal.pk)

    services.reassign_signaal(signaal=signaal, behandelaar=team["brugfunctionaris"].user, door=team["coordinator"].user)
    with time_machine.travel(timezone.now() + LATER):
        assert tasks.task_mail_behandelaars_inhalen() == 1

    assert [m["to"] for m in smtp_server.messages] == [
        [team["buurtteam"].user.email],
        [team["brugfunctionaris"].user.email],
    ]


def test_a_broker_that_is_down_at_the_commit_gives_one_warning_and_the_mail_stays_owed(
    team,  # noqa: F811
    kind,  # noqa: F811
    monkeypatch,
    caplog,
    django_capture_on_commit_callbacks,
):
    from kombu.exceptions import OperationalError

    def broker_weg(**kwargs):
        raise OperationalError("Error 2 connecting to redis.sock")

    monkeypatch.setattr(tasks.task_mail_behandelaar, "delay", broker_weg)
    with django_capture_on_commit_callbacks(execute=True):
        signaal = meld(team, kind, Hulpdomein.GELD)

    (bericht,) = [r for r in caplog.records if r.name == "gezinnen.signalen.services"]
    assert bericht.levelname == "WARNING" and str(signaal.pk) in bericht.getMessage()
    assert not bericht.exc_info  # no traceback per signal
    assert Signaal.objects.get(pk=signaal.pk).behandelaar_gemaild_op is None  # the sweeper's job
