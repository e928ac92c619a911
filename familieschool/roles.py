"""The roles and what each may do: the DESIGN.md §4 access matrix in one place.

Scope comes first (selectors return only what a user may see at the active school); these
rights then decide which pages and actions a role may use. A right that is missing here is
denied: nothing is allowed by default.
"""

from __future__ import annotations

from django.db import models


class Rol(models.TextChoices):
    COORDINATOR = "coordinator", "Familieschool-coördinator"
    BRUGFUNCTIONARIS = "brugfunctionaris", "Brugfunctionaris"
    OKA = "oka", "Ouder- en kindadviseur"
    BUURTTEAM = "buurtteam", "Buurtteammedewerker"
    LEERKRACHT = "leerkracht", "Leerkracht"
    BEGELEIDER = "begeleider", "Begeleider"
    SCHOOLLEIDER = "schoolleider", "Schoolleider"
    BESTUUR = "bestuur", "Projectleider bestuur"
    BEHEERDER = "beheerder", "Functioneel beheerder"


R = Rol
ALLE_ROLLEN = frozenset(Rol)

# Right → roles that have it. Names are "<onderwerp>.<handeling>".
RECHTEN: dict[str, frozenset[Rol]] = {
    # Pupil and family basics (R own groep / own activities is a matter of scope, in selectors).
    "gezinnen.lezen": ALLE_ROLLEN - {R.BESTUUR},
    "gezinnen.beheren": frozenset({R.COORDINATOR, R.BRUGFUNCTIONARIS, R.BEHEERDER}),
    "gezinnen.importeren": frozenset({R.COORDINATOR, R.BEHEERDER}),
    # Privacy duties: an access request (everything about one family) and the retention purge.
    "gezinnen.inzageverzoek": frozenset({R.BEHEERDER}),
    "gezinnen.bewaartermijn": frozenset({R.BEHEERDER}),
    # Signals: anyone at the school but the board and the functional admin may log one.
    "signalen.melden": ALLE_ROLLEN - {R.BESTUUR, R.BEHEERDER},
    "signalen.lezen": frozenset({R.COORDINATOR, R.BRUGFUNCTIONARIS, R.OKA, R.BUURTTEAM, R.LEERKRACHT, R.BEGELEIDER}),
    "signalen.tellen": frozenset({R.SCHOOLLEIDER, R.BESTUUR}),
    # The coordinator sets the routing per category and hands a signal to someone else.
    "signalen.routeren": frozenset({R.COORDINATOR}),
    # Familieservicepunt.
    "fsp.behandelen": frozenset({R.BRUGFUNCTIONARIS, R.OKA, R.BUURTTEAM}),
    "fsp.status": frozenset({R.COORDINATOR, R.BRUGFUNCTIONARIS, R.OKA, R.BUURTTEAM}),
    "fsp.tellen": frozenset({R.SCHOOLLEIDER, R.BESTUUR}),
    # Meldcode: additionally requires the aandachtsfunctionaris flag on the membership.
    "meldcode.behandelen": frozenset({R.OKA, R.BUURTTEAM}),
    # Rijke schooldag.
    "activiteiten.beheren": frozenset({R.COORDINATOR}),
    "activiteiten.lezen": ALLE_ROLLEN - {R.BESTUUR},
    "activiteiten.tellen": frozenset({R.BESTUUR}),
    "presentie.registreren": frozenset({R.COORDINATOR, R.BRUGFUNCTIONARIS, R.LEERKRACHT, R.BEGELEIDER}),
    "presentie.lezen": frozenset({R.COORDINATOR, R.BRUGFUNCTIONARIS, R.LEERKRACHT, R.BEGELEIDER, R.SCHOOLLEIDER}),
    # Parent activities.
    "ouderactiviteiten.beheren": frozenset({R.COORDINATOR, R.BRUGFUNCTIONARIS}),
    "ouderactiviteiten.lezen": frozenset(
        {R.COORDINATOR, R.BRUGFUNCTIONARIS, R.OKA, R.BUURTTEAM, R.LEERKRACHT, R.SCHOOLLEIDER}
    ),
    "ouderactiviteiten.tellen": frozenset({R.BESTUUR}),
    # Partner directory: shared by the board, read by everyone.
    "partners.lezen": ALLE_ROLLEN,
    "partners.beheren": frozenset({R.COORDINATOR, R.BEHEERDER}),
    # Subsidies.
    "subsidies.beheren": frozenset({R.COORDINATOR, R.BEHEERDER}),
    "subsidies.lezen": frozenset({R.COORDINATOR, R.BEHEERDER, R.SCHOOLLEIDER}),
    "subsidies.tellen": frozenset({R.BESTUUR}),
    "fondsaanvragen.maken": frozenset({R.COORDINATOR, R.BRUGFUNCTIONARIS, R.BEHEERDER}),
    "fondsaanvragen.lezen_eigen": frozenset({R.OKA, R.BUURTTEAM}),
    # Dashboards.
    "dashboard.school": frozenset({R.COORDINATOR, R.BRUGFUNCTIONARIS, R.SCHOOLLEIDER, R.BESTUUR, R.BEHEERDER}),
    "dashboard.bestuur": frozenset({R.BESTUUR, R.BEHEERDER}),
    # Users, roles and the access log.
    "gebruikers.uitnodigen": frozenset({R.COORDINATOR, R.BEHEERDER}),
    "gebruikers.beheren": frozenset({R.BEHEERDER}),
    "inzagelog.lezen": frozenset({R.BEHEERDER}),
}

# Roles that act for the whole board: they may switch to any of its schools.
BESTUURSBREDE_ROLLEN = frozenset({R.BESTUUR, R.BEHEERDER})

# Every role that can read family data must have MFA set up before such a page opens.
MFA_VERPLICHT = RECHTEN["gezinnen.lezen"] | RECHTEN["signalen.lezen"] | RECHTEN["inzagelog.lezen"]

# Roles a coordinator may invite to their own school (not board roles, not another coordinator's boss).
DOOR_COORDINATOR_UIT_TE_NODIGEN = frozenset(
    {R.COORDINATOR, R.BRUGFUNCTIONARIS, R.OKA, R.BUURTTEAM, R.LEERKRACHT, R.BEGELEIDER, R.SCHOOLLEIDER}
)


def heeft_recht(rol: str | None, recht: str) -> bool:
    """True when ``rol`` has ``recht``. Unknown rights are an error, not a silent no."""
    if recht not in RECHTEN:
        raise KeyError(f"Onbekend recht: {recht}")
    return rol is not None and rol in RECHTEN[recht]


def rechten_van(rol: str | None) -> frozenset[str]:
    if rol is None:
        return frozenset()
    return frozenset(recht for recht, rollen in RECHTEN.items() if rol in rollen)
