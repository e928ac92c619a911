"""The drukwerk part of the access matrix, merged into tests/access_matrix.py MATRIX.
Objects are built at our school by tests/activiteiten/matrix_objects.py.

DESIGN.md §4: activities, blocks, sessions, enrolment — coordinator RW; every other role of the
school R, a begeleider only the activities they lead; the board counts only (no page here).
Attendance — coordinator and brugfunctionaris RW, leerkracht and begeleider RW for their own
activities, the school leader R."""

from __future__ import annotations

from tests.access_matrix import Url

DRUKWERK: dict[str, Url] = {}
