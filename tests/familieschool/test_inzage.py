"""The access log: one helper, same transaction, fail closed; the beheerder's log viewer."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import RequestFactory
from django.urls import reverse

from familieschool import services
from familieschool.models import Inzage
from familieschool.roles import Rol
from tests.conftest import make_persona


def _request(persona, ip="10.1.2.3"):
    request = RequestFactory().get("/ergens/", REMOTE_ADDR=ip)
    request.user = persona.user
    request.school = persona.school
    request.rol = persona.rol
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    request.session.create()
    return request


def test_record_inzage_stores_who_what_when_where_why_and_no_content(coordinator):
    request = _request(coordinator)

    inzage = services.record_inzage(request=request, record_type="gezinnen.gezin", record_id=42, doel="zorg")

    inzage.refresh_from_db()
    assert inzage.user == coordinator.user
    assert inzage.rol == Rol.COORDINATOR
    assert inzage.school == coordinator.school
    assert (inzage.record_type, inzage.record_id, inzage.doel) == ("gezinnen.gezin", "42", "zorg")
    assert inzage.ip_adres == "10.1.2.3"
    assert inzage.tijdstip is not None
    assert len(inzage.sessie_hash) == 64
    assert request.session.session_key not in inzage.sessie_hash


def test_record_inzage_rolls_back_with_the_read(coordinator):
    request = _request(coordinator)

    with pytest.raises(RuntimeError), transaction.atomic():
        services.record_inzage(request=request, record_type="gezinnen.gezin", record_id=1, doel="zorg")
        raise RuntimeError("de lezing mislukt")

    assert not Inzage.objects.exists()


def _fail_inzage_inserts(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith("INSERT") and '"familieschool_inzage"' in sql:
        raise DatabaseError("inzagelog niet beschikbaar (test)")
    return execute(sql, params, many, context)


def test_access_log_viewer_fails_closed_when_the_log_cannot_be_written(client, beheerder):
    services.record_inzage(request=_request(beheerder), record_type="gezinnen.gezin", record_id=7, doel="geheim-doel")
    client.raise_request_exception = False
    client.force_login(beheerder.user)

    with connection.execute_wrapper(_fail_inzage_inserts):
        response = client.get(reverse("inzage_list"))

    assert response.status_code == 500
    assert "geheim-doel" not in response.content.decode()


def test_reading_the_access_log_is_itself_logged(client, beheerder):
    client.force_login(beheerder.user)

    response = client.get(reverse("inzage_list"))

    assert response.status_code == 200
    assert Inzage.objects.filter(user=beheerder.user, actie=Inzage.Actie.LOG_LEZEN).count() == 1


def test_access_log_shows_only_schools_of_the_beheerders_board(client, beheerder, andere_school, vreemd_bestuur_school):
    eigen = make_persona(rol=Rol.OKA, school=andere_school)
    vreemd = make_persona(rol=Rol.OKA, school=vreemd_bestuur_school)
    services.record_inzage(request=_request(eigen), record_type="gezinnen.hulpvraag", record_id=1, doel="eigen-bestuur")
    services.record_inzage(
        request=_request(vreemd), record_type="gezinnen.hulpvraag", record_id=2, doel="ander-bestuur"
    )
    client.force_login(beheerder.user)

    content = client.get(reverse("inzage_list")).content.decode()

    assert "eigen-bestuur" in content
    assert "ander-bestuur" not in content


def test_access_log_filters_by_user_and_record_type(client, beheerder, persona):
    oka = persona(Rol.OKA)
    buurtteam = persona(Rol.BUURTTEAM)
    services.record_inzage(request=_request(oka), record_type="gezinnen.hulpvraag", record_id=1, doel="doel-oka")
    services.record_inzage(request=_request(buurtteam), record_type="gezinnen.signaal", record_id=2, doel="doel-bt")
    client.force_login(beheerder.user)

    by_user = client.get(reverse("inzage_list"), {"gebruiker": oka.user.email}).content.decode()
    by_type = client.get(reverse("inzage_list"), {"record_type": "gezinnen.signaal"}).content.decode()

    assert "doel-oka" in by_user and "doel-bt" not in by_user
    assert "doel-bt" in by_type and "doel-oka" not in by_type


def test_access_log_filter_with_reversed_dates_gets_a_field_error(client, beheerder):
    client.force_login(beheerder.user)

    response = client.get(reverse("inzage_list"), {"van": "2026-11-20", "tot": "2026-11-01"})

    assert response.status_code == 200
    assert "tot" in response.context["form"].errors


def test_access_log_htmx_request_returns_only_the_table(client, beheerder):
    client.force_login(beheerder.user)

    response = client.get(reverse("inzage_list"), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "<html" not in response.content.decode()
