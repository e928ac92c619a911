"""Reads of core data, scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from familieschool.models import Accountuitnodiging, Inzage, Lidmaatschap, School, Schooljaar, User
from familieschool.roles import BESTUURSBREDE_ROLLEN, Rol, heeft_recht


@dataclass(frozen=True)
class ActieveRol:
    """The school a user works at right now and their role there."""

    school: School
    rol: str
    lidmaatschap: Lidmaatschap

    @property
    def is_aandachtsfunctionaris(self) -> bool:
        return self.lidmaatschap.is_aandachtsfunctionaris


def lidmaatschappen_for_user(user: User) -> list[Lidmaatschap]:
    return list(
        Lidmaatschap.objects.filter(user=user, actief=True)
        .select_related("school", "school__bestuur")
        .order_by("school__naam")
    )


def scholen_for_lidmaatschappen(lidmaatschappen: list[Lidmaatschap]) -> list[tuple[School, Lidmaatschap]]:
    """Schools the user may work at, each with the membership that grants it. Board-wide roles
    (bestuur, beheerder) reach every school of their board."""
    scholen: dict[int, tuple[School, Lidmaatschap]] = {}
    for lid in lidmaatschappen:
        scholen[lid.school_id] = (lid.school, lid)
    bestuursbreed = [lid for lid in lidmaatschappen if lid.rol in BESTUURSBREDE_ROLLEN]
    if bestuursbreed:
        besturen = {lid.school.bestuur_id: lid for lid in bestuursbreed}
        for school in School.objects.filter(bestuur_id__in=besturen).select_related("bestuur"):
            scholen.setdefault(school.pk, (school, besturen[school.bestuur_id]))
    return sorted(scholen.values(), key=lambda pair: pair[0].naam)


def actieve_rol(scholen: list[tuple[School, Lidmaatschap]], gekozen_school_id: int | None) -> ActieveRol | None:
    """The chosen school if the user may work there, else the school of their oldest membership."""
    if not scholen:
        return None
    for school, lid in scholen:
        if school.pk == gekozen_school_id:
            return ActieveRol(school=school, rol=lid.rol, lidmaatschap=lid)
    eerste = min((lid for _, lid in scholen), key=lambda lid: lid.pk)
    return ActieveRol(school=eerste.school, rol=eerste.rol, lidmaatschap=eerste)


def schooljaar_for_date(datum: dt.date | None = None) -> Schooljaar:
    """The school year a date falls in (created on first use: the calendar needs no admin)."""
    datum = datum or timezone.localdate()
    startjaar = Schooljaar.startjaar_voor(datum)
    begin, einde = Schooljaar.grenzen(startjaar)
    schooljaar, _ = Schooljaar.objects.get_or_create(
        startjaar=startjaar, defaults={"begindatum": begin, "einddatum": einde}
    )
    return schooljaar


def scholen_in_scope(*, user: User, rol: str, school: School) -> QuerySet[School]:
    """Schools whose users and logs the role manages: the board for board-wide roles, else one."""
    if rol in BESTUURSBREDE_ROLLEN:
        return School.objects.filter(bestuur_id=school.bestuur_id)
    return School.objects.filter(pk=school.pk)


def lidmaatschappen_for_beheer(*, user: User, rol: str, school: School) -> QuerySet[Lidmaatschap]:
    """Memberships the user may see on the users page (coordinator: own school; beheerder: board)."""
    if not heeft_recht(rol, "gebruikers.uitnodigen"):
        return Lidmaatschap.objects.none()
    return (
        Lidmaatschap.objects.filter(school__in=scholen_in_scope(user=user, rol=rol, school=school))
        .select_related("user", "school")
        .order_by("school__naam", "user__naam")
    )


def uitnodigingen_for_beheer(*, user: User, rol: str, school: School) -> QuerySet[Accountuitnodiging]:
    if not heeft_recht(rol, "gebruikers.uitnodigen"):
        return Accountuitnodiging.objects.none()
    return (
        Accountuitnodiging.objects.filter(school__in=scholen_in_scope(user=user, rol=rol, school=school))
        .select_related("school", "uitgenodigd_door")
        .order_by("-created_at")
    )


def open_uitnodigingen_for_beheer(*, user: User, rol: str, school: School) -> QuerySet[Accountuitnodiging]:
    return uitnodigingen_for_beheer(user=user, rol=rol, school=school).filter(
        geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True, verloopt_op__gt=timezone.now()
    )


def uitnodiging_by_token_hash(token_hash: str) -> Accountuitnodiging | None:
    return Accountuitnodiging.objects.select_related("school").filter(token_hash=token_hash).first()


@dataclass(frozen=True)
class InzageFilter:
    gebruiker: str = ""
    school_id: int | None = None
    record_type: str = ""
    actie: str = ""
    van: dt.date | None = None
    tot: dt.date | None = None


def inzagen_for_user(*, user: User, rol: str, school: School, filters: InzageFilter) -> QuerySet[Inzage]:
    """The access log, for the beheerder only, limited to the schools of their board."""
    if not heeft_recht(rol, "inzagelog.lezen"):
        return Inzage.objects.none()
    scholen = scholen_in_scope(user=user, rol=rol, school=school)
    qs = Inzage.objects.filter(school__in=scholen)
    if filters.gebruiker:
        qs = qs.filter(Q(user__naam__icontains=filters.gebruiker) | Q(user__email__icontains=filters.gebruiker))
    if filters.school_id:
        qs = qs.filter(school_id=filters.school_id)
    if filters.record_type:
        qs = qs.filter(record_type=filters.record_type)
    if filters.actie:
        qs = qs.filter(actie=filters.actie)
    if filters.van:
        qs = qs.filter(tijdstip__date__gte=filters.van)
    if filters.tot:
        qs = qs.filter(tijdstip__date__lte=filters.tot)
    return qs.select_related("user", "school").order_by("-tijdstip")


def record_types_in_log() -> list[str]:
    return list(Inzage.objects.order_by().values_list("record_type", flat=True).distinct())


def rollen_for_uitnodiger(rol: str) -> list[tuple[str, str]]:
    from familieschool.roles import DOOR_COORDINATOR_UIT_TE_NODIGEN

    if rol == Rol.BEHEERDER:
        return list(Rol.choices)
    return [(value, label) for value, label in Rol.choices if value in DOOR_COORDINATOR_UIT_TE_NODIGEN]


def user_exists_with_email(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()
