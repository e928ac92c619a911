"""Every URL pattern × every principal against tests/access_matrix.py."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from familieschool import services
from familieschool.roles import Rol
from tests.access_matrix import ADMIN_EXPECTED, ADMIN_SPECIAL, ANDERE_SCHOOL, ANONIEM, MATRIX, PRINCIPALS, Url
from tests.activiteiten.matrix_objects import build as activiteiten_objects
from tests.activiteiten.matrix_objects_herinneringen import build as herinneringen_objects
from tests.activiteiten.matrix_objects_ouders import build as ouders_objects
from tests.activiteiten.matrix_objects_rsvp import build as rsvp_objects
from tests.conftest import make_persona
from tests.gezinnen.matrix_objects import build as gezinnen_objects
from tests.gezinnen.matrix_objects_fsp import build as fsp_objects
from tests.gezinnen.matrix_objects_meldcode import build as meldcode_objects
from tests.subsidies.matrix_objects import build as subsidies_objects


def _walk(patterns, namespace=None, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, prefix + str(p.pattern), namespace


ALL_PATTERNS = list(_walk(get_resolver().url_patterns))
OWN_NAMES = sorted({name for name, _, ns in ALL_PATTERNS if ns != "admin"})
ADMIN_PATTERNS = [(name, pattern) for name, pattern, ns in ALL_PATTERNS if ns == "admin"]


def test_every_url_pattern_is_in_the_matrix():
    unnamed = [pattern for name, pattern, ns in ALL_PATTERNS if ns != "admin" and not name]
    missing = [name for name in OWN_NAMES if name and name not in MATRIX]
    stale = [name for name in MATRIX if name.split("#")[0] not in OWN_NAMES]

    assert unnamed == [], f"URL patterns without a name cannot be in the matrix: {unnamed}"
    assert missing == [], f"URL patterns missing from tests/access_matrix.py: {missing}"
    assert stale == [], f"Matrix entries without a URL pattern: {stale}"


@pytest.fixture
def wereld(school, andere_school):
    """Personas for every role at our school, an outsider, and objects of our school."""
    from tests.factories import ContactpersoonFactory, PartnerFactory, SamenwerkingFactory

    personas = {rol.value: make_persona(rol=rol, school=school) for rol in Rol}
    personas[ANDERE_SCHOOL] = make_persona(rol=Rol.COORDINATOR, school=andere_school)
    doel = make_persona(rol=Rol.LEERKRACHT, school=school)
    uitnodiging, token = services.invite_user(
        uitgenodigd_door=personas[Rol.BEHEERDER].user,
        door_rol=Rol.BEHEERDER,
        actieve_school=school,
        school=school,
        email="nieuw@school.test",
        naam="Nieuwe Collega",
        rol=Rol.LEERKRACHT,
    )
    partner = PartnerFactory(bestuur=school.bestuur, naam="Buurtteam West")
    ContactpersoonFactory(partner=partner)
    SamenwerkingFactory(partner=partner, school=school)
    objects = {
        "uitnodiging": uitnodiging.pk,
        "lidmaatschap": doel.lidmaatschap.pk,
        "token": token,
        "school": school.pk,
        "partner": partner.pk,
    }
    objects.update(gezinnen_objects(school=school, beheerder=personas[Rol.BEHEERDER].user))
    objects.update(fsp_objects(school=school, personas=personas))
    objects.update(meldcode_objects(school=school, personas=personas))
    objects.update(activiteiten_objects(school=school, personas=personas))
    for bouw in (ouders_objects, herinneringen_objects, rsvp_objects, subsidies_objects):
        objects.update(bouw(school=school, personas=personas, objects=objects))
    return personas, objects


def _call(client, url: str, spec: Url, objects: dict) -> int:
    if spec.method == "post":
        data = {k: (objects[v[1:]] if v.startswith("@") else v) for k, v in spec.data.items()}
        return client.post(url, data).status_code
    return client.get(url).status_code


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_gives_each_principal_the_expected_status(name, wereld, client):
    personas, objects = wereld
    spec = MATRIX[name]
    # "name#variant": the same URL once more with other objects (e.g. outside a role's scope).
    url = reverse(name.split("#")[0], args=[objects[a] for a in spec.args], kwargs=spec.kwargs)
    mismatches = []

    for principal in PRINCIPALS:
        client.logout()
        if principal != ANONIEM:
            client.force_login(personas[principal].user)
        status = _call(client, url, spec, objects)
        if status != spec.expected(principal):
            mismatches.append(f"{principal}: {status} (verwacht {spec.expected(principal)})")

    assert mismatches == [], f"{name} {url}: " + "; ".join(mismatches)


def _admin_url(pattern: str) -> str:
    url = "/" + pattern
    for placeholder, value in {
        "<path:object_id>": "1",
        "<id>": "1",
        "(?P<url>.*)$": "x/",
        "^(?P<app_label>auth|familieschool|account|mfa)/$": "familieschool/",
        "<int:content_type_id>/<path:object_id>/": "1/1/",
    }.items():
        url = url.replace(placeholder, value)
    return url.replace("^", "").replace("$", "")


@pytest.mark.parametrize(("name", "pattern"), ADMIN_PATTERNS, ids=[p for _, p in ADMIN_PATTERNS])
def test_admin_url_sends_every_non_staff_principal_to_login(name, pattern, wereld, client):
    personas, _ = wereld
    url = _admin_url(pattern)
    mismatches = []

    for principal in PRINCIPALS:
        client.logout()
        if principal != ANONIEM:
            client.force_login(personas[principal].user)
        response = client.get(url)
        spec = ADMIN_SPECIAL.get(name, ADMIN_EXPECTED)
        expected = spec.expected(principal)
        location = response.get("Location", "")
        sent_to_login = "/login" in location or (name == "admin:logout" and location == "/django-beheer/")
        if response.status_code != expected or (expected == 302 and not sent_to_login):
            mismatches.append(f"{principal}: {response.status_code} → {response.get('Location')}")

    assert mismatches == [], f"{url}: " + "; ".join(mismatches)
