"""Reads of signals, scoped per DESIGN.md §4:

- the reporter sees the signals they logged;
- a handler (oka, buurtteam, anyone) sees the signals routed to them;
- the coordinator and the brugfunctionaris see every signal at their school, without the
  restricted note;
- a teacher or begeleider never sees another person's signals;
- veiligheid signals: only the aandachtsfunctionaris, the handler (and the reporter);
- the school leader and the board see counts only, with small numbers suppressed.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.models import Lidmaatschap, School, User
from familieschool.roles import Rol, heeft_recht
from gezinnen.models import Gezin, Signaal, SignaalGebeurtenis, SignaalStatus

ALLE_SIGNALEN_VAN_SCHOOL = frozenset({Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS})


def is_aandachtsfunctionaris(*, user: User, school: School) -> bool:
    return Lidmaatschap.objects.filter(user=user, school=school, actief=True, is_aandachtsfunctionaris=True).exists()


def _scope(*, user: User, rol: str | None, school: School, aandachtsfunctionaris: bool) -> Q:
    eigen = Q(gemeld_door=user) | Q(behandelaar=user)
    if rol in ALLE_SIGNALEN_VAN_SCHOOL:
        scope = eigen | ~Q(categorie=Hulpdomein.VEILIGHEID)
    else:
        scope = eigen
    if aandachtsfunctionaris:
        scope |= Q(categorie=Hulpdomein.VEILIGHEID)
    return scope


def signalen_for_user(
    *, user: User, rol: str | None, school: School, aandachtsfunctionaris: bool | None = None
) -> QuerySet[Signaal]:
    """The signals this user may read at the active school (a 404 for anything else)."""
    if not heeft_recht(rol, "signalen.lezen"):
        return Signaal.objects.none()
    if aandachtsfunctionaris is None:
        aandachtsfunctionaris = is_aandachtsfunctionaris(user=user, school=school)
    return Signaal.objects.filter(school=school).filter(
        _scope(user=user, rol=rol, school=school, aandachtsfunctionaris=aandachtsfunctionaris)
    )


def mag_beperkte_notitie_lezen(*, signaal: Signaal, user: User, aandachtsfunctionaris: bool) -> bool:
    return signaal.behandelaar_id == user.pk or aandachtsfunctionaris


def mag_behandelen(*, signaal: Signaal, user: User, rol: str | None, aandachtsfunctionaris: bool) -> bool:
    """Who may move a signal along: its handler, the aandachtsfunctionaris for veiligheid, and the
    coordinator or brugfunctionaris (who keep the overview and step in when a handler is away)."""
    if signaal.behandelaar_id == user.pk:
        return True
    if signaal.categorie == Hulpdomein.VEILIGHEID:
        return aandachtsfunctionaris
    return rol in ALLE_SIGNALEN_VAN_SCHOOL


SIGNAAL_VOLGORDE = ("status", "opvolgen_voor", "-created_at")


def signaal_lijst(qs: QuerySet[Signaal]) -> QuerySet[Signaal]:
    return qs.select_related("leerling", "leerling__groep", "gezin", "behandelaar", "gemeld_door").order_by(
        *SIGNAAL_VOLGORDE
    )


def signalen_van_gezin(qs: QuerySet[Signaal], *, gezin: Gezin, aantal: int = 20) -> list[Signaal]:
    """The family's signals for its file, in the list's order: only what the timeline shows
    (category, date, status, link), so without the list's joins."""
    return list(
        qs.filter(gezin=gezin).only("pk", "categorie", "status", "created_at").order_by(*SIGNAAL_VOLGORDE)[:aantal]
    )


def is_te_laat_q(vandaag: dt.date | None = None) -> Q:
    return ~Q(status=SignaalStatus.AFGEROND) & Q(opvolgen_voor__lt=vandaag or timezone.localdate())


def te_late_signalen(
    *,
    user: User,
    rol: str | None,
    school: School,
    vandaag: dt.date | None = None,
    aandachtsfunctionaris: bool | None = None,
) -> QuerySet[Signaal]:
    """Overdue signals on the start page: a handler's own; the coordinator's: all at school."""
    qs = signalen_for_user(user=user, rol=rol, school=school, aandachtsfunctionaris=aandachtsfunctionaris).filter(
        is_te_laat_q(vandaag)
    )
    if rol != Rol.COORDINATOR:
        qs = qs.filter(behandelaar=user)
    return signaal_lijst(qs)


def open_signalen_voor_behandelaar(*, user: User, school: School) -> QuerySet[Signaal]:
    return signaal_lijst(Signaal.objects.filter(school=school, behandelaar=user).exclude(status=SignaalStatus.AFGEROND))


def gebeurtenissen(*, signaal: Signaal) -> list[SignaalGebeurtenis]:
    return list(signaal.gebeurtenissen.select_related("door").order_by("op", "pk"))


def te_laat_per_behandelaar(*, vandaag: dt.date | None = None) -> QuerySet[Signaal]:
    """For the daily digest: every overdue signal of every school, with its handler."""
    return (
        Signaal.objects.filter(is_te_laat_q(vandaag), behandelaar__isnull=False, behandelaar__is_active=True)
        .select_related("school", "behandelaar")
        .order_by("behandelaar_id", "school_id", "opvolgen_voor")
    )


def onderdruk(aantal: int) -> str:
    """Small-number suppression: a count of 1 to 4 people is shown as "<5"."""
    return "<5" if 1 <= aantal <= 4 else str(aantal)


def signaal_tellingen(*, school: School) -> dict[str, dict[str, str]]:
    """Counts per category and status for the school leader (suppressed; never a name)."""
    rijen = Signaal.objects.filter(school=school).values("categorie", "status").annotate(n=Count("pk")).order_by()
    tellingen: dict[str, dict[str, str]] = {}
    for rij in rijen:
        tellingen.setdefault(rij["categorie"], {})[rij["status"]] = onderdruk(rij["n"])
    return tellingen
