"""The export of everything the app holds about one family, for an access request (AVG art. 15):
the family, its children and their guardians, the consents, the change history of those records,
the access-log rows about them, and the parts other apps register (``register_export_part``).
As a JSON-serialisable dict, and as a UTF-8 JSON file; the PDF is made from the same dict
(``privacy.pdf``)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone

from familieschool.models import Inzage, User
from gezinnen.models import Gezin, Groep, Leerling, Toestemming, Verzorger, Verzorgerschap

FORMAAT = "familieschool-inzageverzoek/1"

# Derived copies of fields that are exported anyway (folded names for search, a hash for
# matching guardians across import rows): noise for the family, so left out of the export.
AFGELEID = frozenset({"zoektekst", "sleutel"})
# Changes nobody asked about: the timestamp moves with every save.
GEEN_WIJZIGING = frozenset({"id", "updated_at", *AFGELEID})

ExportPart = Callable[[Gezin], "dict[str, Any] | list[Any]"]
_export_parts: dict[str, ExportPart] = {}
VASTE_ONDERDELEN = frozenset(
    {"formaat", "aangemaakt_op", "school", "gezin", "kinderen", "verzorgers", "toestemmingen", "historie", "inzagen"}
)


def register_export_part(key: str, fn: ExportPart) -> None:
    """Let another app add what it holds about a family (signals, intakes, activities) under
    ``key``. ``fn(gezin)`` returns JSON-serialisable data with dates as ISO strings; it appears
    in the JSON under ``key`` and in the PDF as an extra section."""
    if key in VASTE_ONDERDELEN:
        raise ValueError(f"{key!r} is a fixed part of the export.")
    _export_parts[key] = fn


def als_json(waarde: Any) -> Any:
    """A value as JSON: dates and times as ISO strings (local time); what other apps' export
    parts use."""
    if isinstance(waarde, dt.datetime):
        return (timezone.localtime(waarde) if timezone.is_aware(waarde) else waarde).isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, uuid.UUID | Decimal):
        return str(waarde)
    return waarde


def _gegevens(obj: models.Model) -> dict[str, Any]:
    """Every stored (non-relation) field of ``obj``, by field name."""
    return {
        field.name: als_json(getattr(obj, field.attname))
        for field in obj._meta.concrete_fields
        if not field.is_relation and field.name not in AFGELEID
    }


def _groep(groep: Groep | None) -> dict[str, Any] | None:
    if groep is None:
        return None
    return {"id": groep.pk, "naam": groep.naam, "schooljaar": str(groep.schooljaar), "soort": groep.soort}


def _event_model(model: type[models.Model]) -> Any:
    return model._meta.get_field("events").related_model


def _historie(bronnen: list[tuple[str, type[models.Model], Q]], namen: dict[tuple[str, int], str]) -> list[dict]:
    """The pghistory events matching each (kind, model, filter), oldest first, each with the
    fields it set (insert) or changed (update) and who did it (from the request context)."""
    regels: list[tuple[dt.datetime, str, int, dict[str, Any]]] = []
    user_ids: set[int] = set()
    for soort, model, filter_ in bronnen:
        event_model = _event_model(model)
        velden = [
            f
            for f in event_model._meta.concrete_fields
            if not f.name.startswith("pgh_") and f.name not in GEEN_WIJZIGING
        ]
        vorige: dict[int, dict[str, Any]] = {}
        for event in event_model.objects.filter(filter_).select_related("pgh_context").order_by("pgh_obj_id", "pgh_id"):
            huidig = {f.name: getattr(event, f.attname) for f in velden}
            eerder = vorige.get(event.pgh_obj_id)
            wijzigingen = [
                {"veld": naam, "oud": als_json(eerder[naam]) if eerder else None, "nieuw": als_json(waarde)}
                for naam, waarde in huidig.items()
                if (eerder is None and waarde not in (None, "")) or (eerder is not None and eerder[naam] != waarde)
            ]
            vorige[event.pgh_obj_id] = huidig
            metadata = event.pgh_context.metadata if event.pgh_context else {}
            user_id = metadata.get("user")
            if isinstance(user_id, int):
                user_ids.add(user_id)
            regel = {
                "tijdstip": als_json(event.pgh_created_at),
                "soort": soort,
                "record_id": event.pgh_obj_id,
                "record": namen.get((soort, event.pgh_obj_id), ""),
                "gebeurtenis": event.pgh_label,
                "door_id": user_id,
                "wijzigingen": wijzigingen,
            }
            regels.append((event.pgh_created_at, soort, event.pgh_id, regel))
    gebruikers = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "naam"))
    historie = []
    for _, _, _, regel in sorted(regels, key=lambda r: r[:3]):
        regel["door"] = gebruikers.get(regel.pop("door_id"), "") if regel["door_id"] else ""
        historie.append(regel)
    return historie


def gezin_export(*, gezin: Gezin) -> dict[str, Any]:
    """Everything the app holds about one family: the family, each child (with groups), each
    guardian (with their relation to each child), the consents, the change history of those
    records, the access-log rows about them, and what other apps registered. JSON-serialisable.

    A fixed number of queries (plus one per registered part); reads only, so call it inside the
    transaction that writes the access-log row for the export."""
    kinderen = list(
        Leerling.objects.filter(gezin=gezin)
        .select_related("groep__schooljaar")
        .prefetch_related(
            Prefetch("samengestelde_groepen", queryset=Groep.objects.select_related("schooljaar").order_by("naam"))
        )
        .order_by("geboortedatum", "roepnaam", "pk")
    )
    kind_ids = [kind.pk for kind in kinderen]
    schappen = list(
        Verzorgerschap.objects.filter(leerling__in=kind_ids)
        .select_related("verzorger", "leerling")
        .order_by("verzorger__achternaam", "verzorger__roepnaam", "verzorger_id", "leerling__roepnaam")
    )
    toestemmingen = list(
        Toestemming.objects.filter(gezin=gezin).select_related("gegeven_door", "vastgelegd_door").order_by("doel")
    )

    verzorgers: dict[int, dict[str, Any]] = {}
    for schap in schappen:
        record = verzorgers.setdefault(schap.verzorger_id, {**_gegevens(schap.verzorger), "kinderen": []})
        record["kinderen"].append(
            {
                "verzorgerschap_id": schap.pk,
                "leerling_id": schap.leerling_id,
                "leerling": schap.leerling.volledige_naam,
                "relatie": schap.relatie,
                "gezag": schap.gezag,
                "volgnummer": schap.volgnummer,
            }
        )
    # A guardian who recorded a consent but is no longer linked to a child is still in the file.
    for toestemming in toestemmingen:
        door = toestemming.gegeven_door
        if door is not None and door.pk not in verzorgers:
            verzorgers[door.pk] = {**_gegevens(door), "kinderen": []}

    namen: dict[tuple[str, int], str] = {("gezin", gezin.pk): gezin.naam}
    namen.update({("leerling", kind.pk): kind.volledige_naam for kind in kinderen})
    namen.update({("verzorger", schap.verzorger_id): schap.verzorger.volledige_naam for schap in schappen})
    namen.update({("verzorgerschap", schap.pk): f"{schap.verzorger} – {schap.leerling}" for schap in schappen})
    namen.update({("toestemming", t.pk): t.get_doel_display() for t in toestemmingen})
    historie = _historie(
        [
            ("gezin", Gezin, Q(pgh_obj_id=gezin.pk)),
            ("leerling", Leerling, Q(pgh_obj_id__in=kind_ids)),
            ("verzorger", Verzorger, Q(pgh_obj_id__in=list(verzorgers))),
            ("verzorgerschap", Verzorgerschap, Q(leerling_id__in=kind_ids)),
            # By family as well as by record: a consent moved here by a merge keeps its history.
            ("toestemming", Toestemming, Q(gezin_id=gezin.pk) | Q(pgh_obj_id__in=[t.pk for t in toestemmingen])),
        ],
        namen,
    )
    inzagen = (
        Inzage.objects.filter(
            Q(record_type="gezinnen.gezin", record_id=str(gezin.pk))
            | Q(record_type="gezinnen.leerling", record_id__in=[str(pk) for pk in kind_ids])
        )
        .select_related("user", "school")
        .order_by("tijdstip")
    )

    export: dict[str, Any] = {
        "formaat": FORMAAT,
        "aangemaakt_op": als_json(timezone.now()),
        "school": {"id": gezin.school_id, "naam": gezin.school.naam},
        "gezin": _gegevens(gezin),
        "kinderen": [
            {
                **_gegevens(kind),
                "groep": _groep(kind.groep),
                "samengestelde_groepen": [_groep(groep) for groep in kind.samengestelde_groepen.all()],
            }
            for kind in kinderen
        ],
        "verzorgers": list(verzorgers.values()),
        "toestemmingen": [
            {
                "id": t.pk,
                "doel": t.doel,
                "doel_omschrijving": t.get_doel_display(),
                "gegeven": t.gegeven,
                "datum": als_json(t.datum),
                "gegeven_door": (
                    {"id": t.gegeven_door_id, "naam": t.gegeven_door.volledige_naam} if t.gegeven_door else None
                ),
                "vastgelegd_door": t.vastgelegd_door.naam,
                "toelichting": t.toelichting,
                "gewijzigd_op": als_json(t.updated_at),
            }
            for t in toestemmingen
        ],
        "historie": historie,
        "inzagen": [
            {
                "tijdstip": als_json(inzage.tijdstip),
                "gebruiker": inzage.user.naam,
                "rol": inzage.rol,
                "school": inzage.school.naam if inzage.school else "",
                "actie": inzage.actie,
                "uitkomst": inzage.uitkomst,
                "record_type": inzage.record_type,
                "record_id": inzage.record_id,
                "doel": inzage.doel,
            }
            for inzage in inzagen
        ],
    }
    for key, fn in _export_parts.items():
        export[key] = fn(gezin)
    return export


def _export_van(gezin: Gezin | None, export: dict[str, Any] | None) -> dict[str, Any]:
    if (gezin is None) == (export is None):
        raise TypeError("Pass either gezin or export.")
    return export if export is not None else gezin_export(gezin=gezin)  # type: ignore[arg-type]


def gezin_export_json(*, gezin: Gezin | None = None, export: dict[str, Any] | None = None) -> bytes:
    """The export as a UTF-8 JSON file (from ``gezin``, or from an export already made)."""
    return json.dumps(_export_van(gezin, export), ensure_ascii=False, indent=2).encode()
