"""Celery: a real worker against the real Redis sees a task through, database included."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from familieschool.celery import app
from familieschool.tasks import task_clear_expired_sessions, task_ping

ROOT = Path(__file__).resolve().parents[2]


def _database_url_of_test_db() -> str:
    s = connection.settings_dict
    host = quote(s["HOST"] or "", safe="")
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{s['USER']}@{host}{port}/{s['NAME']}"


@pytest.fixture
def worker(transactional_db):
    """A real Celery worker process on its own queue, using the test database."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "familieschool.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": _database_url_of_test_db(),
    }
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "familieschool",
            "worker",
            "-Q",
            queue,
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        app.conf.task_always_eager = True
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.integration
def test_real_worker_runs_a_task_and_returns_its_result(worker):
    result = task_ping.apply_async(kwargs={"waarde": "hallo"}, queue=worker)

    assert result.get(timeout=60) == "pong:hallo"


@pytest.mark.integration
def test_real_worker_changes_the_database(worker):
    Session.objects.create(
        session_key="verlopen" + "x" * 24, session_data="", expire_date=timezone.now() - dt.timedelta(days=1)
    )
    Session.objects.create(
        session_key="geldig" + "x" * 26, session_data="", expire_date=timezone.now() + dt.timedelta(days=1)
    )

    deleted = task_clear_expired_sessions.apply_async(queue=worker).get(timeout=60)

    assert deleted == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["geldig" + "x" * 26]


@pytest.mark.realdb
def test_database_is_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        version = int(cursor.fetchone()[0])

    assert connection.vendor == "postgresql"
    assert version >= 150000


@pytest.mark.realdb
def test_history_triggers_work_on_this_postgresql(db):
    from tests.factories import SchoolFactory

    school = SchoolFactory()
    school.naam = "Nieuwe naam"
    school.save()

    from familieschool.models import School

    assert School.pgh_event_model.objects.filter(pgh_obj=school).count() == 2


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    names = [entry["task"] for entry in app.conf.beat_schedule.values()]

    assert names
    assert all(name in app.tasks for name in names)
