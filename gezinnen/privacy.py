"""The privacy duties for pupils and families (AVG): the export of everything the app holds about
one family for an access request (art. 15), as JSON and as an A4 PDF, and the retention purge that
anonymises pupils, families and guardians who left longer ago than the retention period.

Decisions about the purge (docs/architecture.md):

- A record is anonymised, not deleted: attendance, enrolments and the counts of past years keep
  pointing at a row, but nothing in it points at a person any more.
- Kept: school, groep, jaargroep, geslacht and the dates of entry and exit (for aggregates).
  Cleared: names, leerlingnummer (a random "anon-…" so it stays unique per school), postcode,
  search text and the date of birth. The date of birth is cleared rather than rounded to 1 January:
  with the groep and the exit date a birth year adds little for statistics (jaargroep does that)
  and narrows a pupil down in a small school.
- The pseudonym (uuid) is renewed, so data shared under the old one cannot be linked back.
- The pghistory events of every anonymised record are deleted, including the one the anonymising
  UPDATE itself writes: the history holds full copies of every version, names included.
- Old import reports (which list names) are emptied once they are older than the boundary.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.postgres.functions import RandomUUID
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Cast, Concat, Replace
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from familieschool.models import Inzage, School, User
from familieschool.text import fold
from gezinnen.models import (
    Anonimiseringsronde,
    Gezin,
    Groep,
    Importbatch,
    Kanaal,
    Leerling,
    Taal,
    Toestemming,
    Verzorger,
    Verzorgerschap,
)

FORMAAT = "familieschool-inzageverzoek/1"
ANONIEM = "Geanonimiseerd"
ANONIEM_GEZIN = "Geanonimiseerd gezin"

# Derived copies of fields that are exported anyway (folded names for search, a hash for
# matching guardians across import rows): noise for the family, so left out of the export.
AFGELEID = frozenset({"zoektekst", "sleutel"})
# Changes nobody asked about: the timestamp moves with every save.
GEEN_WIJZIGING = frozenset({"id", "updated_at", *AFGELEID})
GEBEURTENISSEN = {"insert": "aangemaakt", "update": "gewijzigd", "delete": "verwijderd"}


# --- the export ------------------------------------------------------------------------------------

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


def _json(waarde: Any) -> Any:
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
        field.name: _json(getattr(obj, field.attname))
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
                {"veld": naam, "oud": _json(eerder[naam]) if eerder else None, "nieuw": _json(waarde)}
                for naam, waarde in huidig.items()
                if (eerder is None and waarde not in (None, "")) or (eerder is not None and eerder[naam] != waarde)
            ]
            vorige[event.pgh_obj_id] = huidig
            metadata = event.pgh_context.metadata if event.pgh_context else {}
            user_id = metadata.get("user")
            if isinstance(user_id, int):
                user_ids.add(user_id)
            regel = {
                "tijdstip": _json(event.pgh_created_at),
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
        "aangemaakt_op": _json(timezone.now()),
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
                "datum": _json(t.datum),
                "gegeven_door": (
                    {"id": t.gegeven_door_id, "naam": t.gegeven_door.volledige_naam} if t.gegeven_door else None
                ),
                "vastgelegd_door": t.vastgelegd_door.naam,
                "toelichting": t.toelichting,
                "gewijzigd_op": _json(t.updated_at),
            }
            for t in toestemmingen
        ],
        "historie": historie,
        "inzagen": [
            {
                "tijdstip": _json(inzage.tijdstip),
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


# --- the PDF ---------------------------------------------------------------------------------------

# Here rather than in a <style> element: templates carry no inline styles. Margin boxes do not
# inherit the body font, so @page and its boxes name it themselves (as partners.pdf does).
INZAGEVERZOEK_CSS = """
@page {
  size: A4;
  margin: 18mm 16mm 20mm 16mm;
  font-family: "DejaVu Sans", sans-serif;
  @bottom-left {
    content: "Inzageverzoek · " string(gezinsnaam);
    font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555;
  }
  @bottom-right {
    content: "Pagina " counter(page) " van " counter(pages);
    font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555;
  }
}
html { font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; line-height: 1.35; color: #1a1a1a; }
body { margin: 0; }
header.kop { border-bottom: 2.5pt solid #00546b; padding-bottom: 4mm; margin-bottom: 5mm; }
.kop .label { text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt; color: #00546b; margin: 0 0 1mm; }
h1 { font-size: 18pt; margin: 0; color: #0b2e3a; string-set: gezinsnaam content(); }
.kop p { margin: 1.5mm 0 0; color: #444; }
h2 {
  font-size: 12pt; color: #fff; background: #00546b; margin: 6mm 0 3mm; padding: 1.6mm 3mm;
  border-radius: 1.2mm; break-after: avoid;
}
h3 { font-size: 10pt; margin: 3mm 0 1mm; color: #0b2e3a; break-after: avoid; }
section.record { break-inside: avoid; border-left: 1.2mm solid #b8d8e0; padding-left: 3mm; margin-bottom: 3mm; }
table { border-collapse: collapse; width: 100%; }
table.velden th {
  width: 45mm; text-align: left; font-weight: normal; color: #555; vertical-align: top; padding: 0.3mm 2mm 0.3mm 0;
}
table.velden td { padding: 0.3mm 0; overflow-wrap: anywhere; vertical-align: top; }
table.lijst th { text-align: left; border-bottom: 0.8pt solid #00546b; padding: 1mm 1.5mm; font-size: 8pt; }
table.lijst td { border-bottom: 0.4pt solid #ccc; padding: 1mm 1.5mm; vertical-align: top; overflow-wrap: anywhere; }
table.lijst tr { break-inside: avoid; }
table.lijst { table-layout: fixed; }
th.datum, td.datum { width: 19mm; }
th.kort, td.kort { width: 21mm; }
th.naam, td.naam { width: 34mm; }
td { hyphens: manual; }
ul.wijzigingen { margin: 0; padding-left: 3.5mm; }
pre { white-space: pre-wrap; font-size: 7.5pt; background: #f4f7f8; padding: 2mm; border-radius: 1mm; }
.leeg { color: #555; font-style: italic; }
"""

_SOORT_MODEL: dict[str, type[models.Model]] = {
    "gezin": Gezin,
    "leerling": Leerling,
    "verzorger": Verzorger,
    "verzorgerschap": Verzorgerschap,
    "toestemming": Toestemming,
}
_SOORT_LABEL = {
    "gezin": "Gezin",
    "leerling": "Kind",
    "verzorger": "Ouder/verzorger",
    "verzorgerschap": "Relatie ouder–kind",
    "toestemming": "Toestemming",
}


def _veld(model: type[models.Model], naam: str) -> Any:
    try:
        return model._meta.get_field(naam)
    except FieldDoesNotExist:  # not a model field: shown as is
        return None


def _datumtijd(waarde: str) -> str:
    return dt.datetime.fromisoformat(waarde).strftime("%d-%m-%Y %H:%M")


def _toon(
    model: type[models.Model] | None, naam: str, waarde: Any, namen: dict[Any, dict[Any, str]] | None = None
) -> str:
    """One exported value as a Dutch reader expects it: labels for codes, ja/nee, d-m-j dates,
    and for a reference the name of what it refers to when the export holds it (``namen``)."""
    if waarde is None or waarde == "":
        return "—"
    field = _veld(model, naam) if model is not None else None
    if field is not None and field.is_relation and field.related_model is not None:
        gekend = (namen or {}).get(field.related_model, {}).get(waarde)
        if gekend:
            return gekend
        return f"nr. {waarde}"
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(field, models.DateTimeField):
        return _datumtijd(waarde)
    if isinstance(field, models.DateField):
        return dt.date.fromisoformat(waarde).strftime("%d-%m-%Y")
    if isinstance(waarde, dict | list):
        return json.dumps(waarde, ensure_ascii=False)
    return str(waarde)


# Fields without a Dutch verbose_name of their own.
_LABELS = {"id": "Nummer in Familieschool", "created_at": "Aangemaakt op", "updated_at": "Gewijzigd op"}


def _label(model: type[models.Model], naam: str) -> str:
    field = _veld(model, naam)
    if naam in _LABELS:
        return _LABELS[naam]
    label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else naam
    return label[:1].upper() + label[1:]


def _rijen(model: type[models.Model], record: dict[str, Any], overslaan: Iterable[str] = ()) -> list[tuple[str, str]]:
    return [
        (_label(model, naam), _toon(model, naam, waarde)) for naam, waarde in record.items() if naam not in overslaan
    ]


def _namen(export: dict[str, Any]) -> dict[Any, dict[Any, str]]:
    """What the export itself says about the records the history refers to, by model and id."""

    def naam(record: dict[str, Any]) -> str:
        return " ".join(p for p in (record["roepnaam"], record["tussenvoegsel"], record["achternaam"]) if p)

    groepen = {
        g["id"]: f"{g['naam']} ({g['schooljaar']})"
        for k in export["kinderen"]
        for g in [k["groep"], *k["samengestelde_groepen"]]
        if g
    }
    return {
        School: {export["school"]["id"]: export["school"]["naam"]},
        Gezin: {export["gezin"]["id"]: export["gezin"]["naam"]},
        Leerling: {k["id"]: naam(k) for k in export["kinderen"]},
        Verzorger: {v["id"]: naam(v) for v in export["verzorgers"]},
        Groep: groepen,
    }


def _pdf_context(export: dict[str, Any]) -> dict[str, Any]:
    namen = _namen(export)
    kinderen = [
        {
            "titel": " ".join(p for p in (k["roepnaam"], k["tussenvoegsel"], k["achternaam"]) if p),
            "rijen": [
                *_rijen(Leerling, k, overslaan={"groep", "samengestelde_groepen"}),
                ("Groep", f"{k['groep']['naam']} ({k['groep']['schooljaar']})" if k["groep"] else "—"),
                (
                    "Samengestelde groepen",
                    ", ".join(f"{g['naam']} ({g['schooljaar']})" for g in k["samengestelde_groepen"]) or "—",
                ),
            ],
        }
        for k in export["kinderen"]
    ]
    verzorgers = [
        {
            "titel": " ".join(p for p in (v["roepnaam"], v["tussenvoegsel"], v["achternaam"]) if p),
            "rijen": [
                *_rijen(Verzorger, v, overslaan={"kinderen"}),
                *[
                    (
                        f"Relatie tot {schap['leerling']}",
                        f"{_toon(Verzorgerschap, 'relatie', schap['relatie'])}, "
                        f"{'met' if schap['gezag'] else 'zonder'} gezag",
                    )
                    for schap in v["kinderen"]
                ],
            ],
        }
        for v in export["verzorgers"]
    ]
    toestemmingen = [
        {
            **t,
            "gegeven": "gegeven" if t["gegeven"] else "niet gegeven",
            "datum": _toon(Toestemming, "datum", t["datum"]),
            "gegeven_door": t["gegeven_door"]["naam"] if t["gegeven_door"] else "—",
            "gewijzigd_op": _datumtijd(t["gewijzigd_op"]),
        }
        for t in export["toestemmingen"]
    ]
    historie = []
    for regel in export["historie"]:
        model = _SOORT_MODEL.get(regel["soort"])
        historie.append(
            {
                "tijdstip": _datumtijd(regel["tijdstip"]),
                "record": f"{_SOORT_LABEL.get(regel['soort'], regel['soort'])} {regel['record']}".strip()
                if regel["soort"] != "gezin"
                else regel["record"] or "Gezin",
                "gebeurtenis": GEBEURTENISSEN.get(regel["gebeurtenis"], regel["gebeurtenis"]),
                "door": regel["door"] or "—",
                "wijzigingen": [
                    f"{_label(model, w['veld']) if model else w['veld']}: "
                    + (f"{_toon(model, w['veld'], w['oud'], namen)} → " if regel["gebeurtenis"] != "insert" else "")
                    + _toon(model, w["veld"], w["nieuw"], namen)
                    for w in regel["wijzigingen"]
                ],
            }
        )
    inzagen = [
        {
            **i,
            "tijdstip": _datumtijd(i["tijdstip"]),
            "rol": _toon(Inzage, "rol", i["rol"]),
            "actie": _toon(Inzage, "actie", i["actie"]),
            "uitkomst": _toon(Inzage, "uitkomst", i["uitkomst"]),
        }
        for i in export["inzagen"]
    ]
    overige = [
        {"titel": key.replace("_", " ").capitalize(), "inhoud": json.dumps(waarde, ensure_ascii=False, indent=2)}
        for key, waarde in export.items()
        if key not in VASTE_ONDERDELEN
    ]
    return {
        "export": export,
        "aangemaakt_op": _datumtijd(export["aangemaakt_op"]),
        "gezin_rijen": _rijen(Gezin, export["gezin"]),
        "kinderen": kinderen,
        "verzorgers": verzorgers,
        "toestemmingen": toestemmingen,
        "historie": historie,
        "inzagen": inzagen,
        "overige": overige,
    }


def gezin_export_pdf(*, gezin: Gezin | None = None, export: dict[str, Any] | None = None) -> bytes:
    """The export as an A4 PDF with Dutch headings. WeasyPrint may fetch nothing: the template is
    self-contained."""
    html = render_to_string("gezinnen/inzageverzoek_pdf.html", _pdf_context(_export_van(gezin, export)))
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=INZAGEVERZOEK_CSS, url_fetcher=fetcher)])
    return pdf


# --- the retention purge ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bewaarrapport:
    """What a purge would anonymise now: the records, not yet changed."""

    grens: dt.date
    leerling_ids: list[int]
    gezin_ids: list[int]
    verzorger_ids: list[int]


def bewaartermijn_grens(peildatum: dt.date | None = None) -> dt.date:
    """Pupils who left before this date are past the retention period."""
    peildatum = peildatum or timezone.localdate()
    return peildatum - dt.timedelta(days=settings.FAMILIESCHOOL_BEWAARTERMIJN_LEERLINGEN_DAGEN)


def te_anonimiseren(*, peildatum: dt.date | None = None, school: School | None = None) -> Bewaarrapport:
    """The pupils who left before the boundary and are not yet anonymised; the families none of
    whose children stay (every child anonymised or about to be); the guardians none of whose
    children stay. Three queries; writes nothing. ``school=None`` means every school."""
    grens = bewaartermijn_grens(peildatum)
    per_school = Q(school=school) if school is not None else Q()
    leerling_ids = list(
        Leerling.objects.filter(per_school, uitstroomdatum__lt=grens, geanonimiseerd_op__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    blijvende_kinderen = Leerling.objects.filter(geanonimiseerd_op__isnull=True).exclude(pk__in=leerling_ids)
    gezin_ids = list(
        Gezin.objects.filter(per_school, geanonimiseerd_op__isnull=True)
        .filter(Exists(Leerling.objects.filter(gezin=OuterRef("pk"))))
        .exclude(Exists(blijvende_kinderen.filter(gezin=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    verzorger_ids = list(
        Verzorger.objects.filter(per_school, geanonimiseerd_op__isnull=True)
        .filter(Exists(Verzorgerschap.objects.filter(verzorger=OuterRef("pk"))))
        .exclude(Exists(Verzorgerschap.objects.filter(verzorger=OuterRef("pk"), leerling__in=blijvende_kinderen)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return Bewaarrapport(grens=grens, leerling_ids=leerling_ids, gezin_ids=gezin_ids, verzorger_ids=verzorger_ids)


def _anon_code() -> Concat:
    """'anon-' and 32 random hex digits, computed per row by the database."""
    return Concat(Value("anon-"), Replace(Cast(RandomUUID(), CharField()), Value("-"), Value("")))


@transaction.atomic
def anonimiseer_vertrokken(
    *, peildatum: dt.date | None = None, proefdraai: bool, school: School | None = None
) -> Anonimiseringsronde:
    """Anonymise the pupils who left before the retention boundary, and the families and
    guardians who have no other child left; a dry run only counts. Either way an
    Anonimiseringsronde records the counts. A fixed number of queries, whatever the numbers.

    Side effects (not in a dry run): personal fields of those records emptied, the consents of
    those families stripped of who gave them and why, their pghistory events deleted, and the
    reports of import batches older than the boundary emptied."""
    rapport = te_anonimiseren(peildatum=peildatum, school=school)
    if not proefdraai:
        _anonimiseer(rapport, school=school)
    return Anonimiseringsronde.objects.create(
        school=school,
        proefdraai=proefdraai,
        grens=rapport.grens,
        aantal_leerlingen=len(rapport.leerling_ids),
        aantal_gezinnen=len(rapport.gezin_ids),
        aantal_verzorgers=len(rapport.verzorger_ids),
    )


def _refresh_zoektekst_van_gebleven_gezinnen(*, leerlingen: list[int], gezinnen: list[int]) -> None:
    """A family that keeps a child still finds by the names of all its children: recompute its
    search text (as services.refresh_gezin does), so the anonymised child's name leaves it.
    Not tracked by pghistory, so no event to clean up. Three queries at most."""
    gebleven = list(
        Gezin.objects.filter(leerlingen__in=leerlingen)
        .exclude(pk__in=gezinnen)
        .distinct()
        .prefetch_related(Prefetch("leerlingen", queryset=Leerling.objects.only("gezin", "zoektekst")))
    )
    for gezin in gebleven:
        gezin.zoektekst = " ".join([fold(gezin.naam), *(kind.zoektekst for kind in gezin.leerlingen.all())])
    Gezin.objects.bulk_update(gebleven, ["zoektekst"])


def _anonimiseer(rapport: Bewaarrapport, *, school: School | None) -> None:
    nu = timezone.now()
    leerlingen, gezinnen, verzorgers = rapport.leerling_ids, rapport.gezin_ids, rapport.verzorger_ids
    Leerling.objects.filter(pk__in=leerlingen).update(
        roepnaam=ANONIEM,
        tussenvoegsel="",
        achternaam=ANONIEM,
        leerlingnummer=_anon_code(),
        uuid=RandomUUID(),
        geboortedatum=None,
        postcode="",
        zoektekst="",
        geanonimiseerd_op=nu,
        updated_at=nu,
    )
    Gezin.objects.filter(pk__in=gezinnen).update(
        naam=ANONIEM_GEZIN, notitie="", zoektekst="", uuid=RandomUUID(), geanonimiseerd_op=nu
    )
    Verzorger.objects.filter(pk__in=verzorgers).update(
        roepnaam="",
        tussenvoegsel="",
        achternaam=ANONIEM,
        sleutel=_anon_code(),
        telefoon="",
        email="",
        straat="",
        huisnummer="",
        postcode="",
        woonplaats="",
        voorkeurstaal=Taal.NL,
        tolk_nodig=False,
        voorkeurskanaal=Kanaal.EMAIL,
        geanonimiseerd_op=nu,
    )
    Toestemming.objects.filter(gezin__in=gezinnen).update(gegeven_door=None, toelichting="", updated_at=nu)
    _refresh_zoektekst_van_gebleven_gezinnen(leerlingen=leerlingen, gezinnen=gezinnen)

    # The history last, so the events the updates above just wrote go too.
    _event_model(Leerling).objects.filter(pgh_obj_id__in=leerlingen).delete()
    _event_model(Gezin).objects.filter(pgh_obj_id__in=gezinnen).delete()
    _event_model(Verzorger).objects.filter(pgh_obj_id__in=verzorgers).delete()
    _event_model(Verzorgerschap).objects.filter(Q(leerling_id__in=leerlingen) | Q(verzorger_id__in=verzorgers)).delete()
    _event_model(Toestemming).objects.filter(
        Q(gezin_id__in=gezinnen) | Q(pgh_obj_id__in=Toestemming.objects.filter(gezin__in=gezinnen).values("pk"))
    ).delete()

    # Import reports list names and numbers; the ones older than the boundary have done their job.
    oude_batches = Importbatch.objects.filter(
        created_at__date__lt=rapport.grens,
        status__in=[Importbatch.Status.VERWERKT, Importbatch.Status.AFGEWEZEN, Importbatch.Status.MISLUKT],
    )
    if school is not None:
        oude_batches = oude_batches.filter(school=school)
    oude_batches.exclude(gegevens={}, afgewezen_regels=[], verschillen={}).update(
        gegevens={}, afgewezen_regels=[], verschillen={}
    )
