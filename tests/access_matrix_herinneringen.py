"""The herinneringen part of the access matrix (parent activities), merged into tests/access_matrix.py
MATRIX. Objects are built at our school by tests/activiteiten/matrix_objects_herinneringen.py.

DESIGN.md §4: parent events, invitations, RSVPs — coordinator and brugfunctionaris RW; OKA,
Buurtteam, leerkracht and schoolleider R; begeleider nothing; the board counts only.

The outbox page names the guardians and the errors of their addresses: only those who invite
(coordinator, brugfunctionaris) see it; another school's coordinator gets a 404 for our activity."""

from __future__ import annotations

from tests.access_matrix import Url
from tests.access_matrix_ouders import beheren

HERINNERINGEN: dict[str, Url] = {
    "activiteiten:herinneringen_overzicht": Url(args=("ouderactiviteit",), rollen=beheren()),
}
