"""Reads of the Rijke schooldag, scoped per DESIGN.md §4: every role of the school except the
board reads the activities, blocks and sessions; a begeleider only the activities they lead.
Attendance is written by the coordinator and the brugfunctionaris for every activity, and by a
leerkracht or begeleider for the activities they lead; the school leader reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from activiteiten.models import Activiteit, Bijeenkomst, Blok, Inschrijving, InschrijvingStatus, Sluiting
from familieschool.models import School, User
from familieschool.roles import Rol, heeft_recht
from gezinnen.models import Doel, Leerling, Toestemming

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


# What the activity list shows of an activity, its block and its provider. Only these columns:
# the provider's whole row (descriptions, its search vector) cost more to read than the rest of
# the list.
LIJST_VELDEN = [
    "titel",
    "ontwikkelgebied",
    "jaargroepen",
    "capaciteit",
    "weekdag",
    "begintijd",
    "eindtijd",
    "blok__naam",
    "aanbieder__naam",
]


def activiteit_rijen(qs: QuerySet[Activiteit]) -> QuerySet[Activiteit]:
    """``activiteit_lijst`` with only the columns of the activity list (LIJST_VELDEN)."""
    return activiteit_lijst(qs).only(*LIJST_VELDEN)


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


def geplaatst_in_schooljaar_q(schooljaar_id: int, prefix: str = "") -> Q:
    """Pupils placed in an activity of the school year ("bereikt")."""
    return Q(
        **{
            f"{prefix}inschrijvingen__status": InschrijvingStatus.GEPLAATST,
            f"{prefix}inschrijvingen__activiteit__blok__schooljaar_id": schooljaar_id,
        }
    )


def groepen_met_bereik(*, leerlingen: QuerySet[Leerling], schooljaar_id: int) -> list[dict[str, object]]:
    """Per group of the pupils given: how many pupils, how many reached this school year. One query."""
    bereikt = Inschrijving.objects.filter(
        leerling=OuterRef("pk"), status=InschrijvingStatus.GEPLAATST, activiteit__blok__schooljaar_id=schooljaar_id
    )
    rijen = (
        leerlingen.filter(groep__isnull=False)
        .annotate(is_bereikt=Exists(bereikt))
        .values("groep_id", "groep__naam", "groep__jaargroep")
        .annotate(leerlingen=Count("pk"), bereikt=Count("pk", filter=Q(is_bereikt=True)))
        .order_by("groep__jaargroep", "groep__naam")
    )
    return [
        {
            "groep_id": r["groep_id"],
            "naam": r["groep__naam"],
            "leerlingen": r["leerlingen"],
            "bereikt": r["bereikt"],
            "niet_bereikt": r["leerlingen"] - r["bereikt"],
            "procent": round(100 * r["bereikt"] / r["leerlingen"]) if r["leerlingen"] else 0,
        }
        for r in rijen
    ]


def niet_bereikt(*, leerlingen: QuerySet[Leerling], schooljaar_id: int) -> QuerySet[Leerling]:
    """The pupils given that are not placed in any activity of the school year, with whether
    the family consented to activities."""
    bereikt = Inschrijving.objects.filter(
        leerling=OuterRef("pk"), status=InschrijvingStatus.GEPLAATST, activiteit__blok__schooljaar_id=schooljaar_id
    )
    toestemming = Toestemming.objects.filter(gezin=OuterRef("gezin_id"), doel=Doel.ACTIVITEITEN, gegeven=True)
    return (
        leerlingen.annotate(is_bereikt=Exists(bereikt), met_toestemming=Exists(toestemming))
        .filter(is_bereikt=False)
        .select_related("groep")
        .order_by("achternaam", "roepnaam", "pk")
    )


def open_activiteiten_voor(*, leerling: Leerling, blok: Blok) -> QuerySet[Activiteit]:
    """Activities of the block for the pupil's jaargroep that have places left."""
    qs = activiteit_lijst(Activiteit.objects.filter(blok=blok)).prefetch_related("vertalingen")
    if leerling.jaargroep:
        qs = qs.filter(jaargroepen__contains=[leerling.jaargroep])
    return qs.filter(aantal_geplaatst__lt=F("capaciteit")).order_by(  # type: ignore[misc]
        "weekdag", "begintijd", "titel"
    )


def vertaalde_titel(activiteit: Activiteit, taal: str) -> str:
    vertaling = next((v for v in activiteit.vertalingen.all() if v.taal == taal), None)
    return vertaling.titel if vertaling else activiteit.titel


def huidig_blok(*, school: School, vandaag: dt.date) -> Blok | None:
    """The block running today, else the next one, else the last one (one query)."""
    return huidig_blok_uit(Blok.objects.filter(school=school), vandaag=vandaag)


def huidig_blok_uit(blokken: Iterable[Blok], *, vandaag: dt.date) -> Blok | None:
    """``huidig_blok`` among blocks already read (a page that lists them needs no query for it):
    the one running today, else the nearest one to come, else the nearest one past."""

    def rang(blok: Blok) -> tuple[int, int]:
        if blok.begindatum <= vandaag <= blok.einddatum:
            soort = 0
        elif blok.begindatum > vandaag:
            soort = 1
        else:
            soort = 2
        return soort, abs((blok.begindatum - vandaag).days)

    return min(blokken, key=rang, default=None)


def mogelijke_begeleiders(*, school: School) -> QuerySet[User]:
    """Who can lead an activity: active begeleiders and leerkrachten of the school."""
    return (
        User.objects.filter(
            lidmaatschappen__school=school,
            lidmaatschappen__actief=True,
            lidmaatschappen__rol__in=[Rol.BEGELEIDER, Rol.LEERKRACHT],
        )
        .distinct()
        .order_by("naam")
    )
