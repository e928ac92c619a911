"""The bereik part of the access matrix, merged into tests/access_matrix.py MATRIX.
Objects are built at our school by tests/activiteiten/matrix_objects.py.

The reach overview is a school dashboard (DESIGN.md §4, "School dashboard": coordinator,
brugfunctionaris, school leader, board, functional admin). The board has "counts only" on
activities and sees small numbers suppressed (tests/activiteiten/test_bereik.py). Oka, buurtteam,
leerkracht and begeleider read activities within their own scope only, so no school-wide reach:
403. The page takes no object; the coordinator of another school sees their own school's figures.
The block filter ignores a block of another school (test_bereik.py), so the variant with one
gives 200 and shows the whole year."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import OK, Url, alleen

DASHBOARD = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.SCHOOLLEIDER, Rol.BESTUUR, Rol.BEHEERDER}

BEREIK: dict[str, Url] = {
    "activiteiten:bereik": Url(rollen=alleen(DASHBOARD, ja=OK)),
    # The same figures as a spreadsheet, with the same suppression for the board.
    "activiteiten:bereik_export": Url(rollen=alleen(DASHBOARD, ja=OK)),
}
