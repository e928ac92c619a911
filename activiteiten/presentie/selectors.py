"""Reads of attendance, scoped per DESIGN.md §4: the coordinator and the brugfunctionaris for
every activity of the school, a leerkracht or begeleider for the activities they lead.

Three absences in a row: the last three registered, held (not cancelled) sessions of an
activity in which the child has a row, all of them ``afwezig`` or ``afwezig_met_reden``. Both
count as absence, because a child who keeps missing for a good reason may need help just the
same (illness, care at home, a family that cannot bring them); the reasons are shown next to the
suggestion so the coordinator can judge. It is a suggestion for the coordinator, never a signal
made by itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value

from activiteiten.models import (
    Activiteit,
    Bijeenkomst,
    Inschrijving,
    InschrijvingStatus,
    Opvolging,
    Presentie,
    PresentieStatus,
)
from activiteiten.selectors import ALLEEN_EIGEN_PRESENTIE, activiteiten_for_user, activiteiten_met_presentierecht
from familieschool.models import School, Schooljaar, User
from familieschool.roles import Rol, heeft_recht
from gezinnen.models import Leerling

# Who sees the coordinator's list: sessions without attendance and the absence suggestions.
AANDACHT_ROLLEN = frozenset({Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS})
AFWEZIG_OP_RIJ = 3


def mag_aandacht_zien(rol: str | None) -> bool:
    return rol in AANDACHT_ROLLEN


def schooljaar_begin(vandaag: dt.date) -> dt.date:
    return Schooljaar.grenzen(Schooljaar.startjaar_voor(vandaag))[0]


def bijeenkomsten_presentie_lezen(*, user: User, rol: str | None, school: School) -> QuerySet[Bijeenkomst]:
    """Sessions whose attendance page this user may open: everything they may read of the
    activities (a begeleider: only their own; another leader's session of a leerkracht is then
    refused by the view, not hidden, because a leerkracht reads every activity)."""
    if not heeft_recht(rol, "presentie.lezen"):
        return Bijeenkomst.objects.none()
    return Bijeenkomst.objects.filter(activiteit__in=activiteiten_for_user(user=user, rol=rol, school=school))


def bijeenkomsten_voor_presentie(*, user: User, rol: str | None, school: School) -> QuerySet[Bijeenkomst]:
    """``bijeenkomsten_presentie_lezen`` with the activity and ``mag_registreren``: whether this
    user may register the session's attendance (``mag_presentie_registreren``, in the same query
    instead of one more)."""
    mag_registreren: Exists | Value
    if not heeft_recht(rol, "presentie.registreren"):
        mag_registreren = Value(False)
    elif rol in ALLEEN_EIGEN_PRESENTIE:
        mag_registreren = Exists(
            Activiteit.begeleiders.through.objects.filter(activiteit_id=OuterRef("activiteit_id"), user_id=user.pk)
        )
    else:
        mag_registreren = Value(True)
    return (
        bijeenkomsten_presentie_lezen(user=user, rol=rol, school=school)
        .select_related("activiteit")
        .annotate(mag_registreren=mag_registreren)
    )


def met_tellingen(qs: QuerySet[Bijeenkomst]) -> QuerySet[Bijeenkomst]:
    """Sessions with their activity, the number of placed children and of registered rows."""
    return qs.select_related("activiteit").annotate(
        aantal_geplaatst=Count(
            "activiteit__inschrijvingen",
            filter=Q(activiteit__inschrijvingen__status=InschrijvingStatus.GEPLAATST),
            distinct=True,
        ),
        aantal_geregistreerd=Count("presenties", distinct=True),
    )


def _vandaag(*, user: User, rol: str | None, school: School, datum: dt.date) -> QuerySet[Bijeenkomst]:
    return Bijeenkomst.objects.filter(
        activiteit__in=activiteiten_met_presentierecht(user=user, rol=rol, school=school),
        datum=datum,
        geannuleerd=False,
    )


def bijeenkomsten_vandaag(*, user: User, rol: str | None, school: School, datum: dt.date) -> QuerySet[Bijeenkomst]:
    """Today's sessions this user may register: a leader only those of their own activities."""
    return met_tellingen(_vandaag(user=user, rol=rol, school=school, datum=datum)).order_by(
        "begintijd", "activiteit__titel"
    )


def bijeenkomsten_vandaag_kort(*, user: User, rol: str | None, school: School, datum: dt.date) -> QuerySet[Bijeenkomst]:
    """The same sessions for the start page: with their activity and whether attendance was
    registered (``is_geregistreerd``), without counting children (no GROUP BY)."""
    return (
        _vandaag(user=user, rol=rol, school=school, datum=datum)
        .select_related("activiteit")
        .annotate(is_geregistreerd=Exists(Presentie.objects.filter(bijeenkomst=OuterRef("pk"))))
        .order_by("begintijd", "activiteit__titel")
    )


def _zonder_presentie(*, user: User, rol: str | None, school: School, vandaag: dt.date) -> QuerySet[Bijeenkomst]:
    heeft_presentie = Presentie.objects.filter(bijeenkomst=OuterRef("pk"))
    heeft_kinderen = Inschrijving.objects.filter(activiteit=OuterRef("activiteit"), status=InschrijvingStatus.GEPLAATST)
    return Bijeenkomst.objects.filter(
        activiteit__in=activiteiten_met_presentierecht(user=user, rol=rol, school=school),
        datum__gte=schooljaar_begin(vandaag),
        datum__lt=vandaag,
        geannuleerd=False,
    ).filter(~Exists(heeft_presentie), Exists(heeft_kinderen))


def zonder_presentie(*, user: User, rol: str | None, school: School, vandaag: dt.date) -> QuerySet[Bijeenkomst]:
    """Past, held sessions of this school year with placed children but no attendance at all
    (the coordinator's flag; a leader sees those of their own activities)."""
    return met_tellingen(_zonder_presentie(user=user, rol=rol, school=school, vandaag=vandaag)).order_by(
        "-datum", "activiteit__titel"
    )


def aantal_zonder_presentie(*, user: User, rol: str | None, school: School, vandaag: dt.date) -> int:
    """How many sessions ``zonder_presentie`` lists (the start page), counted without its
    per-session counts."""
    return _zonder_presentie(user=user, rol=rol, school=school, vandaag=vandaag).count()


@dataclass(frozen=True)
class Afwezigheid:
    datum: dt.date
    status: str

    @property
    def label(self) -> str:
        return "met reden" if self.status == PresentieStatus.AFWEZIG_MET_REDEN else "zonder reden"


@dataclass(frozen=True)
class Suggestie:
    """A placed child absent at the last three registered sessions of an activity."""

    inschrijving: Inschrijving
    afwezigheden: list[Afwezigheid]

    @property
    def leerling(self) -> Leerling:
        return self.inschrijving.leerling

    @property
    def activiteit(self) -> Activiteit:
        return self.inschrijving.activiteit

    @property
    def met_reden(self) -> int:
        return sum(1 for a in self.afwezigheden if a.status == PresentieStatus.AFWEZIG_MET_REDEN)


# One pass in the database: number each child's attendance rows per activity from the newest
# session back (ROW_NUMBER), keep the last three, keep the (activity, child) pairs for whom those
# three exist and are all absences, and only then join the enrolment (placed children) and leave
# out those already followed up. Joining the enrolment after the numbering, not before, lets the
# database number a few thousand rows of the school's held sessions of this school year without
# an index lookup per row (14 ms → 2 ms at board scale, docs/performance.md).
_DRIE_KEER_AFWEZIG_SQL = f"""
WITH genummerd AS (
    SELECT b.activiteit_id, p.leerling_id, b.datum, p.status,
           ROW_NUMBER() OVER (
               PARTITION BY b.activiteit_id, p.leerling_id ORDER BY b.datum DESC, b.begintijd DESC
           ) AS rang
      FROM {Presentie._meta.db_table} p
      JOIN {Bijeenkomst._meta.db_table} b ON b.id = p.bijeenkomst_id
      JOIN {Activiteit._meta.db_table} a ON a.id = b.activiteit_id
     WHERE a.school_id = %(school)s AND NOT b.geannuleerd AND b.datum >= %(van)s AND b.datum <= %(tot)s
), laatste AS (
    SELECT activiteit_id, leerling_id, max(datum) AS laatste_datum,
           array_agg(datum ORDER BY datum DESC) AS datums, array_agg(status ORDER BY datum DESC) AS statussen
      FROM genummerd
     WHERE rang <= %(aantal)s
     GROUP BY activiteit_id, leerling_id
    HAVING count(*) = %(aantal)s AND bool_and(status <> %(aanwezig)s)
)
SELECT i.id, laatste.datums, laatste.statussen
  FROM laatste
  JOIN {Inschrijving._meta.db_table} i
    ON i.activiteit_id = laatste.activiteit_id AND i.leerling_id = laatste.leerling_id AND i.status = %(geplaatst)s
 WHERE NOT EXISTS (
       SELECT 1 FROM {Opvolging._meta.db_table} o
        WHERE o.inschrijving_id = i.id AND o.tot_en_met >= laatste.laatste_datum
   )
"""  # noqa: S608 - only table names from the models are formatted in; values are parameters


def _drie_keer_afwezig_params(school: School, vandaag: dt.date) -> dict[str, int | str | dt.date]:
    return {
        "school": school.pk,
        "van": schooljaar_begin(vandaag),
        "tot": vandaag,
        "geplaatst": InschrijvingStatus.GEPLAATST.value,
        "aanwezig": PresentieStatus.AANWEZIG.value,
        "aantal": AFWEZIG_OP_RIJ,
    }


def aantal_drie_keer_afwezig(*, school: School, vandaag: dt.date) -> int:
    """How many suggestions there are (the start page), in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM ({_DRIE_KEER_AFWEZIG_SQL}) AS suggesties",  # noqa: S608 - see above
            _drie_keer_afwezig_params(school, vandaag),
        )
        (aantal,) = cursor.fetchone()
    return int(aantal)


def drie_keer_afwezig(*, school: School, vandaag: dt.date) -> list[Suggestie]:
    """Suggestions for the coordinator: children to follow up, newest absence first. Two
    queries, whatever the number of children."""
    with connection.cursor() as cursor:
        cursor.execute(_DRIE_KEER_AFWEZIG_SQL, _drie_keer_afwezig_params(school, vandaag))
        rijen = {inschrijving_id: (datums, statussen) for inschrijving_id, datums, statussen in cursor.fetchall()}
    if not rijen:
        return []
    inschrijvingen = Inschrijving.objects.filter(pk__in=rijen, activiteit__school=school).select_related(
        "leerling", "leerling__groep", "activiteit"
    )
    suggesties = [
        Suggestie(
            inschrijving=inschrijving,
            afwezigheden=[
                Afwezigheid(datum=datum, status=status) for datum, status in zip(*rijen[inschrijving.pk], strict=True)
            ],
        )
        for inschrijving in inschrijvingen
    ]
    return sorted(suggesties, key=lambda s: (-s.afwezigheden[0].datum.toordinal(), s.leerling.roepnaam))


@dataclass(frozen=True, slots=True)
class Kind:
    """A placed child as the attendance page needs it: the id and the names, nothing else."""

    pk: int
    roepnaam: str
    tussenvoegsel: str
    achternaam: str

    @property
    def volledige_naam(self) -> str:
        return " ".join(deel for deel in (self.roepnaam, self.tussenvoegsel, self.achternaam) if deel)


def geplaatste_kinderen(bijeenkomst: Bijeenkomst) -> list[Kind]:
    """The children placed in the session's activity, by roepnaam, for the attendance page. Only
    the names it shows, as plain values: whole enrolment, pupil and group objects for 30-50
    children took ~3 ms to build, and deferred pupil objects still ~0.5 ms."""
    rijen = (
        Leerling.objects.filter(
            inschrijvingen__activiteit_id=bijeenkomst.activiteit_id, inschrijvingen__status=InschrijvingStatus.GEPLAATST
        )
        .order_by("roepnaam", "achternaam", "pk")
        .values_list("pk", "roepnaam", "tussenvoegsel", "achternaam")
    )
    return [Kind(*rij) for rij in rijen]


def presentie_van(bijeenkomst: Bijeenkomst) -> dict[int, str]:
    """leerling id → status of the rows already registered for a session."""
    return dict(Presentie.objects.filter(bijeenkomst=bijeenkomst).values_list("leerling_id", "status"))
