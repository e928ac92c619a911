"""The import pages: upload → preview → approve (Celery eager), the progress partial, scope
(another school's batch is a 404) and roles (no gezinnen.importeren: 403)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from familieschool.roles import Rol
from gezinnen import imports
from gezinnen.models import Importbatch, Leerling
from tests.conftest import make_persona
from tests.gezinnen.test_import_helpers import CSV, EDEXML, EDEXML_TEKST, leerling_blok, start, upload

pytestmark = pytest.mark.django_db

ZONDER_IMPORTRECHT = [rol for rol in Rol if rol not in (Rol.COORDINATOR, Rol.BEHEERDER)]


@pytest.fixture
def sample_school(school):
    school.brin, school.vestiging = "99XX", "00"
    school.save()
    return school


def _batch(school, persona, status=Importbatch.Status.TE_BEOORDELEN) -> Importbatch:
    return Importbatch.objects.create(school=school, status=status, edexml_naam="EDEX.XML", geupload_door=persona.user)


@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.BEHEERDER])
def test_upload_preview_approve_imports_the_pupils(
    client, sample_school, persona, rol, django_capture_on_commit_callbacks
):
    gebruiker = persona(rol)
    client.force_login(gebruiker.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("gezinnen:import_list"),
            {"edexml": upload("EDEX.XML", EDEXML), "verzorgers": upload("verzorgers.csv", CSV)},
        )
    batch = Importbatch.objects.get(school=sample_school)
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    assert batch.status == Importbatch.Status.TE_BEOORDELEN
    preview = client.get(batch.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("gezinnen:import_approve", args=[batch.pk]))
    resultaat = client.get(batch.get_absolute_url())

    html = preview.content.decode()
    assert "Controleer de verschillen" in html
    assert "Nieuwe leerlingen (180)" in html and "Nieuwe verzorgers" in html
    assert "niet overgenomen, omdat Familieschool ze niet mag bewaren" in html
    assert f'action="{reverse("gezinnen:import_approve", args=[batch.pk])}"' in html
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == Importbatch.Status.VERWERKT and batch.goedgekeurd_door == gebruiker.user
    assert Leerling.objects.filter(school=sample_school).count() == 180
    assert "De import is verwerkt" in resultaat.content.decode()


def test_a_file_of_another_school_is_refused_at_the_file_field(client, school, coordinator):
    client.force_login(coordinator.user)

    response = client.post(reverse("gezinnen:import_list"), {"edexml": upload("EDEX.XML", EDEXML)})

    assert response.status_code == 200
    assert "hoort bij een andere school" in response.context["form"].errors["edexml"][0]
    assert "hoort bij een andere school" in response.content.decode()
    assert not Importbatch.objects.exists()


def test_a_bad_guardian_file_is_refused_at_its_own_field(client, sample_school, coordinator):
    client.force_login(coordinator.user)

    response = client.post(
        reverse("gezinnen:import_list"),
        {"edexml": upload("EDEX.XML", EDEXML), "verzorgers": upload("verzorgers.csv", b"naam;email\nA;b\n")},
    )

    assert response.status_code == 200
    assert "leerlingnummer" in response.context["form"].errors["verzorgers"][0]
    assert "edexml" not in response.context["form"].errors


def test_the_preview_reports_rejected_rows_with_line_and_reason(client, sample_school, coordinator):
    tekst = EDEXML_TEKST.replace(
        leerling_blok(EDEXML_TEKST, "20181006"), leerling_blok(EDEXML_TEKST, "20181006").replace("G7", "G99")
    )
    batch = start(sample_school, coordinator.user, edexml=tekst.encode())
    client.force_login(coordinator.user)

    response = client.get(batch.get_absolute_url())

    html = response.content.decode()
    assert "Overgeslagen regels" in html
    assert "Onbekende groep ‘G99’" in html
    assert f'<th scope="row" class="fw-normal">{tekst[: tekst.index("20181006")].count(chr(10)) + 1}</th>' in html


def test_the_progress_partial_shows_the_bar_and_stops_when_done(client, sample_school, coordinator):
    batch = _batch(sample_school, coordinator, status=Importbatch.Status.VERWERKEN)
    cache.set(imports.voortgang_sleutel(batch.pk), {"klaar": 80, "totaal": 200, "fase": "verwerken"})
    client.force_login(coordinator.user)
    url = reverse("gezinnen:import_voortgang", args=[batch.pk])

    bezig = client.get(url, headers={"HX-Request": "true"})
    batch.status = Importbatch.Status.VERWERKT
    batch.save()
    klaar = client.get(url, headers={"HX-Request": "true"})

    html = bezig.content.decode()
    assert 'role="progressbar"' in html and 'aria-valuenow="40"' in html and 'aria-labelledby="voortgang-kop"' in html
    assert 'hx-trigger="every 1s"' in html and "80 van 200" in html
    assert "HX-Refresh" not in bezig.headers
    assert klaar.status_code == 200
    assert klaar.headers["HX-Refresh"] == "true"
    assert "hx-trigger" not in klaar.content.decode()
    assert 'aria-valuenow="100"' in klaar.content.decode()


def test_the_detail_page_polls_while_the_batch_runs(client, sample_school, coordinator):
    batch = _batch(sample_school, coordinator, status=Importbatch.Status.VALIDEREN)
    client.force_login(coordinator.user)

    response = client.get(batch.get_absolute_url())

    assert f'hx-get="{reverse("gezinnen:import_voortgang", args=[batch.pk])}"' in response.content.decode()


def test_a_batch_of_another_school_is_not_found(client, school, coordinator, andere_coordinator):
    batch = _batch(school, coordinator)
    client.force_login(andere_coordinator.user)

    for naam in ("import_detail", "import_voortgang"):
        assert client.get(reverse(f"gezinnen:{naam}", args=[batch.pk])).status_code == 404
    for naam in ("import_approve", "import_reject"):
        assert client.post(reverse(f"gezinnen:{naam}", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == Importbatch.Status.TE_BEOORDELEN


@pytest.mark.parametrize("rol", ZONDER_IMPORTRECHT)
def test_roles_without_the_import_right_are_forbidden(client, school, coordinator, rol):
    batch = _batch(school, coordinator)
    gebruiker = make_persona(rol=rol, school=school)
    client.force_login(gebruiker.user)

    assert client.get(reverse("gezinnen:import_list")).status_code == 403
    assert client.get(batch.get_absolute_url()).status_code == 403
    assert client.post(reverse("gezinnen:import_approve", args=[batch.pk])).status_code == 403


def test_approving_twice_or_rejecting_after_approval_is_refused_with_a_message(client, school, coordinator):
    batch = _batch(school, coordinator)
    client.force_login(coordinator.user)

    client.post(reverse("gezinnen:import_approve", args=[batch.pk]))  # the task is queued after commit
    nogmaals = client.post(reverse("gezinnen:import_approve", args=[batch.pk]), follow=True)
    afwijzen = client.post(reverse("gezinnen:import_reject", args=[batch.pk]), follow=True)

    assert "wacht niet (meer) op goedkeuring" in nogmaals.content.decode()
    assert "wacht niet (meer) op goedkeuring" in afwijzen.content.decode()
    batch.refresh_from_db()
    assert batch.status == Importbatch.Status.VERWERKEN


def test_rejecting_a_batch_deletes_its_data(client, sample_school, coordinator):
    batch = start(sample_school, coordinator.user)
    client.force_login(coordinator.user)

    response = client.post(reverse("gezinnen:import_reject", args=[batch.pk]))

    assert response.status_code == 302 and response.url == reverse("gezinnen:import_list")
    batch.refresh_from_db()
    assert batch.status == Importbatch.Status.AFGEWEZEN and batch.gegevens == {}
    assert Leerling.objects.count() == 0


@pytest.mark.parametrize("aantal", [1, 3])
def test_import_list_query_count_is_constant(
    client, school, coordinator, andere_coordinator, aantal, django_assert_num_queries
):
    for _ in range(aantal):
        _batch(school, coordinator)
    _batch(andere_coordinator.school, andere_coordinator)  # never shown here
    client.force_login(coordinator.user)
    client.get(reverse("start"))  # the first request of a session also checks MFA and saves the session

    # session, user, memberships with their schools, batches with uploader (joined); the session
    # is saved on every request (idle timeout): savepoint, update, release
    with django_assert_num_queries(7):
        response = client.get(reverse("gezinnen:import_list"))

    assert response.status_code == 200
    assert len(response.context["batches"]) == aantal
