"""Answering an invitation by its signed link (issue 7 point 4): the link, the deadline, the
capacity with its waitlist, and the phone page in the guardian's language, without an account."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from activiteiten.models import Aanmelding, AanmeldingStatus
from activiteiten.ouders import rsvp
from tests.activiteiten.matrix_objects_rsvp import maak_ouderactiviteit, maak_uitnodiging, vervals
from tests.gezinnen.factories import LeerlingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def avond(school, coordinator):
    return maak_ouderactiviteit(school, coordinator.user, capaciteit=None)


@pytest.fixture
def uitnodiging(avond):
    return maak_uitnodiging(avond)


def _pad(uitnodiging, **query) -> str:
    pad = reverse("activiteiten:antwoord", args=[rsvp.sleutel_voor(uitnodiging)])
    return pad + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _op(datum: dt.date, uur: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(datum, dt.time(uur)))


def _ja(uitnodiging, volwassenen=1, **kwargs):
    return rsvp.beantwoord(uitnodiging=uitnodiging, komt=True, volwassenen=volwassenen, **kwargs)


# --- the signed link -------------------------------------------------------------------------


def test_antwoord_url_is_absolute_and_opens_the_invitation(settings, uitnodiging):
    settings.FAMILIESCHOOL_BASE_URL = "https://familieschool.example.nl/"

    url = rsvp.antwoord_url(uitnodiging)

    assert url.startswith("https://familieschool.example.nl/activiteiten/antwoord/")
    sleutel = urlsplit(url).path.rstrip("/").rsplit("/", 1)[1]
    assert rsvp.lees_link(sleutel) == uitnodiging
    assert str(uitnodiging.token) not in url  # the token travels in its short form only
    assert len(sleutel) < 70  # it also goes out by SMS


def test_antwoord_url_can_ask_for_another_language(uitnodiging):
    assert rsvp.antwoord_url(uitnodiging, taal="ar").endswith("?taal=ar")
    assert "?" not in rsvp.antwoord_url(uitnodiging, taal="nl")
    assert "?" not in rsvp.antwoord_url(uitnodiging, taal="xx")


@pytest.mark.parametrize(
    "maak",
    [
        vervals,
        lambda s: s[:-1],
        lambda s: s.split(":")[0],
        lambda s: s.split(":")[0] + ":" + "A" * 43,
        # A token signed without the RSVP salt, and a well signed token of no invitation.
        lambda s: signing.Signer().sign(s.split(":")[0]),
        lambda s: signing.Signer(salt=rsvp.SALT).sign(rsvp._token_tekst(uuid.uuid4())),
        lambda s: "x",
    ],
    ids=["changed", "cut", "unsigned", "wrong-signature", "other-salt", "unknown-token", "garbage"],
)
def test_a_tampered_link_is_refused(client, uitnodiging, maak):
    sleutel = maak(rsvp.sleutel_voor(uitnodiging))

    with pytest.raises(rsvp.LinkOngeldig):
        rsvp.lees_link(sleutel)
    response = client.get(reverse("activiteiten:antwoord", args=[sleutel]))

    assert response.status_code == 404
    inhoud = response.content.decode()
    assert "Deze link werkt niet" in inhoud
    assert uitnodiging.ouderactiviteit.titel not in inhoud


def test_the_link_works_until_the_end_of_the_activity_day(uitnodiging, avond):
    sleutel = rsvp.sleutel_voor(uitnodiging)

    assert rsvp.lees_link(sleutel, nu=_op(avond.datum, 23)) == uitnodiging
    with pytest.raises(rsvp.LinkVerlopen) as verlopen:
        rsvp.lees_link(sleutel, nu=_op(avond.datum + dt.timedelta(days=1), 0))
    assert verlopen.value.uitnodiging == uitnodiging


def test_a_moved_activity_moves_the_expiry_of_links_already_sent(uitnodiging, avond):
    sleutel = rsvp.sleutel_voor(uitnodiging)
    avond.datum += dt.timedelta(days=7)
    avond.save()

    assert rsvp.lees_link(sleutel, nu=_op(avond.datum - dt.timedelta(days=3))) == uitnodiging


def test_an_expired_link_gets_a_friendly_page_with_the_school(client, school, coordinator):
    school.adres, school.postcode = "Zonnestraat 1", "1011 AA"
    school.save()
    voorbij = maak_ouderactiviteit(school, coordinator.user, over_dagen=-1)
    uitnodiging = maak_uitnodiging(voorbij, taal="en")

    response = client.get(_pad(uitnodiging))

    assert response.status_code == 410
    inhoud = response.content.decode()
    assert "Zonnestraat 1" in inhoud and school.naam in inhoud
    assert 'lang="en"' in inhoud
    assert 'name="komt"' not in inhoud


# --- answering ---------------------------------------------------------------------------------


def test_answers_can_change_until_the_day_before(uitnodiging, avond):
    _ja(uitnodiging, nu=_op(avond.datum - dt.timedelta(days=1), 23))

    with pytest.raises(ValidationError) as fout:
        rsvp.beantwoord(uitnodiging=uitnodiging, komt=False, nu=_op(avond.datum, 8))

    assert "dag voor de activiteit" in " ".join(fout.value.messages)
    assert Aanmelding.objects.get().status == AanmeldingStatus.KOMT


def test_a_cancelled_activity_takes_no_answers(uitnodiging, avond, client):
    avond.geannuleerd_op = timezone.now()
    avond.annuleringsreden = "De gespreksleider is ziek."
    avond.save()

    with pytest.raises(ValidationError, match="gaat niet door"):
        _ja(uitnodiging)
    response = client.get(_pad(uitnodiging))

    inhoud = response.content.decode()
    assert response.status_code == 200
    assert "Deze activiteit gaat niet door." in inhoud and "De gespreksleider is ziek." in inhoud
    assert 'name="komt"' not in inhoud


def test_a_no_clears_the_numbers(uitnodiging):
    _ja(uitnodiging, volwassenen=2, kinderen=1, kinderopvang_nodig=True, dieetwensen="halal")

    aanmelding = rsvp.beantwoord(uitnodiging=uitnodiging, komt=False)

    assert (aanmelding.status, aanmelding.volwassenen, aanmelding.kinderen) == (AanmeldingStatus.KOMT_NIET, 0, 0)
    assert not aanmelding.kinderopvang_nodig and aanmelding.dieetwensen == ""
    assert Aanmelding.objects.count() == 1


def test_full_goes_to_the_waitlist_and_a_no_promotes_in_order(school, coordinator):
    avond = maak_ouderactiviteit(school, coordinator.user, capaciteit=4)
    a, b, c, d, e = (maak_uitnodiging(avond, achternaam=naam) for naam in "ABCDE")
    _ja(a, 2)
    _ja(b, 2)

    eerste = _ja(d, 3)  # first in line, but a family of three
    tweede = _ja(c, 1)
    derde = _ja(e, 1)
    assert [eerste.status, tweede.status, derde.status] == [AanmeldingStatus.WACHTLIJST] * 3

    rsvp.beantwoord(uitnodiging=a, komt=False)  # two places free: d does not fit, c and e do

    status = dict(Aanmelding.objects.values_list("uitnodiging__verzorger__achternaam", "status"))
    assert status == {"A": "komt_niet", "B": "komt", "C": "komt", "D": "wachtlijst", "E": "komt"}

    _ja(b, 1)  # fewer adults: one place free, still not enough for d
    assert Aanmelding.objects.get(uitnodiging=d).status == AanmeldingStatus.WACHTLIJST
    rsvp.beantwoord(uitnodiging=c, komt=False)
    rsvp.beantwoord(uitnodiging=e, komt=False)  # now three free

    assert Aanmelding.objects.get(uitnodiging=d).status == AanmeldingStatus.KOMT


def test_more_places_set_by_staff_move_the_waitlist_up(school, coordinator):
    from activiteiten.ouders.services import save_ouderactiviteit

    avond = maak_ouderactiviteit(school, coordinator.user, capaciteit=2)
    a, b = (maak_uitnodiging(avond, achternaam=naam) for naam in "AB")
    _ja(a, 2)
    assert _ja(b, 1).status == AanmeldingStatus.WACHTLIJST

    avond.capaciteit = 3
    save_ouderactiviteit(activiteit=avond, door=coordinator.user)

    assert Aanmelding.objects.get(uitnodiging=b).status == AanmeldingStatus.KOMT


def test_editing_while_on_the_waitlist_keeps_the_place_in_line(school, coordinator):
    avond = maak_ouderactiviteit(school, coordinator.user, capaciteit=1)
    a, b, c = (maak_uitnodiging(avond, achternaam=naam) for naam in "ABC")
    _ja(a)
    _ja(b, nu=timezone.now() - dt.timedelta(hours=2))
    _ja(c, nu=timezone.now() - dt.timedelta(hours=1))
    _ja(b, dieetwensen="vegetarisch")  # b changes something while waiting

    rsvp.beantwoord(uitnodiging=a, komt=False)

    assert Aanmelding.objects.get(uitnodiging=b).status == AanmeldingStatus.KOMT
    assert Aanmelding.objects.get(uitnodiging=c).status == AanmeldingStatus.WACHTLIJST


def test_someone_with_a_place_cannot_take_more_than_is_free(school, coordinator):
    avond = maak_ouderactiviteit(school, coordinator.user, capaciteit=3)
    a, b = maak_uitnodiging(avond, achternaam="A"), maak_uitnodiging(avond, achternaam="B")
    _ja(a, 1)
    _ja(b, 1)

    with pytest.raises(ValidationError) as fout:
        _ja(a, 3)
    _ja(a, 2)

    assert "hoogstens 2 volwassenen" in fout.value.message_dict["volwassenen"][0]
    assert Aanmelding.objects.get(uitnodiging=a).volwassenen == 2
    assert Aanmelding.objects.get(uitnodiging=a).status == AanmeldingStatus.KOMT


def test_without_capacity_everyone_who_says_yes_comes(uitnodiging, avond):
    andere = [maak_uitnodiging(avond, achternaam=f"Gezin{n}") for n in range(3)]

    antwoorden = [_ja(u, 10) for u in [uitnodiging, *andere]]

    assert {a.status for a in antwoorden} == {AanmeldingStatus.KOMT}


def test_childcare_only_when_the_activity_offers_it(school, coordinator, client):
    zonder = maak_ouderactiviteit(school, coordinator.user, kinderopvang=False)
    uitnodiging = maak_uitnodiging(zonder)

    with pytest.raises(ValidationError) as fout:
        _ja(uitnodiging, kinderen=1, kinderopvang_nodig=True)
    response = client.get(_pad(uitnodiging))

    assert "kinderopvang_nodig" in fout.value.message_dict
    assert 'name="kinderopvang_nodig"' not in response.content.decode()
    assert "Er is kinderopvang" not in response.content.decode()


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"volwassenen": 0}, "volwassenen"),
        ({"volwassenen": 11}, "volwassenen"),
        ({"kinderen": -1}, "kinderen"),
        ({"kinderen": 16}, "kinderen"),
        ({"kinderen": 0, "kinderopvang_nodig": True}, "kinderopvang_nodig"),
        ({"dieetwensen": "x" * 201}, "dieetwensen"),
    ],
)
def test_numbers_out_of_bounds_are_refused(uitnodiging, velden, veld):
    with pytest.raises(ValidationError) as fout:
        rsvp.beantwoord(uitnodiging=uitnodiging, komt=True, **{"volwassenen": 1, **velden})

    assert list(fout.value.message_dict) == [veld]
    assert not Aanmelding.objects.exists()


def test_service_errors_are_in_the_active_language(uitnodiging, avond):
    avond.geannuleerd_op = timezone.now()
    avond.save()

    with translation.override("en"), pytest.raises(ValidationError) as fout:
        _ja(uitnodiging)

    assert fout.value.messages == ["This activity will not take place."]


# --- the page ------------------------------------------------------------------------------


def test_the_page_opens_without_login_and_shows_the_activity(client, uitnodiging, avond):
    LeerlingFactory(school=avond.school, gezin=uitnodiging.gezin, roepnaam="Zeynep", achternaam="Yılmaz")

    response = client.get(_pad(uitnodiging))

    assert response.status_code == 200
    inhoud = response.content.decode()
    assert '<html lang="nl" dir="ltr">' in inhoud
    assert "Ouders ontmoeten Ouders" in inhoud and "Opvoeden in twee culturen" in inhoud
    for tijd in ("18:00", "18:30", "19:00", "20:00"):
        assert tijd in inhoud
    assert "Ouderkamer" in inhoud and "Er is kinderopvang" in inhoud
    assert 'lang="ar">العربية</span>' in inhoud and 'lang="tr">Türkçe</span>' in inhoud
    assert "Beste familie Yılmaz" in inhoud
    assert "Zeynep" not in inhoud  # no children's names, only the family name
    assert "app-header" not in inhoud  # not the staff layout
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_page_in_arabic_is_right_to_left(client, avond):
    uitnodiging = maak_uitnodiging(avond, taal="ar")

    response = client.get(_pad(uitnodiging))

    inhoud = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in inhoud
    assert "bootstrap.rtl.min.css" in inhoud
    assert 'aria-current="true" class="actief">العربية</a>' in inhoud


def test_the_language_can_be_switched_in_the_url(client, avond):
    uitnodiging = maak_uitnodiging(avond, taal="ar")

    engels = client.get(_pad(uitnodiging, taal="en")).content.decode()
    onbekend = client.get(_pad(uitnodiging, taal="xx")).content.decode()

    assert '<html lang="en" dir="ltr">' in engels
    assert "bootstrap.rtl.min.css" not in engels
    assert '<html lang="ar" dir="rtl">' in onbekend


def test_a_language_without_a_catalog_falls_back_to_dutch_with_english_at_hand(client, avond):
    uitnodiging = maak_uitnodiging(avond, taal="ti")

    inhoud = client.get(_pad(uitnodiging)).content.decode()

    assert '<html lang="nl" dir="ltr">' in inhoud
    assert 'href="?taal=en"' in inhoud


def test_answering_yes_shows_a_confirmation(client, uitnodiging):
    pad = _pad(uitnodiging)

    response = client.post(
        pad,
        {"komt": "ja", "volwassenen": "2", "kinderen": "1", "kinderopvang_nodig": "on", "dieetwensen": "halal"},
    )

    assert response.status_code == 302
    assert response["Location"] == pad + "?taal=nl&bevestigd=1"
    aanmelding = Aanmelding.objects.get()
    assert (aanmelding.status, aanmelding.volwassenen, aanmelding.kinderen) == (AanmeldingStatus.KOMT, 2, 1)
    assert aanmelding.kinderopvang_nodig and aanmelding.dieetwensen == "halal"
    inhoud = client.get(response["Location"]).content.decode()
    assert "Dank u wel! Uw antwoord is opgeslagen." in inhoud
    assert 'value="ja"\n                       checked' in inhoud or 'value="ja" checked' in " ".join(inhoud.split())


def test_a_yes_for_a_full_activity_shows_the_waitlist(client, school, coordinator):
    vol = maak_ouderactiviteit(school, coordinator.user, capaciteit=1)
    _ja(maak_uitnodiging(vol, achternaam="Eerder"))
    uitnodiging = maak_uitnodiging(vol)

    response = client.post(_pad(uitnodiging), {"komt": "ja", "volwassenen": "1", "kinderen": "0"}, follow=True)

    inhoud = response.content.decode()
    assert "De activiteit is vol. U staat op de wachtlijst." in inhoud
    assert Aanmelding.objects.get(uitnodiging=uitnodiging).status == AanmeldingStatus.WACHTLIJST


def test_the_current_answer_is_prefilled(client, uitnodiging):
    _ja(uitnodiging, volwassenen=3, kinderen=2, dieetwensen="geen varkensvlees")

    response = client.get(_pad(uitnodiging))

    form = response.context["form"]
    assert form.initial == {
        "komt": "ja",
        "volwassenen": 3,
        "kinderen": 2,
        "kinderopvang_nodig": False,
        "dieetwensen": "geen varkensvlees",
    }
    inhoud = " ".join(response.content.decode().split())
    assert 'value="3" selected' in inhoud and "geen varkensvlees" in inhoud


def test_a_form_error_is_shown_in_the_guardians_language(client, avond):
    uitnodiging = maak_uitnodiging(avond, taal="en")

    response = client.post(_pad(uitnodiging), {"volwassenen": "1", "kinderen": "0"})

    assert response.status_code == 200
    assert "Choose yes or no." in response.content.decode()
    assert not Aanmelding.objects.exists()


def test_a_service_error_is_shown_at_its_field(client, school, coordinator):
    vol = maak_ouderactiviteit(school, coordinator.user, capaciteit=2)
    a, b = maak_uitnodiging(vol, achternaam="A"), maak_uitnodiging(vol, achternaam="B")
    _ja(a, 1)
    _ja(b, 1)

    response = client.post(_pad(a), {"komt": "ja", "volwassenen": "2", "kinderen": "0"})

    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "hoogstens 1 volwassenen" in inhoud
    assert 'aria-describedby="id_volwassenen-fout"' in inhoud and 'id="id_volwassenen-fout"' in inhoud


def test_on_the_activity_day_the_page_shows_the_answer_without_the_form(client, school, coordinator):
    vandaag = maak_ouderactiviteit(school, coordinator.user, over_dagen=0)
    uitnodiging = maak_uitnodiging(vandaag)
    Aanmelding.objects.create(uitnodiging=uitnodiging, status=AanmeldingStatus.KOMT, volwassenen=2)

    response = client.get(_pad(uitnodiging))
    post = client.post(_pad(uitnodiging), {"komt": "nee", "volwassenen": "1", "kinderen": "0"})

    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "U komt. We zien u graag!" in inhoud
    assert 'name="komt"' not in inhoud
    assert post.status_code == 200
    assert Aanmelding.objects.get().status == AanmeldingStatus.KOMT


@pytest.mark.parametrize("andere", [1, 3])
def test_the_page_query_count_is_constant(client, avond, uitnodiging, andere):
    for n in range(andere):
        _ja(maak_uitnodiging(avond, achternaam=f"Gezin{n}"))
    _ja(uitnodiging, kinderen=1)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(_pad(uitnodiging))

    # The invitation with its activity, school, guardian and answer, in one query; an anonymous
    # visitor has no session to load.
    assert response.status_code == 200
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_logged_in_member_of_staff_sees_the_same_page(client, uitnodiging, coordinator):
    client.force_login(coordinator.user)

    response = client.get(_pad(uitnodiging))

    assert response.status_code == 200
    assert "app-header" not in response.content.decode()


def test_the_page_is_rate_limited(client, uitnodiging):
    pad = _pad(uitnodiging)

    statussen = [client.get(pad).status_code for _ in range(31)]

    assert statussen[:30] == [200] * 30
    assert statussen[30] == 429


def test_failed_links_are_rate_limited_per_address(client, uitnodiging):
    vals = reverse("activiteiten:antwoord", args=[vervals(rsvp.sleutel_voor(uitnodiging))])

    statussen = [client.get(vals).status_code for _ in range(21)]
    echt = client.get(_pad(uitnodiging))

    assert statussen[:20] == [404] * 20
    assert statussen[20] == 429
    assert echt.status_code == 429  # the address that guessed waits, whatever it opens next


@pytest.mark.django_db(transaction=True)
def test_two_answers_at_once_cannot_both_take_the_last_place(school, coordinator):
    """Two parents send yes at the same moment for the last place: the row lock on the activity
    makes the second wait for the first, so one comes and one is on the waitlist."""
    avond = maak_ouderactiviteit(school, coordinator.user, capaciteit=2)
    _ja(maak_uitnodiging(avond, achternaam="Eerder"))
    tegelijk = [maak_uitnodiging(avond, achternaam=naam) for naam in ("A", "B")]
    start = threading.Barrier(2)
    fouten: list[BaseException] = []

    def antwoord(uitnodiging):
        try:
            start.wait(timeout=10)
            _ja(uitnodiging)
        except BaseException as fout:  # reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=antwoord, args=(u,)) for u in tegelijk]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=30)

    assert fouten == []
    statussen = sorted(Aanmelding.objects.filter(uitnodiging__in=tegelijk).values_list("status", flat=True))
    assert statussen == [AanmeldingStatus.KOMT, AanmeldingStatus.WACHTLIJST]
