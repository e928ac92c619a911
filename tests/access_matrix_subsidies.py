"""The subsidies part of the access matrix, merged into tests/access_matrix.py MATRIX.
Objects are built at our school by tests/subsidies/matrix_objects.py.

DESIGN.md §4 "Subsidies, expenses, fund applications": RW coordinator and functional admin,
R school leader, the board aggregated (the grant list and a grant's figures, the indicators and
the totals per fund: no expense rows, attachments, reports or applications), the brugfunctionaris
makes fund applications, the oka and the buurtteam read the applications of their own families
(an intake they own or a signal routed to them; another family's is a 404). Funding streams are
the board's: every role that works with grants or funds reads them, only the functional admin
edits them (a coordinator edits for one school, a stream holds for all).

The coordinator of another school sees their own school's lists and a 404 for our records; the
streams are shared by the board, so the list and (for nobody but the beheerder) the edit page
behave as for our coordinator."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import ANDERE_SCHOOL, FORBIDDEN, NOT_FOUND, OK, REDIRECT, Url, alleen

BEHEER = {Rol.COORDINATOR, Rol.BEHEERDER}
LEZEN = BEHEER | {Rol.SCHOOLLEIDER}
GEZIEN_DOOR_BESTUUR = LEZEN | {Rol.BESTUUR}
FONDS_MAKEN = BEHEER | {Rol.BRUGFUNCTIONARIS}
FONDS_LIJST = FONDS_MAKEN | {Rol.SCHOOLLEIDER, Rol.OKA, Rol.BUURTTEAM, Rol.BESTUUR}
REGELINGEN = LEZEN | {Rol.BRUGFUNCTIONARIS, Rol.OKA, Rol.BUURTTEAM, Rol.BESTUUR}


def eigen(rollen: set[str], *, ja: int = OK, **overig: int) -> dict[str, int]:
    """An object of our school: the other school's coordinator gets a 404."""
    return alleen(rollen, ja=ja, andere_school=NOT_FOUND) | overig


SUBSIDIES: dict[str, Url] = {
    "subsidies:toekenning_list": Url(rollen=alleen(GEZIEN_DOOR_BESTUUR, ja=OK)),
    "subsidies:toekenning_create": Url(rollen=alleen(BEHEER, ja=OK)),
    "subsidies:toekenning_detail": Url(args=("toekenning",), rollen=eigen(GEZIEN_DOOR_BESTUUR)),
    "subsidies:toekenning_update": Url(args=("toekenning",), rollen=eigen(BEHEER)),
    "subsidies:begroting_update": Url(args=("toekenning",), rollen=eigen(BEHEER)),
    "subsidies:financiering_update": Url(args=("toekenning",), rollen=eigen(BEHEER)),
    "subsidies:uitgave_create": Url(args=("toekenning",), rollen=eigen(BEHEER)),
    "subsidies:uitgave_update": Url(args=("uitgave",), rollen=eigen(BEHEER)),
    # GET is the confirmation page; the POST deletes (tests/subsidies).
    "subsidies:uitgave_delete": Url(args=("uitgave",), rollen=eigen(BEHEER)),
    "subsidies:bijlage": Url(args=("uitgave",), rollen=eigen(LEZEN)),
    "subsidies:regeling_list": Url(rollen=alleen(REGELINGEN, ja=OK)),
    "subsidies:regeling_update": Url(
        args=("regeling",), rollen=alleen({Rol.BEHEERDER}, ja=OK) | {ANDERE_SCHOOL: FORBIDDEN}
    ),
    "subsidies:indicatoren": Url(args=("toekenning",), rollen=eigen(GEZIEN_DOOR_BESTUUR)),
    "subsidies:verantwoording_create": Url(
        method="post",
        args=("toekenning",),
        data={"van": "2026-08-01", "tot_en_met": "2026-10-31"},
        rollen=eigen(BEHEER, ja=REDIRECT),
    ),
    "subsidies:verantwoording_detail": Url(args=("verantwoording",), rollen=eigen(LEZEN)),
    "subsidies:verantwoording_xlsx": Url(args=("verantwoording",), rollen=eigen(LEZEN)),
    "subsidies:verantwoording_pdf": Url(args=("verantwoording",), rollen=eigen(LEZEN)),
    "subsidies:verantwoording_ingediend": Url(
        method="post",
        args=("verantwoording",),
        data={"ingediend_op": "2026-11-01"},
        rollen=eigen(BEHEER, ja=REDIRECT),
    ),
    "subsidies:deadline_list": Url(rollen=alleen(LEZEN, ja=OK)),
    "subsidies:deadline_create": Url(rollen=alleen(BEHEER, ja=OK)),
    "subsidies:deadline_update": Url(args=("deadline",), rollen=eigen(BEHEER)),
    "subsidies:deadline_afronden": Url(method="post", args=("deadline",), rollen=eigen(BEHEER, ja=REDIRECT)),
    # Fund applications: "fondsaanvraag" is for a family whose intake the oka owns.
    "subsidies:fondsaanvraag_list": Url(rollen=alleen(FONDS_LIJST, ja=OK)),
    "subsidies:fondsaanvraag_create": Url(rollen=alleen(FONDS_MAKEN, ja=OK)),
    "subsidies:fondsaanvraag_detail": Url(
        args=("fondsaanvraag",),
        rollen=eigen(FONDS_MAKEN | {Rol.SCHOOLLEIDER, Rol.OKA}, **{Rol.BUURTTEAM: NOT_FOUND}),
    ),
    # Another family: the oka and the buurtteam have no intake or signal there.
    "subsidies:fondsaanvraag_detail#ander_gezin": Url(
        args=("fondsaanvraag_ander",),
        rollen=eigen(FONDS_MAKEN | {Rol.SCHOOLLEIDER}, **{Rol.OKA: NOT_FOUND, Rol.BUURTTEAM: NOT_FOUND}),
    ),
    "subsidies:fondsaanvraag_update": Url(args=("fondsaanvraag",), rollen=eigen(FONDS_MAKEN)),
    # Repeating "toegekend" corrects the decision, so every allowed principal gets the redirect.
    "subsidies:fondsaanvraag_status": Url(
        method="post",
        args=("fondsaanvraag",),
        data={"status": "toegekend", "toegekend_bedrag": "120.00", "besloten_op": "2026-10-15"},
        rollen=eigen(FONDS_MAKEN, ja=REDIRECT),
    ),
    "subsidies:fondsaanvraag_deelname": Url(
        method="post",
        args=("fondsaanvraag",),
        data={"doet_nog_mee": "ja", "deelname_notitie": ""},
        rollen=eigen(FONDS_MAKEN, ja=REDIRECT),
    ),
}
