"""The ouders part of the access matrix (parent activities), merged into tests/access_matrix.py
MATRIX. Objects are built at our school by tests/activiteiten/matrix_objects_ouders.py.

DESIGN.md §4: parent events, invitations, RSVPs — coordinator and brugfunctionaris RW; OKA,
Buurtteam, leerkracht and schoolleider R; begeleider nothing; the board counts only (the turnout
page, suppressed). The functional admin has no right here (the row is not in the matrix for it).
The coordinator of another school has the rights, but our activity is a 404 for them."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import NOT_FOUND, OK, REDIRECT, Url, alleen

BEHEREN = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS}
LEZEN = BEHEREN | {Rol.OKA, Rol.BUURTTEAM, Rol.LEERKRACHT, Rol.SCHOOLLEIDER}


def lezen(*, eigen_object: bool = True) -> dict[str, int]:
    return alleen(LEZEN, ja=OK, andere_school=NOT_FOUND if eigen_object else OK)


def beheren(*, ja: int = OK, eigen_object: bool = True) -> dict[str, int]:
    return alleen(BEHEREN, ja=ja, andere_school=NOT_FOUND if eigen_object else ja)


OUDERS: dict[str, Url] = {
    "activiteiten:ouderactiviteit_list": Url(rollen=lezen(eigen_object=False)),
    "activiteiten:ouderactiviteit_create": Url(rollen=beheren(eigen_object=False)),
    "activiteiten:ouderreeks_create": Url(rollen=beheren(eigen_object=False)),
    # Counts: readers and the board (suppressed for the board); no object of our school in it.
    "activiteiten:ouderactiviteit_opkomst": Url(rollen=alleen(LEZEN | {Rol.BESTUUR}, ja=OK)),
    "activiteiten:ouderactiviteit_detail": Url(args=("ouderactiviteit",), rollen=lezen()),
    "activiteiten:ouderactiviteit_update": Url(args=("ouderactiviteit",), rollen=beheren()),
    "activiteiten:ouderactiviteit_annuleren": Url(args=("ouderactiviteit",), rollen=beheren()),
    "activiteiten:ouderactiviteit_uitnodigen": Url(args=("ouderactiviteit",), rollen=beheren()),
    "activiteiten:ouderactiviteit_flyer": Url(args=("ouderactiviteit",), rollen=lezen()),
    "activiteiten:ouderactiviteit_uitnodigingen_pdf": Url(args=("ouderactiviteit",), rollen=beheren()),
    "activiteiten:ouderactiviteit_ics": Url(args=("ouderactiviteit",), rollen=lezen()),
    "activiteiten:binnenkomst": Url(args=("ouderactiviteit",), rollen=beheren()),
    "activiteiten:binnenkomst_zoek": Url(args=("ouderactiviteit",), rollen=beheren()),
    "activiteiten:binnenkomst_inchecken": Url(
        method="post",
        args=("ouderactiviteit",),
        data={"uitnodiging": "@ouder_uitnodiging"},
        rollen=beheren(ja=REDIRECT),
    ),
    "activiteiten:binnenkomst_inloop": Url(
        method="post",
        args=("ouderactiviteit",),
        data={"naam": "Buurvrouw", "volwassenen": "1", "kinderen": "0"},
        rollen=beheren(ja=REDIRECT),
    ),
    # The first principal that may undo it removes the row; the next ones get a 404. The row is
    # therefore checked by its own test (tests/activiteiten/test_ouders.py); here only that
    # nobody without the right reaches it.
    "activiteiten:binnenkomst_ongedaan": Url(
        method="post",
        args=("binnenkomst",),
        rollen=alleen(BEHEREN, ja=NOT_FOUND, andere_school=NOT_FOUND) | {Rol.COORDINATOR: REDIRECT},
    ),
}
