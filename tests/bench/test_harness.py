"""The benchmark's own machinery (bench/): fast, no server, no timing asserted."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from bench.client import totp
from bench.middleware import BenchMiddleware
from bench.run import Measurement, format_scaling, format_table, percentile, with_ratios
from familieschool.mfa import code_for_secret, demo_secret


@pytest.mark.django_db
def test_middleware_adds_server_time_and_counts_every_query():
    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse("ok")

    response = BenchMiddleware(view)(RequestFactory().get("/"))

    assert response["X-Query-Count"] == "2"
    assert response["Server-Timing"].startswith("app;dur=")
    assert float(response["Server-Timing"].removeprefix("app;dur=")) >= 0


def test_middleware_is_only_in_the_stack_when_asked(settings):
    assert "bench.middleware.BenchMiddleware" not in settings.MIDDLEWARE


def test_totp_of_the_client_matches_allauths():
    secret = demo_secret("coordinator@demo.familieschool.test")
    assert totp(secret, at=1_800_000_000) == code_for_secret(secret, at=1_800_000_000)


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 31)]
    assert percentile(values, 95) == 29.0
    assert percentile(values, 50) == 15.0


def test_table_shows_ratios_to_the_baseline_and_flags_a_missed_target():
    results = with_ratios(
        [
            Measurement(
                "baseline", "Basis", median_ms=10.0, p95_ms=12.0, queries=5, queries_min=5, queries_max=5, target=1.0
            ),
            Measurement(
                "gezin", "Gezin", median_ms=40.0, p95_ms=50.0, queries=20, queries_min=20, queries_max=20, target=3.0
            ),
            Measurement("bestuur", "Bestuur", status="ontbreekt (404)"),
        ]
    )
    table = format_table(results)

    assert results[1].ratio == 4.0
    assert results[1].query_ratio == 4.0
    assert "Gezin" in table and "4.00" in table and table.splitlines()[3].endswith("!")
    assert "ontbreekt (404)" in table


def test_scaling_compares_each_school_page_and_leaves_out_the_board_dashboard():
    small = [
        Measurement("gezin", "Gezin", median_ms=40.0, queries=20),
        Measurement("bestuur", "Bestuur", median_ms=1.0),
    ]
    large = [
        Measurement("gezin", "Gezin", median_ms=50.0, queries=20),
        Measurement("bestuur", "Bestuur", median_ms=9.0),
    ]

    text = format_scaling(small, large)

    assert "1.25 !" in text
    assert "Bestuur" not in text


def test_the_redis_drill_waits_as_long_as_the_sweeper():
    from bench.drills import redis_down
    from gezinnen.signalen.tasks import INHAAL_NA

    assert INHAAL_NA.total_seconds() == redis_down.INHAAL_NA_SECONDEN


def test_the_redis_drill_counts_handler_mails_per_signal_by_message_id():
    from bench.drills.redis_down import Postbus

    postbus = Postbus()
    postbus.message_ids = ["<signaal-7-3@familieschool>", "<signaal-7-3@familieschool>", "<herinnering-1@x>"]

    assert postbus.per_signaal() == {7: 2}


def test_measuring_goes_round_robin_over_pages_and_data_sets():
    from bench.run import measure

    order = []

    class Nep:
        def __init__(self, naam):
            self.naam = naam

        def step(self, i, *, warmup):
            order.append((i, self.naam))

        def finish(self):
            return self.naam

    rijen = [[Nep("a1"), Nep("a2")], [Nep("b1")]]

    assert measure(rijen, n=2, warmup=1) == [["a1", "a2"], ["b1"]]
    assert order == [(i, naam) for i in range(3) for naam in ("a1", "a2", "b1")]


def test_the_cold_start_page_is_measured_without_its_kept_panels(settings):
    """'Startpagina, na een wijziging' drops the kept panels of its data set before each request."""
    from django.core.cache import cache

    from bench.run import PAGES, Sampler

    page = next(p for p in PAGES if p.cold)
    cache.set("start:7:panel", "<p>bewaard</p>")
    cache.set("dashboard:school:7", "blijft")
    targets = {"kept": {"redis": settings.CACHES["default"]["LOCATION"], "start": cache.make_key("start:*")}}

    Sampler(None, "http://127.0.0.1", page, targets)._forget_kept()

    assert cache.get("start:7:panel") is None
    assert cache.get("dashboard:school:7") == "blijft"
    assert page.path == next(p for p in PAGES if p.key == "start").path
