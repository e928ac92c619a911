"""Attachments of expenses: recognised by content (not name or content type), size-limited,
stored under a random name, served only to roles that read subsidies at the same school, and
removed from storage when replaced or deleted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from familieschool.roles import Rol
from subsidies import bijlagen, services
from subsidies.models import Uitgave
from tests.conftest import make_persona
from tests.subsidies.factories import PDF_BYTES, maak_toekenning, maak_uitgave

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00" + b"\x00" * 64

pytestmark = pytest.mark.django_db


def _upload(naam: str, inhoud: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type=content_type)


# --- content check -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [(PDF_BYTES, "application/pdf"), (PNG_BYTES, "image/png"), (JPEG_BYTES, "image/jpeg")],
)
def test_allowed_types_are_recognised_by_content(inhoud, verwacht):
    # The name and the browser's content type say PDF; the content decides.
    bijlage = bijlagen.controleer_bijlage(_upload("scan.pdf", inhoud))

    assert bijlage.content_type == verwacht


def test_an_executable_renamed_to_pdf_is_refused():
    with pytest.raises(bijlagen.ValidationError) as fout:
        bijlagen.controleer_bijlage(_upload("factuur.pdf", EXE_BYTES))

    assert "Alleen een PDF, PNG of JPEG" in fout.value.messages[0]


def test_html_posing_as_an_image_is_refused():
    with pytest.raises(bijlagen.ValidationError):
        bijlagen.controleer_bijlage(_upload("bon.png", b"<html><script>alert(1)</script>", "image/png"))


def test_an_oversized_attachment_is_refused(settings):
    settings.FAMILIESCHOOL_BIJLAGE_MAX_MB = 1
    groot = PDF_BYTES + b"0" * (1024 * 1024)

    with pytest.raises(bijlagen.ValidationError) as fout:
        bijlagen.controleer_bijlage(_upload("groot.pdf", groot))

    assert fout.value.messages == ["De bijlage is te groot (1,0 MB); het maximum is 1 MB."]


def test_the_limit_defaults_to_ten_megabytes(settings):
    del settings.FAMILIESCHOOL_BIJLAGE_MAX_MB

    assert bijlagen.max_mb() == 10


def test_the_original_name_loses_any_path():
    assert bijlagen.veilige_naam("C:\\Users\\juf\\factuur mei.pdf") == "factuur mei.pdf"
    assert bijlagen.veilige_naam("../../etc/passwd") == "passwd"
    assert bijlagen.veilige_naam("") == "bijlage"


# --- upload through the page ---------------------------------------------------------------------------


def _post_uitgave(client, toekenning, bestand, **extra):
    data = {
        "datum": "2026-09-15",
        "bedrag": "12,50",
        "omschrijving": "Bon",
        "post": toekenning.posten.get(soort="activiteiten").pk,
        "bijlage": bestand,
    } | extra
    return client.post(reverse("subsidies:uitgave_create", args=[toekenning.pk]), data)


def test_upload_is_stored_with_a_random_name_and_the_real_type(client, school, coordinator):
    toekenning = maak_toekenning(school)
    client.force_login(coordinator.user)

    # A PNG that was given a .pdf name: accepted, as what it really is.
    response = _post_uitgave(client, toekenning, _upload("kassabon.pdf", PNG_BYTES))

    assert response.status_code == 302
    uitgave = Uitgave.objects.get()
    assert uitgave.bijlage_naam == "kassabon.pdf"
    assert uitgave.bijlage_type == "image/png"
    naam = Path(uitgave.bijlage.name)
    assert naam.parent == Path(f"uitgaven/{school.pk}")
    assert naam.suffix == ".png"
    assert "kassabon" not in naam.name
    assert default_storage.exists(uitgave.bijlage.name)


def _bestanden() -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def test_a_valid_file_must_be_chosen_again_after_another_error(client, school, coordinator):
    toekenning = maak_toekenning(school)
    client.force_login(coordinator.user)
    voor = _bestanden()

    response = _post_uitgave(client, toekenning, _upload("factuur.pdf", PDF_BYTES), bedrag="-1")

    assert response.status_code == 200
    assert "Kies het opnieuw" in response.content.decode()
    assert not Uitgave.objects.exists()
    assert _bestanden() == voor  # refused before anything was stored: no orphaned file


def test_upload_of_an_executable_saves_nothing(client, school, coordinator):
    toekenning = maak_toekenning(school)
    client.force_login(coordinator.user)

    response = _post_uitgave(client, toekenning, _upload("factuur.pdf", EXE_BYTES))

    assert response.status_code == 200
    assert "Alleen een PDF, PNG of JPEG" in response.context["form"].errors["bijlage"][0]
    assert not Uitgave.objects.exists()


# --- download ------------------------------------------------------------------------------------------


def test_download_has_safe_headers(client, school, coordinator):
    uitgave = maak_uitgave(maak_toekenning(school), bijlage=True)
    client.force_login(make_persona(rol=Rol.SCHOOLLEIDER, school=school).user)

    response = client.get(reverse("subsidies:bijlage", args=[uitgave.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="factuur.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_board_may_not_download(client, school):
    uitgave = maak_uitgave(maak_toekenning(school), bijlage=True)
    client.force_login(make_persona(rol=Rol.BESTUUR, school=school).user)

    assert client.get(reverse("subsidies:bijlage", args=[uitgave.pk])).status_code == 403


def test_other_school_gets_404(client, school, andere_coordinator):
    uitgave = maak_uitgave(maak_toekenning(school), bijlage=True)
    client.force_login(andere_coordinator.user)

    assert client.get(reverse("subsidies:bijlage", args=[uitgave.pk])).status_code == 404


def test_expense_without_attachment_is_404(client, school, coordinator):
    uitgave = maak_uitgave(maak_toekenning(school))
    client.force_login(coordinator.user)

    assert client.get(reverse("subsidies:bijlage", args=[uitgave.pk])).status_code == 404


# --- replace and delete --------------------------------------------------------------------------------


def test_replacing_removes_the_old_file_after_commit(client, school, coordinator, django_capture_on_commit_callbacks):
    toekenning = maak_toekenning(school)
    uitgave = maak_uitgave(toekenning, bijlage=True)
    oud = uitgave.bijlage.name
    client.force_login(coordinator.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("subsidies:uitgave_update", args=[uitgave.pk]),
            {
                "datum": "2026-09-15",
                "bedrag": "250,00",
                "omschrijving": "Materiaal judoclub",
                "post": uitgave.post_id,
                "bijlage": _upload("nieuw.jpg", JPEG_BYTES, "image/jpeg"),
            },
        )

    assert response.status_code == 302
    uitgave.refresh_from_db()
    assert uitgave.bijlage_type == "image/jpeg"
    assert uitgave.bijlage_naam == "nieuw.jpg"
    assert not default_storage.exists(oud)
    assert default_storage.exists(uitgave.bijlage.name)


def test_removing_the_attachment(client, school, coordinator, django_capture_on_commit_callbacks):
    uitgave = maak_uitgave(maak_toekenning(school), bijlage=True)
    oud = uitgave.bijlage.name
    client.force_login(coordinator.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("subsidies:uitgave_update", args=[uitgave.pk]),
            {
                "datum": "2026-09-15",
                "bedrag": "250,00",
                "omschrijving": "Materiaal judoclub",
                "post": uitgave.post_id,
                "bijlage_verwijderen": "on",
            },
        )

    uitgave.refresh_from_db()
    assert not uitgave.bijlage
    assert uitgave.bijlage_naam == ""
    assert not default_storage.exists(oud)


def test_deleting_the_expense_removes_its_file(client, school, coordinator, django_capture_on_commit_callbacks):
    uitgave = maak_uitgave(maak_toekenning(school), bijlage=True)
    naam = uitgave.bijlage.name
    client.force_login(coordinator.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("subsidies:uitgave_delete", args=[uitgave.pk]))

    assert response.status_code == 302
    assert not Uitgave.objects.filter(pk=uitgave.pk).exists()
    assert not default_storage.exists(naam)


def test_a_failing_save_leaves_no_file(school, coordinator, monkeypatch):
    toekenning = maak_toekenning(school)
    voor = _bestanden()

    def kapot(self, *args, **kwargs):
        raise IntegrityError("kapot")

    monkeypatch.setattr(Uitgave, "save", kapot)
    with pytest.raises(IntegrityError):
        services.create_uitgave(
            toekenning=toekenning,
            aangemaakt_door=coordinator.user,
            datum=dt.date(2026, 9, 1),
            bedrag=Decimal("10.00"),
            omschrijving="Bon",
            post=toekenning.posten.get(soort="activiteiten"),
            bijlage=bijlagen.controleer_bijlage(_upload("bon.pdf", PDF_BYTES)),
        )

    assert _bestanden() == voor
