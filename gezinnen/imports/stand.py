"""The two sides of the comparison as data: what the database holds for the school (``_Stand``,
loaded in a fixed number of queries), and everything the import would change (``_Plan``), which
the preview shows and the apply executes. Also the fields of a pupil and a guardian that the
import owns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from familieschool.models import Lidmaatschap, School, Schooljaar, User
from gezinnen.models import Gezin, Groep, Importbatch, Leerling, Verzorger, Verzorgerschap


@dataclass
class _Stand:
    """What the database holds for the school, loaded in a fixed number of queries."""

    leerlingen: dict[str, Leerling]
    groepen: dict[str, Groep]  # of the file's school year, by sleutel
    samengesteld: dict[int, dict[str, int]]  # leerling id → {groep sleutel: through-row id}
    koppelingen: list[Verzorgerschap]
    verzorgers: dict[int, Verzorger]
    verzorger_op_sleutel: dict[str, Verzorger]
    leerkrachten: dict[int, dict[int, str]]  # groep id → {user id: naam}
    gebruikers: dict[str, User]  # e-mail (lower case) → user with an active membership here
    gezinnen: dict[int, str]  # gezin id → naam


def _laad_stand(*, school: School, schooljaar: Schooljaar, emails: Iterable[str]) -> _Stand:
    leerlingen = {
        leerling.leerlingnummer: leerling
        for leerling in Leerling.objects.filter(school=school).select_related("groep", "groep__schooljaar")
    }
    groepen = {groep.sleutel: groep for groep in Groep.objects.filter(school=school, schooljaar=schooljaar)}
    samengesteld: dict[int, dict[str, int]] = defaultdict(dict)
    doorgang = Leerling.samengestelde_groepen.through.objects.filter(
        groep__school=school, groep__schooljaar=schooljaar
    ).values_list("pk", "leerling_id", "groep__sleutel")
    for pk, leerling_id, sleutel in doorgang:
        samengesteld[leerling_id][sleutel] = pk
    koppelingen = list(Verzorgerschap.objects.filter(leerling__school=school).order_by("pk"))
    verzorgers = {verzorger.pk: verzorger for verzorger in Verzorger.objects.filter(school=school).order_by("pk")}
    op_sleutel: dict[str, Verzorger] = {}
    for verzorger in verzorgers.values():
        op_sleutel.setdefault(verzorger.sleutel, verzorger)
    leerkrachten: dict[int, dict[int, str]] = defaultdict(dict)
    for groep_id, user_id, naam in Groep.leerkrachten.through.objects.filter(
        groep__school=school, groep__schooljaar=schooljaar
    ).values_list("groep_id", "user_id", "user__naam"):
        leerkrachten[groep_id][user_id] = naam
    emails = {email for email in emails if email}
    gebruikers: dict[str, User] = {}
    if emails:
        actief = Lidmaatschap.objects.filter(school=school, actief=True).values("user_id")
        for user in User.objects.filter(is_active=True, pk__in=actief):
            if user.email.lower() in emails:
                gebruikers[user.email.lower()] = user
    gezinnen = dict(Gezin.objects.filter(school=school).values_list("pk", "naam"))
    return _Stand(
        leerlingen=leerlingen,
        groepen=groepen,
        samengesteld=samengesteld,
        koppelingen=koppelingen,
        verzorgers=verzorgers,
        verzorger_op_sleutel=op_sleutel,
        leerkrachten=leerkrachten,
        gebruikers=gebruikers,
        gezinnen=gezinnen,
    )


def _stand_voor(batch: Importbatch) -> _Stand:
    assert batch.schooljaar is not None  # set by start_import  # noqa: S101
    return _laad_stand(
        school=batch.school,
        schooljaar=batch.schooljaar,
        emails=(leerkracht["email"] for leerkracht in batch.gegevens.get("leerkrachten", [])),
    )


LEERLING_VELDEN = (
    "roepnaam",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "jaargroep",
    "postcode",
    "instroomdatum",
    "uitstroomdatum",
)
DATUM_VELDEN = {"geboortedatum", "instroomdatum", "uitstroomdatum"}
VERZORGER_VELDEN = (
    "roepnaam",
    "tussenvoegsel",
    "achternaam",
    "telefoon",
    "email",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "voorkeurstaal",
    "tolk_nodig",
)


@dataclass
class _NieuweVerzorger:
    sleutel: str
    velden: dict[str, Any]
    kanaal: str
    kinderen: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    """Everything the import would change, as data: shown in the preview, executed by the apply."""

    verschillen: dict[str, list[dict[str, Any]]]
    aantallen: dict[str, int]
    groepen_nieuw: list[dict[str, Any]] = field(default_factory=list)
    groepen_bijwerken: list[Groep] = field(default_factory=list)
    leerlingen_nieuw: list[dict[str, Any]] = field(default_factory=list)
    leerlingen_bijwerken: dict[int, tuple[Leerling, dict[str, Any]]] = field(default_factory=dict)
    samengesteld_weg: list[int] = field(default_factory=list)
    samengesteld_erbij: list[tuple[str, str]] = field(default_factory=list)  # (leerlingnummer, groep sleutel)
    verzorgers_nieuw: dict[str, _NieuweVerzorger] = field(default_factory=dict)
    verzorgers_bijwerken: dict[int, tuple[Verzorger, dict[str, Any]]] = field(default_factory=dict)
    # (verzorger id or new-guardian key, leerlingnummer, relatie, gezag, volgnummer)
    koppelingen_nieuw: list[tuple[int | str, str, str, bool, int]] = field(default_factory=list)
    koppelingen_bijwerken: list[tuple[Verzorgerschap, dict[str, Any]]] = field(default_factory=list)
    leerkrachten: dict[str, tuple[set[int], set[int]]] = field(default_factory=dict)  # sleutel → (erbij, weg)
    gezin_voor: dict[str, int | str] = field(default_factory=dict)  # leerlingnummer → gezin id or new key
    gezinnen_nieuw: dict[str, str] = field(default_factory=dict)  # new key → naam
