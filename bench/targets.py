"""Which users and objects the benchmark requests: printed as JSON for ``bench.run``.

Run inside the data set's environment (``python -m bench.targets``): the benchmark may measure
several databases, so it asks each one for its own ids rather than holding a Django connection.
Objects are taken from the active school of the coordinator, the school the pages are measured
for, and prefer the fullest of each kind (the family with most pupils, the session with most
enrolments) so a page is measured at its heaviest, not its emptiest.
"""

from __future__ import annotations

import json
import os
from typing import Any

DEMO_DOMAIN = "demo.familieschool.test"
ROLLEN = ("coordinator", "brugfunctionaris", "leerkracht", "begeleider", "schoolleider", "bestuur")


def collect() -> dict[str, Any]:
    from django.conf import settings
    from django.core.cache import cache
    from django.db.models import Count

    from activiteiten.models import Bijeenkomst
    from familieschool import selectors
    from familieschool.choices import Hulpdomein
    from familieschool.mfa import demo_secret
    from familieschool.models import School, User
    from gezinnen.models import Gezin, Leerling, Zorgniveau
    from partners.models import Partner
    from subsidies.models import Toekenning

    users = {rol: f"{rol}@{DEMO_DOMAIN}" for rol in ROLLEN}
    coordinator = User.objects.filter(email=users["coordinator"]).first()
    if coordinator is None:
        return {"error": f"geen demogebruiker {users['coordinator']}: draai eerst seed_demo"}
    actief = selectors.actieve_rol(
        selectors.scholen_for_lidmaatschappen(selectors.lidmaatschappen_for_user(coordinator)), None
    )
    if actief is None:
        return {"error": f"{users['coordinator']} heeft geen actieve school"}
    school = actief.school
    gezin = Gezin.objects.filter(school=school).annotate(n=Count("leerlingen")).order_by("-n", "pk").first()
    leerling = Leerling.objects.filter(school=school).order_by("pk").first()
    bijeenkomst = (
        Bijeenkomst.objects.filter(activiteit__school=school)
        .annotate(n=Count("activiteit__inschrijvingen", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    presentie = {rol: _bijeenkomst_voor(users[rol]) for rol in ("begeleider", "leerkracht")}
    toekenning = Toekenning.objects.filter(school=school).order_by("pk").first()
    partner = Partner.objects.filter(bestuur=school.bestuur).order_by("pk").first()
    return {
        "school": school.naam,
        "schools": School.objects.count(),
        "users": users,
        "secrets": {rol: demo_secret(email) for rol, email in users.items()},
        "gezin": gezin.pk if gezin else None,
        "leerling": leerling.pk if leerling else None,
        "leerling_q": leerling.achternaam[:3] if leerling else "an",
        "bijeenkomst": bijeenkomst.pk if bijeenkomst else None,
        "presentie": presentie,
        "toekenning": toekenning.pk if toekenning else None,
        "signaal": {"categorie": Hulpdomein.values[0], "zorgniveau": Zorgniveau.ZORG.value},
        "partner_q": partner.naam.split()[0][:4] if partner else "zorg",
        # Where the start page keeps its panels, so the benchmark can measure it without them.
        "kept": {"redis": settings.CACHES["default"]["LOCATION"], "start": cache.make_key("start:*")},
    }


def _bijeenkomst_voor(email: str) -> int | None:
    """A past session whose attendance this (teacher or leader) user may take."""
    from django.utils import timezone

    from activiteiten.presentie.selectors import bijeenkomsten_presentie_lezen
    from activiteiten.selectors import mag_presentie_registreren
    from familieschool import selectors
    from familieschool.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        return None
    actief = selectors.actieve_rol(
        selectors.scholen_for_lidmaatschappen(selectors.lidmaatschappen_for_user(user)), None
    )
    if actief is None:
        return None
    sessies = bijeenkomsten_presentie_lezen(user=user, rol=actief.rol, school=actief.school)
    for bijeenkomst in (
        sessies.filter(datum__lte=timezone.localdate()).select_related("activiteit").order_by("-datum")[:50]
    ):
        if mag_presentie_registreren(user=user, rol=actief.rol, activiteit=bijeenkomst.activiteit):
            return bijeenkomst.pk
    return None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familieschool.settings")
    import django

    django.setup()
    print(json.dumps(collect()))


if __name__ == "__main__":
    main()
