"""The activiteiten part of the access matrix, merged into tests/access_matrix.py MATRIX.
Objects are built at our school by tests/activiteiten/matrix_objects.py.

DESIGN.md §4: activities, blocks, sessions, enrolment — coordinator RW; every other role of the
school R, a begeleider only the activities they lead; the board counts only (no page here).
Attendance — coordinator and brugfunctionaris RW, leerkracht and begeleider RW for their own
activities, the school leader R."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import NOT_FOUND, OK, REDIRECT, Url, alleen

LEZEN = set(Rol) - {Rol.BESTUUR}

BEHEER = {Rol.COORDINATOR}


def beheer(*, ja: int = OK, eigen_object: bool = False) -> dict[str, int]:
    """Only the coordinator; the outsider gets a 404 on our objects."""
    return alleen(BEHEER, ja=ja, andere_school=NOT_FOUND if eigen_object else None)


ACTIVITEITEN: dict[str, Url] = {
    "activiteiten:activiteit_list": Url(rollen=alleen(LEZEN, ja=OK)),
    "activiteiten:activiteit_create": Url(rollen=beheer()),
    "activiteiten:activiteit_detail": Url(args=("activiteit",), rollen=alleen(LEZEN, ja=OK, andere_school=NOT_FOUND)),
    # Not led by the begeleider persona: outside their scope.
    "activiteiten:activiteit_detail#niet_eigen": Url(
        args=("activiteit_ander",), rollen=alleen(LEZEN, ja=OK, andere_school=NOT_FOUND) | {Rol.BEGELEIDER: NOT_FOUND}
    ),
    "activiteiten:activiteit_update": Url(args=("activiteit",), rollen=beheer(eigen_object=True)),
    "activiteiten:inschrijf_zoek": Url(args=("activiteit",), rollen=beheer(eigen_object=True)),
    "activiteiten:inschrijven": Url(
        method="post",
        args=("activiteit",),
        data={"leerlingen": "@leerling_activiteit"},
        rollen=beheer(ja=REDIRECT, eigen_object=True),
    ),
    "activiteiten:afmelden": Url(method="post", args=("inschrijving",), rollen=beheer(ja=REDIRECT, eigen_object=True)),
    "activiteiten:doorstroom_create": Url(
        method="post", args=("activiteit",), rollen=beheer(ja=REDIRECT, eigen_object=True)
    ),
    "activiteiten:doorstroom_delete": Url(
        method="post", args=("doorstroom",), rollen=beheer(ja=REDIRECT, eigen_object=True)
    ),
    "activiteiten:bijeenkomst_wijzigen": Url(args=("bijeenkomst",), rollen=beheer(eigen_object=True)),
    "activiteiten:blok_list": Url(rollen=alleen(LEZEN, ja=OK)),
    "activiteiten:blok_create": Url(rollen=beheer()),
    "activiteiten:blok_update": Url(args=("blok",), rollen=beheer(eigen_object=True)),
    "activiteiten:studiedag_create": Url(rollen=beheer()),
    "activiteiten:studiedag_delete": Url(
        method="post", args=("studiedag",), rollen=beheer(ja=REDIRECT, eigen_object=True)
    ),
    "activiteiten:nog_niet_bereikt": Url(rollen=beheer()),
    "activiteiten:uitnodigen": Url(
        method="post", data={"leerling": "@leerling_activiteit"}, rollen=beheer(ja=REDIRECT)
    ),
}
