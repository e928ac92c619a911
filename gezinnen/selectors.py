"""Reads of pupils, groups, families and guardians, scoped to what the user may see at the active
school (DESIGN.md §4): staff with a family role see the whole school, a teacher only the pupils
of their own groups, a begeleider only the pupils of their own activities (the activities app
adds that scope), the board nothing. A record outside the scope does not exist (404)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from familieschool.models import School, Schooljaar, User
from familieschool.roles import Rol, heeft_recht
from familieschool.selectors import schooljaar_for_date
from familieschool.text import search_terms
from gezinnen.models import Doel, Gezin, Groep, Importbatch, Leerling, Toestemming, Verzorger, Verzorgerschap

# Roles that see every pupil of the active school.
HELE_SCHOOL = frozenset(
    {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.OKA, Rol.BUURTTEAM, Rol.SCHOOLLEIDER, Rol.BEHEERDER}
)

# Extra scopes other apps contribute for a role: (user, school) → a Q on Leerling. The activities
# app registers one for the begeleider ("the pupils of my activities").
ScopeProvider = Callable[[User, School], Q]
_scope_providers: dict[str, dict[str, ScopeProvider]] = {}


def register_leerling_scope(rol: str, key: str, provider: ScopeProvider) -> None:
    _scope_providers.setdefault(rol, {})[key] = provider


def _rol_scope(*, user: User, rol: str | None, school: School) -> Q | None:
    """The pupils of ``school`` this role may see, as a Q; None means all of them."""
    if rol in HELE_SCHOOL:
        return None
    scope = Q(pk__in=[])
    if rol == Rol.LEERKRACHT:
        scope = Q(groep__leerkrachten=user) | Q(samengestelde_groepen__leerkrachten=user)
    for provider in _scope_providers.get(rol or "", {}).values():
        scope |= provider(user, school)
    return scope


def is_uitgestroomd_q(peildatum: dt.date | None = None) -> Q:
    return Q(uitstroomdatum__isnull=False, uitstroomdatum__lte=peildatum or timezone.localdate())


def leerlingen_for_user(
    *, user: User, rol: str | None, school: School, met_uitgestroomd: bool = False
) -> QuerySet[Leerling]:
    """Pupils of the active school the user may see; leavers only when asked for."""
    if not heeft_recht(rol, "gezinnen.lezen"):
        return Leerling.objects.none()
    qs = Leerling.objects.filter(school=school, geanonimiseerd_op__isnull=True)
    scope = _rol_scope(user=user, rol=rol, school=school)
    if scope is not None:
        # Through the M2M a pupil can match twice; select the ids first so the result is distinct
        # without DISTINCT on the whole row (which would clash with ordering and annotations).
        qs = qs.filter(pk__in=Leerling.objects.filter(school=school).filter(scope).values("pk"))
    if not met_uitgestroomd:
        qs = qs.exclude(is_uitgestroomd_q())
    return qs


def zoek_leerlingen(
    *, user: User, rol: str | None, school: School, q: str = "", groep: Groep | None = None, met_uitgestroomd=False
) -> QuerySet[Leerling]:
    """Pupils matching what was typed: every word must start a word of the folded name or be part
    of the number ("anais", "van dijk", "dijk", "2018102"), accent-free. Name starts rank first."""
    qs = leerlingen_for_user(user=user, rol=rol, school=school, met_uitgestroomd=met_uitgestroomd)
    if groep is not None:
        qs = qs.filter(Q(groep=groep) | Q(samengestelde_groepen=groep)).distinct()
    for term in search_terms(q):
        # Word-start match on the folded text (the text starts with a space-free word, hence the
        # two alternatives); digits may match anywhere in the number.
        word_start = Q(zoektekst__startswith=term) | Q(zoektekst__contains=f" {term}")
        qs = qs.filter(word_start | Q(leerlingnummer__contains=term) if term.isdigit() else word_start)
    return qs.select_related("groep", "gezin").order_by("achternaam", "roepnaam", "pk")


def leerling_detail_queryset(*, user: User, rol: str | None, school: School) -> QuerySet[Leerling]:
    return (
        leerlingen_for_user(user=user, rol=rol, school=school, met_uitgestroomd=True)
        .select_related("groep", "gezin")
        .prefetch_related(
            Prefetch("samengestelde_groepen", queryset=Groep.objects.order_by("naam")),
            Prefetch(
                "verzorgerschappen",
                queryset=Verzorgerschap.objects.select_related("verzorger").order_by("volgnummer"),
            ),
        )
    )


# --- groups ---------------------------------------------------------------------------------------


def huidig_schooljaar() -> Schooljaar:
    return schooljaar_for_date()


def groepen_for_user(*, user: User, rol: str | None, school: School, schooljaar: Schooljaar) -> QuerySet[Groep]:
    """Groups of the school year with the number of (current) pupils the user may see in each."""
    if not heeft_recht(rol, "gezinnen.lezen"):
        return Groep.objects.none()
    zichtbaar = leerlingen_for_user(user=user, rol=rol, school=school)
    qs = Groep.objects.filter(school=school, schooljaar=schooljaar)
    if rol not in HELE_SCHOOL:
        qs = qs.filter(Q(leerlingen__in=zichtbaar) | Q(deelnemers__in=zichtbaar) | Q(leerkrachten=user)).distinct()
    stam = Count("leerlingen", filter=Q(leerlingen__in=zichtbaar), distinct=True)
    samengesteld = Count("deelnemers", filter=Q(deelnemers__in=zichtbaar), distinct=True)
    return (
        qs.annotate(aantal_stam=stam, aantal_samengesteld=samengesteld)
        .prefetch_related(Prefetch("leerkrachten", queryset=User.objects.order_by("naam")))
        .order_by("soort", "naam")
    )


def groepen_zichtbaar(*, user: User, rol: str | None, school: School) -> QuerySet[Groep]:
    """Groups of any school year the user may open: all of the school for staff with a family
    role, else the groups they teach or whose pupils they may see."""
    if not heeft_recht(rol, "gezinnen.lezen"):
        return Groep.objects.none()
    qs = Groep.objects.filter(school=school)
    if rol in HELE_SCHOOL:
        return qs
    zichtbaar = leerlingen_for_user(user=user, rol=rol, school=school, met_uitgestroomd=True)
    return qs.filter(
        Q(pk__in=zichtbaar.values("groep"))
        | Q(pk__in=zichtbaar.values("samengestelde_groepen"))
        | Q(pk__in=Groep.objects.filter(leerkrachten=user).values("pk"))
    )


def schooljaren_met_groepen(*, school: School) -> list[Schooljaar]:
    return list(Schooljaar.objects.filter(groepen__school=school).distinct().order_by("-startjaar"))


# --- families -------------------------------------------------------------------------------------


def gezinnen_for_user(*, user: User, rol: str | None, school: School, met_uitgestroomd=False) -> QuerySet[Gezin]:
    """Families with at least one child the user may see. A begeleider sees names of pupils only,
    never a family file."""
    if not heeft_recht(rol, "gezinnen.lezen") or rol == Rol.BEGELEIDER:
        return Gezin.objects.none()
    kinderen = leerlingen_for_user(user=user, rol=rol, school=school, met_uitgestroomd=met_uitgestroomd)
    return Gezin.objects.filter(school=school, geanonimiseerd_op__isnull=True).filter(
        Exists(kinderen.filter(gezin=OuterRef("pk")))
    )


def zoek_gezinnen(*, user: User, rol: str | None, school: School, q: str = "") -> QuerySet[Gezin]:
    qs = gezinnen_for_user(user=user, rol=rol, school=school)
    for term in search_terms(q):
        qs = qs.filter(Q(zoektekst__startswith=term) | Q(zoektekst__contains=f" {term}"))
    return _gezinnen_lijst(qs)


def _gezinnen_lijst(qs: QuerySet[Gezin]) -> QuerySet[Gezin]:
    vandaag = timezone.localdate()
    huidige = Leerling.objects.exclude(uitstroomdatum__lte=vandaag).select_related("groep").order_by("roepnaam")
    return qs.prefetch_related(Prefetch("leerlingen", queryset=huidige, to_attr="huidige_kinderen")).order_by(
        "naam", "pk"
    )


@dataclass(frozen=True)
class Gezinsdossier:
    """What the family file shows, already cut to the role."""

    gezin: Gezin
    kinderen: list[Leerling]
    verzorgers: list[tuple[Verzorger, list[Verzorgerschap]]]
    toestemmingen: dict[str, Toestemming | None]
    contactgegevens_zichtbaar: bool


def contactgegevens_zichtbaar(*, rol: str | None, gezin: Gezin, toestemmingen: dict[str, Toestemming | None]) -> bool:
    """The OKA and the Buurtteam see the guardians' contact details only when the family has
    consented to sharing with them (reference/domain.md §8); the school's own staff always do."""
    if rol in {Rol.OKA, Rol.BUURTTEAM}:
        toestemming = toestemmingen.get(Doel.DELEN_FSP)
        return toestemming is not None and toestemming.gegeven
    return True


def gezin_dossier(*, gezin: Gezin, user: User, rol: str | None, school: School) -> Gezinsdossier:
    """The family file in a fixed number of queries: children (with their groups), guardians
    (with their relation to each child) and consents."""
    # The names of each child's composite groups come along as an array (no second query).
    samengesteld = Groep.objects.filter(deelnemers=OuterRef("pk")).order_by("naam").values("naam")
    kinderen: list[Leerling] = list(
        leerlingen_for_user(user=user, rol=rol, school=school, met_uitgestroomd=True)
        .filter(gezin=gezin)
        .select_related("groep")
        .annotate(samengestelde_groepsnamen=ArraySubquery(samengesteld))
        .order_by("geboortedatum", "roepnaam")
    )
    per_kind = {kind.pk: kind for kind in kinderen}
    schappen = list(
        Verzorgerschap.objects.filter(leerling__in=list(per_kind))
        .select_related("verzorger")
        .order_by("verzorger__achternaam", "verzorger__roepnaam", "verzorger_id", "leerling__roepnaam")
    )
    per_verzorger: dict[int, tuple[Verzorger, list[Verzorgerschap]]] = {}
    for schap in schappen:
        schap.leerling = per_kind[schap.leerling_id]  # the child is loaded already
        per_verzorger.setdefault(schap.verzorger_id, (schap.verzorger, []))[1].append(schap)
    bestaand = {
        t.doel: t for t in Toestemming.objects.filter(gezin=gezin).select_related("gegeven_door", "vastgelegd_door")
    }
    toestemmingen = {doel: bestaand.get(doel) for doel in Doel.values}
    return Gezinsdossier(
        gezin=gezin,
        kinderen=kinderen,
        verzorgers=list(per_verzorger.values()),
        toestemmingen=toestemmingen,
        contactgegevens_zichtbaar=contactgegevens_zichtbaar(rol=rol, gezin=gezin, toestemmingen=toestemmingen),
    )


def verzorgers_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Verzorger]:
    kinderen = leerlingen_for_user(user=user, rol=rol, school=school, met_uitgestroomd=True)
    if rol == Rol.BEGELEIDER:
        return Verzorger.objects.none()
    return Verzorger.objects.filter(school=school, geanonimiseerd_op__isnull=True).filter(
        Exists(Verzorgerschap.objects.filter(verzorger=OuterRef("pk"), leerling__in=kinderen))
    )


# --- imports --------------------------------------------------------------------------------------


def importbatches_for_user(*, rol: str | None, school: School) -> QuerySet[Importbatch]:
    if not heeft_recht(rol, "gezinnen.importeren"):
        return Importbatch.objects.none()
    return Importbatch.objects.filter(school=school).select_related("geupload_door", "goedgekeurd_door")


def wachtende_importbatches(*, rol: str | None, school: School) -> QuerySet[Importbatch]:
    return importbatches_for_user(rol=rol, school=school).filter(status=Importbatch.Status.TE_BEOORDELEN)
