"""``valideer(obj)``: Django's ``full_clean()`` with the same errors in fewer queries.

``full_clean()`` asks the database once per foreign key (does the row exist?) and, inside a
transaction, three times per check constraint (a savepoint, ``SELECT 1 WHERE <condition>``, its
release): a signal with five check constraints and five foreign keys cost 20 queries before its
INSERT (docs/performance.md). ``valideer`` gives the same verdict and the same messages with

- no query for a foreign key whose related object is already on the instance (it was read, in
  scope, by a selector; the database's foreign key still guards a row deleted meanwhile), and
- every check constraint of the model evaluated in one ``SELECT`` (inside one savepoint),
  exactly as Django's ``Q.check`` evaluates each one.

Unique checks and any other constraint go through Django unchanged. Services call it where they
would call ``full_clean()``; ``tests/familieschool/test_validatie.py`` compares the two.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldError, ValidationError
from django.db import DatabaseError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Model, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


def valideer(obj: Model, *, exclude: Iterable[str] | None = None) -> None:
    """``obj.full_clean(exclude=exclude)`` in fewer queries (module docstring)."""
    uitgesloten = set(exclude or ())
    errors: dict[str, Any] = {}
    try:
        obj.clean_fields(exclude=uitgesloten | _geladen_sleutels(obj))
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    try:
        obj.clean()
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    # As full_clean: unique checks and constraints only for the fields that passed validation.
    uitgesloten |= {naam for naam in errors if naam != NON_FIELD_ERRORS}
    try:
        obj.validate_unique(exclude=uitgesloten)
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    try:
        _valideer_constraints(obj, uitgesloten)
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _geladen_sleutels(obj: Model) -> set[str]:
    """Foreign keys whose related object is already on the instance, with that object's key."""
    namen = set()
    for veld in obj._meta.concrete_fields:
        if not (veld.many_to_one and veld.is_cached(obj)):  # type: ignore[attr-defined]
            continue
        if getattr(veld.remote_field, "limit_choices_to", None):
            continue  # Django also checks limit_choices_to: its own way
        gerelateerd = veld.get_cached_value(obj)  # type: ignore[attr-defined]
        if gerelateerd is not None and gerelateerd.pk is not None and gerelateerd.pk == getattr(obj, veld.attname):
            namen.add(veld.name)
    return namen


def _valideer_constraints(obj: Model, exclude: set[str]) -> None:
    """``obj.validate_constraints(exclude)``, the check constraints in one query."""
    using = router.db_for_write(obj.__class__, instance=obj)
    errors: dict[str, Any] = {}
    checks: list[CheckConstraint] = []
    for model_class, constraints in obj.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, CheckConstraint) and model_class is obj.__class__:
                checks.append(constraint)  # batched below; a parent model's goes Django's way
                continue
            try:
                constraint.validate(model_class, obj, exclude=exclude, using=using)  # type: ignore[attr-defined]
            except ValidationError as e:
                velden: Any = getattr(constraint, "fields", ())
                if getattr(e, "code", None) == "unique" and len(velden) == 1:
                    errors.setdefault(velden[0], []).append(e)
                else:
                    errors = e.update_error_dict(errors)
    for constraint in _geschonden(obj, checks, exclude, using):
        errors = ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        ).update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _geschonden(obj: Model, checks: list[CheckConstraint], exclude: set[str], using: str) -> list[CheckConstraint]:
    """The check constraints ``obj`` violates, as Django's ``Q.check`` decides each one (NULL
    counts as satisfied, a constraint on an excluded field is skipped), in one SELECT."""
    if not checks:
        return []
    query = Query(None)
    against = obj._get_field_expression_map(meta=obj._meta, exclude=exclude)  # type: ignore[attr-defined]
    for naam, waarde in against.items():
        query.add_annotation(waarde if hasattr(waarde, "resolve_expression") else Value(waarde), naam, select=False)
    gecontroleerd: list[CheckConstraint] = []
    for i, constraint in enumerate(checks):
        try:
            query.add_annotation(
                Coalesce(ExpressionWrapper(Q(constraint.condition), output_field=BooleanField()), True),
                f"_check_{i}",
            )
        except FieldError:  # refers to an excluded field: not checked, as in Django
            continue
        gecontroleerd.append(constraint)
    if not gecontroleerd:
        return []
    connection = connections[using]
    context = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with context:
            rij = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError as e:  # as Q.check: a condition the database cannot evaluate passes
        logger.warning("Databasefout bij het controleren van %s: %s", type(obj).__name__, e)
        return []
    return [constraint for constraint, ok in zip(gecontroleerd, rij, strict=True) if not ok]
