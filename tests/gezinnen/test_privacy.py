"""Privacy duties (issue 4, point 6): the access-request export of one family as JSON and PDF, by
the beheerder only, and the retention purge that anonymises who left long ago, history included."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from familieschool.celery import app as celery_app
from familieschool.models import Inzage
from familieschool.roles import Rol
from gezinnen import privacy, services
from gezinnen.models import (
    Anonimiseringsronde,
    Doel,
    Gezin,
    Importbatch,
    Leerling,
    Relatie,
    Toestemming,
    Verzorger,
    Verzorgerschap,
)
from gezinnen.privacy_tasks import task_anonimiseer_vertrokken
from gezinnen.views_privacy import DOEL_INZAGEVERZOEK

# The browser test at the end needs the Chromium set-up of tests/browser, whose conftest applies
# only to that folder.
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
from tests.gezinnen.factories import GroepFactory, LeerlingFactory, VerzorgerFactory, gezin_met_kinderen

pytestmark = pytest.mark.urls("tests.gezinnen.urls_privacy")

NIET_BEHEERDER = [rol for rol in Rol if rol != Rol.BEHEERDER]


def _vandaag() -> dt.date:
    return timezone.localdate()


def _lang_geleden() -> dt.date:
    return _vandaag() - dt.timedelta(days=1100)  # well past the default 730 days


def _kort_geleden() -> dt.date:
    return _vandaag() - dt.timedelta(days=30)


def _pdftotext(pdf: bytes) -> str:
    result = subprocess.run(["/usr/bin/pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=30)
    return result.stdout.decode()


def _inzage(user, *, record_type: str, record_id: int, doel: str) -> Inzage:
    return Inzage.objects.create(user=user, record_type=record_type, record_id=str(record_id), doel=doel)


def _event_rows_containing(text: str) -> list[str]:
    """Every pghistory event row, of any app, whose data contains ``text``."""
    gevonden = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if not hasattr(model, "pgh_tracked_model"):
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT row_to_json(t)::text FROM {table} t")  # noqa: S608 — a table name from the models
            gevonden += [f"{model._meta.label}: {row}" for (row,) in cursor.fetchall() if text in row]
    return gevonden


# --- the export ------------------------------------------------------------------------------------


@pytest.fixture
def familie(school, andere_school, beheerder):
    """The Yilmaz family (two children, groups, two guardians, a consent, changes) next to the
    Jansen family at the same school and the Elders family at another school."""
    groep = GroepFactory(school=school, naam="Groep 5b")
    nt2 = GroepFactory(school=school, naam="Taalgroep NT2", soort="samengesteld", jaargroep="")
    gezin, kinderen, ouders = gezin_met_kinderen(school=school, achternaam="Yilmaz", groep=groep, ouders=2)
    kinderen[0].samengestelde_groepen.add(nt2)
    oude_roepnaam = kinderen[0].roepnaam
    kinderen[0].roepnaam = "Elif"
    kinderen[0].save()
    ouders[0].telefoon = "06-11112222"
    ouders[0].save()
    for schap in Verzorgerschap.objects.filter(verzorger=ouders[1]):
        schap.relatie = Relatie.VADER
        schap.save()
    services.record_toestemming(
        gezin=gezin,
        doel=Doel.FOTOS,
        gegeven=True,
        datum=_vandaag(),
        vastgelegd_door=beheerder.user,
        gegeven_door=ouders[0],
        toelichting="Mondeling bij de intake",
    )
    jansen, jansen_kinderen, _ = gezin_met_kinderen(school=school, achternaam="Jansen")
    elders, _, _ = gezin_met_kinderen(school=andere_school, achternaam="Elders")
    _inzage(beheerder.user, record_type="gezinnen.gezin", record_id=gezin.pk, doel="gezinsdossier")
    _inzage(beheerder.user, record_type="gezinnen.leerling", record_id=kinderen[1].pk, doel="leerlingkaart")
    _inzage(beheerder.user, record_type="gezinnen.gezin", record_id=jansen.pk, doel="dossier van een ander")
    _inzage(
        beheerder.user, record_type="gezinnen.leerling", record_id=jansen_kinderen[0].pk, doel="kaart van een ander"
    )
    return {
        "gezin": gezin,
        "kinderen": kinderen,
        "ouders": ouders,
        "oude_roepnaam": oude_roepnaam,
        "jansen": jansen,
        "elders": elders,
    }


def test_gezin_export_holds_every_child_guardian_consent_and_change_and_nothing_of_another_family(familie, beheerder):
    gezin, kinderen, ouders = familie["gezin"], familie["kinderen"], familie["ouders"]

    export = privacy.gezin_export(gezin=gezin)

    assert json.loads(json.dumps(export)) == export  # serialisable as it is: dates are ISO strings
    assert export["gezin"]["naam"] == "Gezin Yilmaz"
    assert {k["id"] for k in export["kinderen"]} == {k.pk for k in kinderen}
    elif_ = next(k for k in export["kinderen"] if k["id"] == kinderen[0].pk)
    assert (elif_["roepnaam"], elif_["leerlingnummer"]) == ("Elif", kinderen[0].leerlingnummer)
    assert elif_["groep"]["naam"] == "Groep 5b"
    assert [g["naam"] for g in elif_["samengestelde_groepen"]] == ["Taalgroep NT2"]
    assert {v["id"] for v in export["verzorgers"]} == {o.pk for o in ouders}
    vader = next(v for v in export["verzorgers"] if v["id"] == ouders[1].pk)
    assert vader["email"] == ouders[1].email
    assert {(s["leerling_id"], s["relatie"]) for s in vader["kinderen"]} == {(k.pk, Relatie.VADER) for k in kinderen}
    [toestemming] = export["toestemmingen"]
    assert (toestemming["doel"], toestemming["gegeven"], toestemming["datum"]) == (
        Doel.FOTOS,
        True,
        _vandaag().isoformat(),
    )
    assert toestemming["gegeven_door"] == {"id": ouders[0].pk, "naam": ouders[0].volledige_naam}
    assert toestemming["vastgelegd_door"] == beheerder.user.naam
    assert toestemming["toelichting"] == "Mondeling bij de intake"


def test_gezin_export_holds_the_history_of_every_record(familie):
    gezin, kinderen, ouders = familie["gezin"], familie["kinderen"], familie["ouders"]

    historie = privacy.gezin_export(gezin=gezin)["historie"]

    aangemaakt = {(r["soort"], r["record_id"]) for r in historie if r["gebeurtenis"] == "insert"}
    assert ("gezin", gezin.pk) in aangemaakt
    assert {("leerling", k.pk) for k in kinderen} <= aangemaakt
    assert {("verzorger", o.pk) for o in ouders} <= aangemaakt
    assert ("toestemming", Toestemming.objects.get(gezin=gezin).pk) in aangemaakt
    gewijzigd = {
        (r["soort"], r["record_id"], w["veld"]): (w["oud"], w["nieuw"])
        for r in historie
        if r["gebeurtenis"] == "update"
        for w in r["wijzigingen"]
    }
    assert gewijzigd[("leerling", kinderen[0].pk, "roepnaam")] == (familie["oude_roepnaam"], "Elif")
    assert gewijzigd[("verzorger", ouders[0].pk, "telefoon")] == ("06-12340000", "06-11112222")
    assert any(soort == "verzorgerschap" and veld == "relatie" for soort, _, veld in gewijzigd)
    assert all(r["tijdstip"] for r in historie)
    assert [r["tijdstip"] for r in historie] == sorted(r["tijdstip"] for r in historie)


def test_gezin_export_holds_the_access_log_about_the_family_only(familie, beheerder):
    export = privacy.gezin_export(gezin=familie["gezin"])

    assert {(i["record_type"], i["doel"]) for i in export["inzagen"]} == {
        ("gezinnen.gezin", "gezinsdossier"),
        ("gezinnen.leerling", "leerlingkaart"),
    }
    assert all(i["gebruiker"] == beheerder.user.naam and i["tijdstip"] for i in export["inzagen"])
    tekst = json.dumps(export, ensure_ascii=False)
    for vreemd in ["Jansen", "Elders", "van een ander"]:
        assert vreemd not in tekst


def test_an_app_can_add_its_part_to_the_export(familie):
    privacy.register_export_part("testdeel", lambda gezin: [{"gezin": gezin.pk, "omschrijving": "Komt vaak te laat"}])
    try:
        export = privacy.gezin_export(gezin=familie["gezin"])
        pdf = privacy.gezin_export_pdf(export=export)
    finally:
        privacy._export_parts.pop("testdeel")  # the real parts (signalen, …) stay registered

    assert export["testdeel"] == [{"gezin": familie["gezin"].pk, "omschrijving": "Komt vaak te laat"}]
    assert "Komt vaak te laat" in _pdftotext(pdf)


def test_a_fixed_part_of_the_export_cannot_be_replaced():
    with pytest.raises(ValueError, match="fixed part"):
        privacy.register_export_part("kinderen", lambda gezin: [])


def test_export_pdf_download_names_the_family_and_is_logged(client, beheerder, familie, artifacts):
    gezin, kinderen, ouders = familie["gezin"], familie["kinderen"], familie["ouders"]
    client.force_login(beheerder.user)

    response = client.get(reverse("gezinnen:gezin_export_pdf", args=[gezin.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="inzageverzoek-gezin-{gezin.pk}-{_vandaag():%Y-%m-%d}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    (artifacts / "inzageverzoek.pdf").write_bytes(response.content)
    tekst = _pdftotext(response.content)
    for naam in ["Gezin Yilmaz", kinderen[0].volledige_naam, kinderen[1].volledige_naam, ouders[1].volledige_naam]:
        assert naam in tekst
    for kop in ["Kinderen", "Ouders en verzorgers", "Toestemmingen", "Wijzigingen", "Wie de gegevens heeft bekeken"]:
        assert kop in tekst
    assert "Jansen" not in tekst
    inzage = Inzage.objects.get(doel=DOEL_INZAGEVERZOEK)
    assert (inzage.actie, inzage.record_type, inzage.record_id, inzage.user_id, inzage.school_id) == (
        Inzage.Actie.EXPORTEREN,
        "gezinnen.gezin",
        str(gezin.pk),
        beheerder.user.pk,
        beheerder.school.pk,
    )


def test_export_json_download_parses_and_is_logged(client, beheerder, familie):
    gezin = familie["gezin"]
    client.force_login(beheerder.user)

    response = client.get(reverse("gezinnen:gezin_export_json", args=[gezin.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="inzageverzoek-gezin-{gezin.pk}-{_vandaag():%Y-%m-%d}.json"'
    )
    data = json.loads(response.content)
    assert data["formaat"] == privacy.FORMAAT
    assert {k["id"] for k in data["kinderen"]} == {k.pk for k in familie["kinderen"]}
    # The export's own access-log row is part of what the family gets to see.
    assert ("exporteren", DOEL_INZAGEVERZOEK) in {(i["actie"], i["doel"]) for i in data["inzagen"]}
    assert Inzage.objects.filter(actie=Inzage.Actie.EXPORTEREN, record_id=str(gezin.pk)).count() == 1


@pytest.mark.parametrize("rol", NIET_BEHEERDER)
@pytest.mark.parametrize("url_name", ["gezinnen:gezin_export_pdf", "gezinnen:gezin_export_json"])
def test_only_the_beheerder_may_export_a_family(client, persona, familie, rol, url_name):
    client.force_login(persona(rol).user)

    response = client.get(reverse(url_name, args=[familie["gezin"].pk]))

    assert response.status_code == 403
    assert not Inzage.objects.filter(actie=Inzage.Actie.EXPORTEREN).exists()


@pytest.mark.parametrize("url_name", ["gezinnen:gezin_export_pdf", "gezinnen:gezin_export_json"])
def test_a_family_of_another_school_is_not_found(client, beheerder, familie, url_name):
    client.force_login(beheerder.user)

    response = client.get(reverse(url_name, args=[familie["elders"].pk]))

    assert response.status_code == 404
    assert not Inzage.objects.filter(actie=Inzage.Actie.EXPORTEREN).exists()


def test_family_file_offers_the_export_to_the_beheerder_only(client, beheerder, coordinator, familie):
    gezin = familie["gezin"]
    pdf_url = reverse("gezinnen:gezin_export_pdf", args=[gezin.pk])

    client.force_login(beheerder.user)
    als_beheerder = client.get(gezin.get_absolute_url()).content.decode()
    client.force_login(coordinator.user)
    als_coordinator = client.get(gezin.get_absolute_url()).content.decode()

    assert pdf_url in als_beheerder
    assert "Inzageverzoek (PDF)" in als_beheerder
    assert reverse("gezinnen:gezin_export_json", args=[gezin.pk]) in als_beheerder
    assert pdf_url not in als_coordinator


# --- the retention purge ---------------------------------------------------------------------------


@pytest.fixture
def vertrokken(school, andere_school, beheerder):
    """- Oudgedaan: both children left long ago → pupils, family and guardian anonymised.
    - Gemengd: one child (Vertrokkenkind) left long ago, a sibling is still at school, the guardian
      is shared → only that child.
    - Recentweg: left a month ago → nothing. Elders: another school → nothing (school-scoped run)."""
    oud, oud_kinderen, oud_ouders = gezin_met_kinderen(school=school, achternaam="Oudgedaan")
    for kind in oud_kinderen:
        kind.geboortedatum, kind.postcode, kind.uitstroomdatum = dt.date(2012, 5, 17), "1055 AB", _lang_geleden()
        kind.save()
    oud.notitie = "Moeder werkt 's ochtends"
    oud.save()
    services.record_toestemming(
        gezin=oud,
        doel=Doel.ACTIVITEITEN,
        gegeven=True,
        datum=_lang_geleden(),
        vastgelegd_door=beheerder.user,
        gegeven_door=oud_ouders[0],
        toelichting="Via de brugfunctionaris",
    )
    gemengd, gemengd_kinderen, gemengd_ouders = gezin_met_kinderen(school=school, achternaam="Gemengd")
    weg = gemengd_kinderen[0]
    weg.roepnaam, weg.uitstroomdatum = "Vertrokkenkind", _lang_geleden()
    weg.save()
    recent, recent_kinderen, _ = gezin_met_kinderen(school=school, achternaam="Recentweg", aantal=1)
    recent_kinderen[0].uitstroomdatum = _kort_geleden()
    recent_kinderen[0].save()
    elders, elders_kinderen, _ = gezin_met_kinderen(school=andere_school, achternaam="Elders", aantal=1)
    elders_kinderen[0].uitstroomdatum = _lang_geleden()
    elders_kinderen[0].save()
    return {
        "oud": oud,
        "oud_kinderen": oud_kinderen,
        "oud_ouder": oud_ouders[0],
        "gemengd": gemengd,
        "weg": weg,
        "blijft": gemengd_kinderen[1],
        "gedeelde_ouder": gemengd_ouders[0],
        "recent": recent,
        "recent_kind": recent_kinderen[0],
        "elders": elders,
        "elders_kind": elders_kinderen[0],
    }


def _snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Leerling, Gezin, Verzorger, Toestemming, Verzorgerschap)
    ] + [_event_rows_containing("Oudgedaan")]


def test_dry_run_changes_nothing_and_reports_the_counts(school, vertrokken):
    voor = _snapshot()

    ronde = privacy.anonimiseer_vertrokken(proefdraai=True, school=school)

    assert _snapshot() == voor
    assert ronde.proefdraai is True
    assert ronde.school == school
    assert ronde.grens == _vandaag() - dt.timedelta(days=730)
    assert (ronde.aantal_leerlingen, ronde.aantal_gezinnen, ronde.aantal_verzorgers) == (3, 1, 1)
    assert Anonimiseringsronde.objects.get() == ronde


def test_purge_anonymises_exactly_who_left_before_the_boundary(school, vertrokken):
    oud_kinderen, weg = vertrokken["oud_kinderen"], vertrokken["weg"]
    oude_uuids = {k.pk: k.uuid for k in [*oud_kinderen, weg]}

    ronde = privacy.anonimiseer_vertrokken(proefdraai=False, school=school)

    assert (ronde.proefdraai, ronde.aantal_leerlingen, ronde.aantal_gezinnen, ronde.aantal_verzorgers) == (
        False,
        3,
        1,
        1,
    )
    anoniem = Leerling.objects.filter(geanonimiseerd_op__isnull=False)
    assert set(anoniem.values_list("pk", flat=True)) == {*oude_uuids}
    for kind in anoniem:
        assert (kind.roepnaam, kind.tussenvoegsel, kind.achternaam) == ("Geanonimiseerd", "", "Geanonimiseerd")
        assert kind.leerlingnummer.startswith("anon-") and len(kind.leerlingnummer) == 37
        assert (kind.geboortedatum, kind.postcode, kind.zoektekst) == (None, "", "")
        assert kind.uuid != oude_uuids[kind.pk]
        assert kind.uitstroomdatum == _lang_geleden()  # kept for the counts of past years
    assert len({kind.leerlingnummer for kind in anoniem}) == 3
    for blijft in [vertrokken["blijft"], vertrokken["recent_kind"], vertrokken["elders_kind"]]:
        blijft_nu = Leerling.objects.get(pk=blijft.pk)
        assert (blijft_nu.roepnaam, blijft_nu.geanonimiseerd_op) == (blijft.roepnaam, None)


def test_purge_anonymises_families_and_guardians_without_a_child_left(school, vertrokken):
    privacy.anonimiseer_vertrokken(proefdraai=False, school=school)

    oud = Gezin.objects.get(pk=vertrokken["oud"].pk)
    assert (oud.naam, oud.notitie, oud.zoektekst) == ("Geanonimiseerd gezin", "", "")
    assert oud.geanonimiseerd_op is not None
    assert set(Gezin.objects.filter(geanonimiseerd_op__isnull=False).values_list("pk", flat=True)) == {oud.pk}
    ouder = Verzorger.objects.get(pk=vertrokken["oud_ouder"].pk)
    leeg = ["roepnaam", "tussenvoegsel", "telefoon", "email", "straat", "huisnummer", "postcode", "woonplaats"]
    assert all(getattr(ouder, veld) == "" for veld in leeg)
    assert ouder.achternaam == "Geanonimiseerd"
    assert ouder.sleutel.startswith("anon-")
    assert ouder.geanonimiseerd_op is not None
    toestemming = Toestemming.objects.get(gezin=oud)
    assert (toestemming.gegeven_door, toestemming.toelichting) == (None, "")
    # The guardian shared with a child still at school keeps every detail.
    gedeeld = Verzorger.objects.get(pk=vertrokken["gedeelde_ouder"].pk)
    assert (gedeeld.achternaam, gedeeld.email, gedeeld.geanonimiseerd_op) == (
        "Gemengd",
        vertrokken["gedeelde_ouder"].email,
        None,
    )
    gemengd = Gezin.objects.get(pk=vertrokken["gemengd"].pk)
    assert gemengd.naam == "Gezin Gemengd"
    # Its search text no longer finds the family by the anonymised child's name.
    assert "vertrokkenkind" not in gemengd.zoektekst
    assert vertrokken["blijft"].roepnaam.lower() in gemengd.zoektekst
    assert Verzorger.objects.filter(achternaam="Elders", geanonimiseerd_op__isnull=True).exists()


def test_purge_removes_the_history_that_holds_the_old_names(school, vertrokken):
    assert _event_rows_containing("Oudgedaan")  # the history does hold them before
    assert _event_rows_containing("Vertrokkenkind")

    privacy.anonimiseer_vertrokken(proefdraai=False, school=school)

    assert _event_rows_containing("Oudgedaan") == []
    assert _event_rows_containing("Vertrokkenkind") == []
    assert _event_rows_containing("Via de brugfunctionaris") == []
    assert _event_rows_containing("1055 AB") == []
    # Nor in the tables themselves; the history of who stays is untouched.
    assert not Leerling.objects.filter(achternaam="Oudgedaan").exists()
    assert not Verzorger.objects.filter(achternaam="Oudgedaan").exists()
    assert not Gezin.objects.filter(naam__contains="Oudgedaan").exists()
    assert vertrokken["blijft"].events.exists()
    assert vertrokken["gedeelde_ouder"].events.exists()
    assert vertrokken["recent_kind"].events.exists()


def test_purge_runs_for_one_school_only_and_is_idempotent(school, vertrokken):
    privacy.anonimiseer_vertrokken(proefdraai=False, school=school)

    tweede = privacy.anonimiseer_vertrokken(proefdraai=False, school=school)

    assert (tweede.aantal_leerlingen, tweede.aantal_gezinnen, tweede.aantal_verzorgers) == (0, 0, 0)
    assert Leerling.objects.get(pk=vertrokken["elders_kind"].pk).geanonimiseerd_op is None


def test_purge_empties_old_import_reports(school, beheerder, vertrokken):
    oud = Importbatch.objects.create(
        school=school,
        edexml_naam="oud.xml",
        geupload_door=beheerder.user,
        status=Importbatch.Status.VERWERKT,
        verschillen={"nieuw": [{"naam": "Oudgedaan"}]},
        afgewezen_regels=[{"regel": 3, "sleutel": "Oudgedaan"}],
        samenvatting={"nieuw": 1},
    )
    Importbatch.objects.filter(pk=oud.pk).update(created_at=timezone.now() - dt.timedelta(days=1100))
    nieuw = Importbatch.objects.create(
        school=school,
        edexml_naam="nieuw.xml",
        geupload_door=beheerder.user,
        status=Importbatch.Status.VERWERKT,
        verschillen={"nieuw": [{"naam": "Recentweg"}]},
    )

    privacy.anonimiseer_vertrokken(proefdraai=False, school=school)

    oud.refresh_from_db()
    nieuw.refresh_from_db()
    assert (oud.verschillen, oud.afgewezen_regels, oud.samenvatting) == ({}, [], {"nieuw": 1})
    assert nieuw.verschillen == {"nieuw": [{"naam": "Recentweg"}]}


def _vertrokken_gezin(school, user, nummer: int) -> Gezin:
    gezin, kinderen, ouders = gezin_met_kinderen(school=school, achternaam=f"Weg{nummer}")
    Leerling.objects.filter(pk__in=[k.pk for k in kinderen]).update(uitstroomdatum=_lang_geleden())
    extra = VerzorgerFactory(school=school, achternaam=f"Weg{nummer}")
    Verzorgerschap.objects.create(verzorger=extra, leerling=kinderen[0], relatie=Relatie.VADER, volgnummer=2)
    services.record_toestemming(
        gezin=gezin,
        doel=Doel.FOTOS,
        gegeven=True,
        datum=_lang_geleden(),
        vastgelegd_door=user,
        gegeven_door=ouders[0],
    )
    return gezin


@pytest.mark.parametrize("aantal", [1, 3])
def test_purge_query_count_is_constant(school, beheerder, aantal, django_assert_num_queries):
    for nummer in range(aantal):
        _vertrokken_gezin(school, beheerder.user, nummer)
    _, [weg, _blijft], _ = gezin_met_kinderen(school=school, achternaam="Half")  # a family that stays
    Leerling.objects.filter(pk=weg.pk).update(uitstroomdatum=_lang_geleden())
    LeerlingFactory(school=school)  # still at school, no family

    # savepoint; pupils, families, guardians to anonymise; 4 updates (pupils, families, guardians,
    # consents); families that stay with their children, and their new search text; 5 history
    # deletes; old import reports; closed files past their term (signals, intakes, referrals,
    # walk-in questions: none here, so nothing to delete); fund applications of those pupils
    # (update, history delete); the Anonimiseringsronde; release
    with django_assert_num_queries(25):
        ronde = privacy.anonimiseer_vertrokken(proefdraai=False, school=school)

    assert (ronde.aantal_leerlingen, ronde.aantal_gezinnen, ronde.aantal_verzorgers) == (
        2 * aantal + 1,
        aantal,
        2 * aantal,
    )


def test_purge_task_is_scheduled_daily_and_purges_every_school(school, andere_school, vertrokken):
    celery_app.loader.import_default_modules()
    [entry] = [
        e
        for e in celery_app.conf.beat_schedule.values()
        if e["task"] == "gezinnen.privacy_tasks.task_anonimiseer_vertrokken"
    ]
    assert entry["task"] in celery_app.tasks

    resultaat = task_anonimiseer_vertrokken.delay().get(timeout=60)

    assert resultaat["leerlingen"] == 4  # three here, one at the other school
    assert Leerling.objects.get(pk=vertrokken["elders_kind"].pk).geanonimiseerd_op is not None
    rondes = Anonimiseringsronde.objects.filter(proefdraai=False)
    assert set(rondes.values_list("school", flat=True)) == {school.pk, andere_school.pk}


# --- the retention page ----------------------------------------------------------------------------


def test_retention_page_shows_the_dry_run_and_past_runs_without_writing(client, beheerder, school, vertrokken):
    privacy.anonimiseer_vertrokken(proefdraai=True, school=school)
    client.force_login(beheerder.user)

    response = client.get(reverse("gezinnen:bewaartermijn"))

    assert response.status_code == 200
    context = response.context
    assert (context["aantal_leerlingen"], context["aantal_gezinnen"], context["aantal_verzorgers"]) == (3, 1, 1)
    assert context["grens"] == _vandaag() - dt.timedelta(days=730)
    assert len(context["rondes"]) == 1
    assert Anonimiseringsronde.objects.count() == 1  # looking is not a run
    inhoud = response.content.decode()
    assert "Ik begrijp dat dit niet ongedaan kan worden" in inhoud
    assert "Oudgedaan" not in inhoud  # counts, never names


def test_retention_run_needs_the_confirmation(client, beheerder, vertrokken):
    client.force_login(beheerder.user)

    response = client.post(reverse("gezinnen:bewaartermijn_uitvoeren"), {})

    assert response.status_code == 200
    assert "niet ongedaan kan worden" in response.content.decode()
    assert not Leerling.objects.filter(geanonimiseerd_op__isnull=False).exists()
    assert not Anonimiseringsronde.objects.exists()


def test_retention_run_anonymises_this_school_and_says_how_many(client, beheerder, school, vertrokken):
    client.force_login(beheerder.user)

    response = client.post(reverse("gezinnen:bewaartermijn_uitvoeren"), {"bevestig": "on"}, follow=True)

    assert response.redirect_chain == [(reverse("gezinnen:bewaartermijn"), 302)]
    assert "Geanonimiseerd: 3 leerling(en), 1 gezin(nen) en 1 verzorger(s)" in response.content.decode()
    ronde = Anonimiseringsronde.objects.get()
    assert (ronde.school, ronde.proefdraai) == (school, False)
    assert Leerling.objects.get(pk=vertrokken["elders_kind"].pk).geanonimiseerd_op is None


@pytest.mark.parametrize("rol", NIET_BEHEERDER)
def test_only_the_beheerder_may_see_or_run_the_purge(client, persona, vertrokken, rol):
    client.force_login(persona(rol).user)

    pagina = client.get(reverse("gezinnen:bewaartermijn"))
    uitvoeren = client.post(reverse("gezinnen:bewaartermijn_uitvoeren"), {"bevestig": "on"})

    assert (pagina.status_code, uitvoeren.status_code) == (403, 403)
    assert not Leerling.objects.filter(geanonimiseerd_op__isnull=False).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_retention_page_in_a_browser_needs_the_confirmation_and_is_accessible(
    live_server, page, artifacts, school, beheerder, vertrokken
):
    from playwright.sync_api import expect

    from familieschool.mfa import code_for_secret, demo_secret
    from tests.browser.test_shell import TABLET, assert_accessible, login

    login(page, live_server.url, beheerder.user.email)
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(beheerder.user.email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(live_server.url + reverse("gezinnen:bewaartermijn"))
    assert_accessible(page, "bewaartermijn")
    page.screenshot(path=str(artifacts / "bewaartermijn-1280.png"), full_page=True)
    page.get_by_role("button", name="Nu anonimiseren").click()
    expect(page.get_by_text("Vink aan dat je begrijpt")).to_be_visible()
    assert not Leerling.objects.filter(geanonimiseerd_op__isnull=False).exists()
    assert_accessible(page, "bewaartermijn zonder bevestiging")
    page.set_viewport_size(TABLET)
    page.get_by_label("Ik begrijp dat dit niet ongedaan kan worden").check()
    page.get_by_role("button", name="Nu anonimiseren").click()

    expect(page.get_by_text("Geanonimiseerd: 3 leerling(en), 1 gezin(nen) en 1 verzorger(s)")).to_be_visible()
    assert_accessible(page, "bewaartermijn na een ronde")
    page.screenshot(path=str(artifacts / "bewaartermijn-768.png"), full_page=True)
    assert Leerling.objects.filter(geanonimiseerd_op__isnull=False).count() == 3
