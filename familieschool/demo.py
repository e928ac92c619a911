"""The fictional demo board: three schools and a user for every role. Idempotent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from familieschool.mfa import activate_totp, demo_secret
from familieschool.models import Bestuur, Lidmaatschap, School, User
from familieschool.roles import BESTUURSBREDE_ROLLEN, MFA_VERPLICHT, Rol

DEMO_PASSWORD = "Familieschool-demo-2026"  # noqa: S105  (demo mode only, printed on purpose)
DEMO_DOMAIN = "demo.familieschool.test"

# All names are invented. No real children, families or staff.
BESTUUR = {"naam": "Stichting Noorderlicht Onderwijs (demo)", "bestuursnummer": "99001"}
SCHOLEN = [
    {
        "naam": "OBS De Regenboog",
        "brin": "99AA",
        "vestiging": "00",
        "adres": "Zonnebloemstraat 12",
        "postcode": "1055 AB",
        "stadsdeel": "West",
        "wijk": "Bos en Lommer",
    },
    {
        "naam": "Basisschool Het Kompas",
        "brin": "99AB",
        "vestiging": "00",
        "adres": "Kompaslaan 3",
        "postcode": "1056 CD",
        "stadsdeel": "West",
        "wijk": "De Baarsjes",
    },
    {
        "naam": "IKC De Vlinderboom",
        "brin": "99AC",
        "vestiging": "00",
        "adres": "Vlinderpad 8",
        "postcode": "1057 EF",
        "stadsdeel": "West",
        "wijk": "Kolenkit",
    },
]


@dataclass(frozen=True)
class DemoGebruiker:
    email: str
    naam: str
    rollen: tuple[tuple[int, str, bool], ...]  # (school index, rol, aandachtsfunctionaris)

    @property
    def rol_omschrijving(self) -> str:
        delen = []
        for index, rol, af in self.rollen:
            waar = "alle scholen van het bestuur" if rol in BESTUURSBREDE_ROLLEN else SCHOLEN[index]["naam"]
            tekst = f"{Rol(rol).label} — {waar}"
            delen.append(tekst + (" (aandachtsfunctionaris)" if af else ""))
        return "; ".join(delen)


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


GEBRUIKERS = [
    DemoGebruiker(_email("coordinator"), "Sanne de Vries", ((0, Rol.COORDINATOR, False), (1, Rol.COORDINATOR, False))),
    DemoGebruiker(_email("brugfunctionaris"), "Youssef El Amrani", ((0, Rol.BRUGFUNCTIONARIS, False),)),
    DemoGebruiker(_email("oka"), "Marieke Jansen", ((0, Rol.OKA, True),)),
    DemoGebruiker(_email("buurtteam"), "Kemal Yıldız", ((0, Rol.BUURTTEAM, False),)),
    DemoGebruiker(_email("leerkracht"), "Femke Bakker", ((0, Rol.LEERKRACHT, False),)),
    DemoGebruiker(_email("begeleider"), "Dennis Pinas", ((0, Rol.BEGELEIDER, False),)),
    DemoGebruiker(_email("schoolleider"), "Ingrid Visser", ((0, Rol.SCHOOLLEIDER, False),)),
    DemoGebruiker(_email("bestuur"), "Ahmed Bouzid", ((0, Rol.BESTUUR, False),)),
    DemoGebruiker(_email("beheerder"), "Lotte Smit", ((0, Rol.BEHEERDER, False),)),
    DemoGebruiker(_email("coordinator.vlinderboom"), "Priya Ramdin", ((2, Rol.COORDINATOR, False),)),
]


# Apps add their demo data here from AppConfig.ready(): a function (bestuur, scholen) → summary.
Seeder = Callable[..., dict[str, int]]
_seeders: dict[str, Seeder] = {}


def register_seeder(key: str, seeder: Seeder) -> None:
    _seeders[key] = seeder


# Larger data sets for measuring (``seed_demo --scale NAME``), added by apps further right from
# AppConfig.ready(): a function (bestuur, scholen, schools, fraction, log) → rows per table.
Schaal = Callable[..., dict[str, int]]
_schalen: dict[str, Schaal] = {}


def register_scale(name: str, generator: Schaal) -> None:
    _schalen[name] = generator


def scales() -> list[str]:
    return sorted(_schalen)


def seed_scale(name: str, **options: object) -> dict[str, int]:
    """Add the named data set to the demo board (which is created first if needed)."""
    seed_demo()
    bestuur = Bestuur.objects.get(bestuursnummer=BESTUUR["bestuursnummer"])
    scholen = [School.objects.get(brin=data["brin"], vestiging=data["vestiging"]) for data in SCHOLEN]
    return _schalen[name](bestuur=bestuur, scholen=scholen, **options)


def demo_exists() -> bool:
    return Bestuur.objects.filter(bestuursnummer=BESTUUR["bestuursnummer"]).exists()


@transaction.atomic
def seed_demo(*, password: str = DEMO_PASSWORD) -> dict[str, int]:
    """Create (or complete) the demo board. Running it again changes nothing."""
    bestuur, _ = Bestuur.objects.get_or_create(
        bestuursnummer=BESTUUR["bestuursnummer"], defaults={"naam": BESTUUR["naam"]}
    )
    scholen = []
    for data in SCHOLEN:
        school, _ = School.objects.get_or_create(
            brin=data["brin"], vestiging=data["vestiging"], defaults={**data, "bestuur": bestuur}
        )
        scholen.append(school)
    nieuw = 0
    for demo in GEBRUIKERS:
        user = User.objects.filter(email=demo.email).first()
        if user is None:
            user = User.objects.create_user(demo.email, password, naam=demo.naam)
            nieuw += 1
        for index, rol, af in demo.rollen:
            Lidmaatschap.objects.get_or_create(
                user=user, school=scholen[index], defaults={"rol": rol, "is_aandachtsfunctionaris": af}
            )
        if any(rol in MFA_VERPLICHT for _, rol, _ in demo.rollen):
            activate_totp(user=user, secret=demo_secret(demo.email))
    result = {"scholen": len(scholen), "gebruikers": len(GEBRUIKERS), "nieuwe_gebruikers": nieuw}
    for seeder in _seeders.values():
        result.update(seeder(bestuur=bestuur, scholen=scholen))
    return result
