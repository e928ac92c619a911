"""Whether a kept figure is still current: a token per database table, renewed after every
commit that wrote to that table.

Every statement this process sends to PostgreSQL passes :func:`_note_writes` (installed on each
connection in ``FamilieschoolConfig.ready``), so there is no write path to forget: services,
bulk inserts, ``QuerySet.update()``, raw SQL, Celery tasks and management commands alike. A
statement that writes (INSERT, UPDATE, DELETE, MERGE, TRUNCATE, or a SELECT ... FOR UPDATE,
conservatively) marks every table it names; after the transaction commits, those tables get a
fresh random token in Redis. A rolled-back transaction or savepoint renews nothing.

A kept value (:func:`kept`) is stored with the tokens of the tables its computation read (taken
from the SQL it sent, before it ran) and is used only while every one of those tokens is
unchanged. So a figure is recomputed as soon as anything it was computed from has changed, by
whoever changed it; the cache's timeout is only a backstop for writes made outside this code
(psql, a restore) or while Redis was down.

Inside a transaction the cache is not used at all: the transaction's own writes have not
renewed any token yet.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache as django_cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

T = TypeVar("T")

STAND_KEY = "freshness:{table}"

# Written on every request (the idle timeout) and read by no kept figure: renewing its token on
# every page would cost a Redis round trip for nothing.
UNTRACKED_TABLES = frozenset({"django_session"})

_WRITE = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@cache
def known_tables() -> frozenset[str]:
    """The tables of every installed model (including many-to-many tables)."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        tables.add(model._meta.db_table)
    return frozenset(tables - UNTRACKED_TABLES)


def tables_in(sql: str) -> set[str]:
    """The known tables a statement names, quoted or not (FROM, JOIN, a comma, a subquery)."""
    known = known_tables()
    return {word for word in _WORD.findall(sql) if word in known}


def install(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Put the write watcher on a (new) database connection; a ``connection_created`` receiver."""
    if _note_writes not in connection.execute_wrappers:
        # At the front: a wrapper pushed by `connection.execute_wrapper()` (pghistory's context, a
        # query counter) is popped from the end when its block ends, and the connection may be
        # created inside such a block.
        connection.execute_wrappers.insert(0, _note_writes)


def _note_writes(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Mapping[str, Any]) -> Any:
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _WRITE.search(sql):
        tables = tables_in(sql)
        if tables:
            _renew_after_commit(context["connection"], tables)
    return result


class RenewTokens:
    """The on-commit callback that renews the tables written at one savepoint level: one Redis
    round trip per level, and a rolled-back savepoint takes its tables with it."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self) -> None:
        renew(self.tables)


def _renew_after_commit(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> None:
    if not connection.in_atomic_block:
        renew(tables)  # autocommit: the statement is already committed
        return
    level = set(connection.savepoint_ids)
    for entry in reversed(connection.run_on_commit):  # (savepoint ids, callback, robust)
        sids, registered = entry[0], entry[1]
        if isinstance(registered, RenewTokens) and sids == level:
            registered.tables.update(tables)
            return
    callback = RenewTokens()
    callback.tables.update(tables)
    connection.on_commit(callback, robust=True)


def renew(tables: Iterable[str]) -> None:
    """Give ``tables`` a fresh token: every value kept from them is stale from now on."""
    tokens = {STAND_KEY.format(table=table): secrets.token_hex(8) for table in tables}
    if not tokens:
        return
    try:
        django_cache.set_many(tokens, None)
    except RedisError:
        # The write itself stands; kept values expire by their timeout (see the module doc).
        logger.warning("Cache niet bereikbaar; de stand van %s is niet vernieuwd.", ", ".join(sorted(tables)))


def renew_all() -> None:
    """After writes that bypass Django's cursor (COPY in the board-scale seed, a restore)."""
    renew(known_tables())


@cache
def _token_keys() -> dict[str, str]:
    return {table: STAND_KEY.format(table=table) for table in known_tables()}


class _ReadTables:
    """An execute wrapper that collects the tables a computation reads."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if isinstance(sql, str):
            self.tables |= tables_in(sql)
        return execute(sql, params, many, context)


def kept(computations: Mapping[str, Callable[[], T]], *, timeout: int, using: str = DEFAULT_DB_ALIAS) -> dict[str, T]:
    """{key: value} for every computation: from the cache where the value is still current,
    else computed (and kept for next time). One Redis round trip when all are current; a
    computation that raises is not kept. Works without Redis (everything is computed)."""
    connection = connections[using]
    if connection.in_atomic_block:
        return {key: compute() for key, compute in computations.items()}
    token_keys = _token_keys()
    try:
        found = django_cache.get_many([*computations, *token_keys.values()])
    except RedisError:
        logger.warning("Cache niet bereikbaar; %d waarden worden opnieuw berekend.", len(computations))
        return {key: compute() for key, compute in computations.items()}
    tokens = {table: found.get(key) for table, key in token_keys.items()}
    missing = [table for table, token in tokens.items() if token is None]
    values: dict[str, T] = {}
    to_keep: dict[str, tuple[dict[str, str | None], T]] = {}
    for key, compute in computations.items():
        entry = found.get(key)
        if entry is not None:
            read, value = entry
            if all(tokens.get(table) == token for table, token in read.items()):
                values[key] = value
                continue
        if missing:
            # A table never written since Redis started has no token yet; give it one before
            # computing, so a value can never outlive a later first write.
            renew(missing)
            found_again = _tokens_or_none(token_keys, missing)
            tokens.update(found_again)
            missing = []
        reader = _ReadTables()
        with connection.execute_wrapper(reader):
            value = compute()
        values[key] = value
        to_keep[key] = ({table: tokens.get(table) for table in reader.tables}, value)
    if to_keep:
        try:
            django_cache.set_many(to_keep, timeout)
        except RedisError:
            logger.warning("Cache niet bereikbaar; %d waarden niet bewaard.", len(to_keep))
    return values


def _tokens_or_none(token_keys: Mapping[str, str], tables: Iterable[str]) -> dict[str, str | None]:
    wanted = {table: token_keys[table] for table in tables}
    try:
        found = django_cache.get_many(list(wanted.values()))
    except RedisError:
        return dict.fromkeys(wanted)
    return {table: found.get(key) for table, key in wanted.items()}
