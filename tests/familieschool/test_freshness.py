"""Kept figures and the write watcher (familieschool.freshness), and the start page that uses
them: a panel is served from the cache until a table it read has been written and committed.

These tests commit for real (``transaction=True``): tokens are renewed after commit, and inside
a test's wrapping transaction the cache is deliberately not used."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from redis.exceptions import RedisError

from familieschool import freshness
from familieschool.choices import Hulpdomein
from familieschool.roles import Rol
from gezinnen.models import Gezin, Signaal
from gezinnen.signalen import services as signaal_services
from partners.models import Partner
from tests.conftest import make_persona
from tests.factories import PartnerFactory
from tests.gezinnen.factories import GezinFactory, LeerlingFactory

pytestmark = pytest.mark.django_db(transaction=True)

SIGNAAL = Signaal._meta.db_table
GEZIN = Gezin._meta.db_table
PARTNER = Partner._meta.db_table


def token(table: str) -> str | None:
    return cache.get(freshness.STAND_KEY.format(table=table))


# --- the write watcher -----------------------------------------------------------------------------


def test_a_commit_renews_the_tokens_of_the_tables_it_wrote_and_only_then(school):
    before = token(GEZIN), token(PARTNER)
    with transaction.atomic():
        GezinFactory(school=school)
        assert token(GEZIN) == before[0]  # not yet: another process cannot see the row yet
    assert token(GEZIN) not in (None, before[0])
    assert token(PARTNER) == before[1]


def test_a_rolled_back_transaction_renews_nothing(school):
    before = token(GEZIN)
    with pytest.raises(RuntimeError), transaction.atomic():
        GezinFactory(school=school)
        raise RuntimeError

    assert token(GEZIN) == before


def test_a_write_after_a_rolled_back_savepoint_still_renews(school, bestuur):
    """The savepoint takes its callback with it; the later write must register its own."""
    before = token(GEZIN), token(PARTNER)
    with transaction.atomic():
        try:
            with transaction.atomic():
                GezinFactory(school=school)
                PartnerFactory(bestuur=bestuur)
                raise RuntimeError
        except RuntimeError:
            pass
        GezinFactory(school=school)

    assert token(GEZIN) != before[0]
    assert token(PARTNER) == before[1]  # its only write was rolled back


@pytest.mark.parametrize(
    "schrijf",
    [
        pytest.param(lambda school: Gezin.objects.filter(school=school).update(naam="Bijgewerkt"), id="update"),
        pytest.param(lambda school: Gezin.objects.filter(school=school).delete(), id="delete"),
        pytest.param(
            lambda school: Gezin.objects.bulk_create([Gezin(school=school, naam="Nieuw")]),
            id="bulk_create",
        ),
        pytest.param(
            lambda school: connection.cursor().execute(
                f"UPDATE {GEZIN} SET naam = %s WHERE school_id = %s",  # noqa: S608 - a model's table name
                ["Rauw", school.pk],
            ),
            id="raw-sql",
        ),
    ],
)
def test_every_kind_of_write_is_seen(school, schrijf):
    GezinFactory(school=school)
    before = token(GEZIN)

    schrijf(school)

    assert token(GEZIN) != before


def test_a_read_renews_nothing(school):
    GezinFactory(school=school)
    before = token(GEZIN)

    list(Gezin.objects.filter(school=school))

    assert token(GEZIN) == before


def test_a_connection_opened_inside_another_wrapper_keeps_both_in_order():
    """pghistory pushes its wrapper for a request and pops the last one; the watcher installed
    on a connection opened inside that block must not be the one popped."""

    def anderen(execute, sql, params, many, context):
        return execute(sql, params, many, context)

    connection.execute_wrappers.remove(freshness._note_writes)  # as on a new connection object
    connection.close()
    with connection.execute_wrapper(anderen):
        connection.ensure_connection()
        assert connection.execute_wrappers[-1] is anderen

    assert anderen not in connection.execute_wrappers
    assert freshness._note_writes in connection.execute_wrappers


def test_tables_in_finds_quoted_unquoted_and_comma_joined_tables():
    sql = f'SELECT 1 FROM "{GEZIN}" g, {SIGNAAL} s JOIN genummerd ON true WHERE g.id IN (SELECT id FROM {PARTNER})'  # noqa: S608

    assert freshness.tables_in(sql) == {GEZIN, SIGNAAL, PARTNER}


# --- kept values ---------------------------------------------------------------------------------


def _teller(school):
    """A computation that counts its own runs and reads the school's families."""
    runs = []

    def compute():
        runs.append(1)
        return Gezin.objects.filter(school=school).count()

    return compute, runs


def test_a_kept_value_is_reused_until_a_table_it_read_is_written(school, bestuur):
    compute, runs = _teller(school)
    GezinFactory(school=school)

    assert freshness.kept({"k": compute}, timeout=60) == {"k": 1}
    assert freshness.kept({"k": compute}, timeout=60) == {"k": 1}
    assert len(runs) == 1

    PartnerFactory(bestuur=bestuur)  # a table it did not read
    assert freshness.kept({"k": compute}, timeout=60) == {"k": 1}
    assert len(runs) == 1

    GezinFactory(school=school)
    assert freshness.kept({"k": compute}, timeout=60) == {"k": 2}
    assert len(runs) == 2


def test_tables_read_by_raw_sql_count_too(school):
    runs = []

    def compute():
        runs.append(1)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {GEZIN} g WHERE g.school_id = %s", [school.pk])  # noqa: S608
            return cursor.fetchone()[0]

    assert freshness.kept({"rauw": compute}, timeout=60) == {"rauw": 0}
    GezinFactory(school=school)

    assert freshness.kept({"rauw": compute}, timeout=60) == {"rauw": 1}
    assert len(runs) == 2


def test_inside_a_transaction_nothing_is_read_from_or_kept_in_the_cache(school):
    compute, runs = _teller(school)
    freshness.kept({"k": compute}, timeout=60)

    with transaction.atomic():
        GezinFactory(school=school)  # not committed: no token renewed yet
        assert freshness.kept({"k": compute}, timeout=60) == {"k": 1}

    assert len(runs) == 2


def test_without_redis_values_are_computed_and_writes_still_commit(school, monkeypatch, caplog):
    compute, runs = _teller(school)

    def weg(*args, **kwargs):
        raise RedisError("Connection refused")

    monkeypatch.setattr(cache, "get_many", weg)
    monkeypatch.setattr(cache, "set_many", weg)

    GezinFactory(school=school)  # the renewal after commit fails: logged, the row stands
    assert freshness.kept({"k": compute}, timeout=60) == {"k": 1}
    assert freshness.kept({"k": compute}, timeout=60) == {"k": 1}

    assert len(runs) == 2
    assert Gezin.objects.filter(school=school).count() == 1
    assert "Cache niet bereikbaar" in caplog.text


# --- the start page --------------------------------------------------------------------------------


def _start(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("start"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _zonder_csrf(html: str) -> str:
    import re

    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", html)


def test_start_page_panels_come_from_the_cache_until_a_signal_is_recorded(client, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    kind = LeerlingFactory(school=school)
    client.force_login(coordinator.user)
    client.get(reverse("start"))  # the MFA check is cached in the session
    cache.clear()

    eerst, queries_eerst = _start(client)
    weer, queries_weer = _start(client)

    assert "0 open op school" in eerst
    assert _zonder_csrf(weer) == _zonder_csrf(eerst)
    assert queries_weer < queries_eerst - 10  # the panels' queries are gone

    signaal_services.create_signaal(
        school=school, gemeld_door=coordinator.user, leerling=kind, categorie=Hulpdomein.GELD
    )
    na, queries_na = _start(client)

    assert "1 open op school" in na
    assert queries_na > queries_weer


def test_start_page_is_kept_per_user(client, school):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    leerkracht = make_persona(rol=Rol.LEERKRACHT, school=school)
    client.force_login(coordinator.user)
    _start(client)
    coordinator_html, _ = _start(client)

    client.force_login(leerkracht.user)
    leerkracht_html, _ = _start(client)

    assert "open op school" in coordinator_html
    assert "open op school" not in leerkracht_html  # not the coordinator's kept panel


def test_start_page_panels_are_computed_afresh_on_a_new_day(client, school, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    client.force_login(coordinator.user)
    _start(client)  # the MFA check is cached in the session; the panels are kept
    _, queries_vandaag = _start(client)

    morgen = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: morgen)
    _, queries_morgen = _start(client)

    assert queries_morgen > queries_vandaag
