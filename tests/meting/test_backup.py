"""make backup / make restore: a pg_dump round trip into a fresh database, equal row counts."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import LidmaatschapFactory

_spec = importlib.util.spec_from_file_location("backup", Path(__file__).resolve().parents[2] / "scripts" / "backup.py")
assert _spec and _spec.loader
backup = importlib.util.module_from_spec(_spec)
sys.modules["backup"] = backup  # dataclasses look their module up while the class is built
_spec.loader.exec_module(backup)


@pytest.fixture
def database(transactional_db):
    """The test database as libpq sees it, with pg_dump/pg_restore of the server's version. In CI
    a missing pg_dump fails the run; elsewhere the test is skipped with how to install it."""
    s = connection.settings_dict
    db = backup.Database(
        dbname=s["NAME"],
        host=s["HOST"] or "",
        port=str(s["PORT"] or ""),
        user=s["USER"] or "",
        password=s["PASSWORD"] or "",
    )
    major = connection.cursor().connection.info.server_version // 10000
    for tool in ("pg_dump", "pg_restore"):
        if backup.find_tool(tool, major) is None:
            message = f"{tool} voor PostgreSQL {major} ontbreekt: apt-get install postgresql-client-{major}"
            if os.environ.get("CI") == "true":
                pytest.fail(message)
            pytest.skip(message)
    return db


def _drop(db, name: str) -> None:
    from psycopg import sql

    with db.with_name("postgres").connect(autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_backup_and_restore_give_equal_row_counts(database, tmp_path, capsys):
    LidmaatschapFactory.create_batch(3)  # committed rows (transactional_db), so pg_dump sees them
    dump = backup.backup(database, tmp_path)
    assert dump.exists() and dump.stat().st_size > 0
    counts = backup.counts_file(dump)
    assert counts.exists()

    target = f"{database.dbname}_hersteld"
    try:
        naam, same = backup.restore(database, dump, into=target)
        assert naam == target
        assert same
        with database.with_name(target).connect() as conn:
            restored = backup.table_counts(conn)
        assert restored["familieschool_lidmaatschap"] == 3
        uitvoer = capsys.readouterr().out
        assert "familieschool_lidmaatschap" in uitvoer and "DIFF" not in uitvoer

        # Never into an existing database unless asked.
        with pytest.raises(SystemExit, match="bestaat al"):
            backup.restore(database, dump, into=target)
    finally:
        _drop(database, target)


def test_compare_reports_a_difference():
    assert not backup.compare({"a": 1, "b": 2}, {"a": 1, "b": 3})
    assert not backup.compare({"a": 1}, {})
    assert backup.compare({"a": 1}, {"a": 1})


def test_database_url_keeps_the_socket_path():
    db = backup.Database.from_url("postgres://postgres@%2Fvar%2Frun%2FMixedCase/familieschool")
    assert db.host == "/var/run/MixedCase"
    assert db.dbname == "familieschool"
    tcp = backup.Database.from_url("postgresql://u:p%40ss@127.0.0.1:5433/x")
    assert (tcp.host, tcp.port, tcp.user, tcp.password) == ("127.0.0.1", "5433", "u", "p@ss")
