"""Reads of the Rijke schooldag, scoped per DESIGN.md §4: every role of the school except the
board reads the activities, blocks and sessions; a begeleider only the activities they lead.
Attendance is written by the coordinator and the brugfunctionaris for every activity, and by a
leerkracht or begeleider for the activities they lead; the school leader reads it."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from activiteiten.models import Activiteit, Bijeenkomst, Blok, Inschrijving, InschrijvingStatus, Sluiting
from familieschool.models import School, User
from familieschool.roles import Rol, heeft_recht

# Roles that register attendance only for the activities they lead.
ALLEEN_EIGEN_PRESENTIE = frozenset({Rol.LEERKRACHT, Rol.BEGELEIDER})


def activiteiten_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Activiteit]:
    if not heeft_recht(rol, "activiteiten.lezen"):
        return Activiteit.objects.none()
    qs = Activiteit.objects.filter(school=school)
    if rol == Rol.BEGELEIDER:
        qs = qs.filter(begeleiders=user)
    return qs


def activiteiten_met_presentierecht(*, user: User, rol: str | None, school: School) -> QuerySet[Activiteit]:
    """The activities whose attendance this user may register."""
    if not heeft_recht(rol, "presentie.registreren"):
        return Activiteit.objects.none()
    qs = Activiteit.objects.filter(school=school)
    if rol in ALLEEN_EIGEN_PRESENTIE:
        qs = qs.filter(begeleiders=user)
    return qs


def mag_presentie_registreren(*, user: User, rol: str | None, activiteit: Activiteit) -> bool:
    if not heeft_recht(rol, "presentie.registreren"):
        return False
    if rol in ALLEEN_EIGEN_PRESENTIE:
        return activiteit.begeleiders.filter(pk=user.pk).exists()
    return True


def activiteit_lijst(qs: QuerySet[Activiteit]) -> QuerySet[Activiteit]:
    """Activities with their block and provider and the counts a list shows, in one query."""
    return qs.select_related("blok", "aanbieder").annotate(
        aantal_geplaatst=Count("inschrijvingen", filter=Q(inschrijvingen__status=InschrijvingStatus.GEPLAATST)),
        aantal_wachtlijst=Count("inschrijvingen", filter=Q(inschrijvingen__status=InschrijvingStatus.WACHTLIJST)),
    )


def bijeenkomsten_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Bijeenkomst]:
    return Bijeenkomst.objects.filter(activiteit__in=activiteiten_for_user(user=user, rol=rol, school=school))


def inschrijvingen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Inschrijving]:
    return Inschrijving.objects.filter(activiteit__in=activiteiten_for_user(user=user, rol=rol, school=school))


def blokken_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Blok]:
    if not heeft_recht(rol, "activiteiten.lezen"):
        return Blok.objects.none()
    return Blok.objects.filter(school=school).select_related("schooljaar")


def sluitingen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Sluiting]:
    """The region's closures and the school's own studiedagen."""
    if not heeft_recht(rol, "activiteiten.lezen"):
        return Sluiting.objects.none()
    return Sluiting.objects.filter(Q(school__isnull=True) | Q(school=school))
