"""Scoped selectors of the subsidies app: every query for grants, expenses, deadlines, reports
and fund applications starts here (DESIGN.md §4: scope first, then role).

- Grants, budget lines, expenses, deadlines and reports: the active school, for roles with
  ``subsidies.lezen`` (coordinator, functional admin, school leader) — and for the board
  (``subsidies.tellen``) the grants only, whose pages then show aggregates and no expense rows.
- Fund applications: the whole school for ``fondsaanvragen.maken`` and ``subsidies.lezen``;
  the oka and the buurtteam (``fondsaanvragen.lezen_eigen``) see those of their own families:
  a family with an intake they own or a signal routed to them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from activiteiten.models import Activiteit, Ouderactiviteit
from familieschool.models import School, User
from familieschool.roles import heeft_recht
from gezinnen.models import Hulpvraag, Signaal
from subsidies.models import (
    Deadline,
    Financiering,
    Fondsaanvraag,
    Regeling,
    RegelingSoort,
    Toekenning,
    Uitgave,
    Verantwoording,
)


def mag_details_zien(rol: str | None) -> bool:
    """Expense rows, attachments, reports and deadlines: not for the board (aggregates only)."""
    return heeft_recht(rol, "subsidies.lezen")


def mag_beheren(rol: str | None) -> bool:
    return heeft_recht(rol, "subsidies.beheren")


def regelingen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Regeling]:
    """The funding streams of the school's board."""
    if not (
        heeft_recht(rol, "subsidies.lezen")
        or heeft_recht(rol, "subsidies.tellen")
        or heeft_recht(rol, "fondsaanvragen.maken")
        or heeft_recht(rol, "fondsaanvragen.lezen_eigen")
    ):
        return Regeling.objects.none()
    return Regeling.objects.filter(bestuur_id=school.bestuur_id)


def fondsen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Regeling]:
    """The active funds a child's application can go to."""
    return regelingen_for_user(user=user, rol=rol, school=school).filter(soort=RegelingSoort.FONDS, actief=True)


def toekenningen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Toekenning]:
    if not (heeft_recht(rol, "subsidies.lezen") or heeft_recht(rol, "subsidies.tellen")):
        return Toekenning.objects.none()
    return Toekenning.objects.filter(school=school)


def uitgaven_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Uitgave]:
    if not mag_details_zien(rol):
        return Uitgave.objects.none()
    return Uitgave.objects.filter(toekenning__school=school)


def uitgave_rijen_for_user(
    *, user: User, rol: str | None, school: School, toekenning: Toekenning
) -> list[dict[str, Any]]:
    """The expenses of a grant as rows of the columns its page shows, newest first: one query.
    The titles of their activities are looked up by key per row; a join would hash every activity
    of the board."""
    titel = {
        "activiteit_titel": Activiteit.objects.filter(pk=OuterRef("activiteit_id")),
        "ouderactiviteit_titel": Ouderactiviteit.objects.filter(pk=OuterRef("ouderactiviteit_id")),
    }
    return list(
        uitgaven_for_user(user=user, rol=rol, school=school)
        .filter(toekenning=toekenning)
        .annotate(**{naam: Subquery(qs.order_by().values("titel")) for naam, qs in titel.items()})
        .values(
            "pk",
            "datum",
            "bedrag",
            "omschrijving",
            "factuurnummer",
            "bijlage",
            "bijlage_naam",
            "post_id",
            *titel,
        )
    )


def financieringen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Financiering]:
    if not mag_details_zien(rol):
        return Financiering.objects.none()
    return Financiering.objects.filter(toekenning__school=school)


def deadlines_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Deadline]:
    if not mag_details_zien(rol):
        return Deadline.objects.none()
    return Deadline.objects.filter(school=school)


def verantwoordingen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Verantwoording]:
    if not mag_details_zien(rol):
        return Verantwoording.objects.none()
    return Verantwoording.objects.filter(toekenning__school=school)


def eigen_gezinnen_q(*, user: User, school: School, prefix: str = "") -> Q:
    """Families of an oka or buurtteam member: an intake they own or a signal routed to them."""
    via_hulpvraag = Hulpvraag.objects.filter(school=school, eigenaar=user).values("gezin_id")
    via_signaal = Signaal.objects.filter(school=school, behandelaar=user, gezin__isnull=False).values("gezin_id")
    return Q(**{f"{prefix}gezin_id__in": via_hulpvraag}) | Q(**{f"{prefix}gezin_id__in": via_signaal})


def fondsaanvragen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Fondsaanvraag]:
    qs = Fondsaanvraag.objects.filter(school=school)
    if heeft_recht(rol, "fondsaanvragen.maken") or heeft_recht(rol, "subsidies.lezen"):
        return qs
    if heeft_recht(rol, "fondsaanvragen.lezen_eigen"):
        return qs.filter(eigen_gezinnen_q(user=user, school=school))
    return Fondsaanvraag.objects.none()


def fondsaanvragen_tellen(rol: str | None) -> bool:
    """The board sees totals per fund (counts suppressed), never an application."""
    return heeft_recht(rol, "subsidies.tellen")
