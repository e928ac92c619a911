"""Print for the Rijke schooldag: attendance lists per session (filled in where attendance was
registered) and the activity booklet for parents in Dutch and a second language, with the
translation catalogs that booklet reads."""

from __future__ import annotations

import ast
import gettext
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from activiteiten import services
from activiteiten.drukwerk.pdf import BOEKJE_TALEN
from activiteiten.models import ActiviteitVertaling, Presentie, PresentieStatus
from familieschool.mfa import code_for_secret, demo_secret
from familieschool.models import Inzage
from familieschool.roles import Rol
from tests.activiteiten.factories import kinderen_met_toestemming, maak_activiteit, maak_blok
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401 (fixtures)
from tests.browser.test_shell import assert_accessible, login
from tests.conftest import make_persona
from tests.factories import PartnerFactory
from tests.gezinnen.factories import GroepFactory

BASE_DIR = Path(settings.BASE_DIR)
LOCALE = BASE_DIR / "locale"
BRONNEN = [BASE_DIR / "templates/activiteiten/drukwerk/boekje_pdf.html", BASE_DIR / "activiteiten/drukwerk/pdf.py"]


# Every request: session, user, memberships, the MFA check; at the end saving the session
# (savepoint, update, release).
PER_REQUEST = 4 + 3
# The session with its activity; savepoint, the Inzage row; placed children with their groep;
# registered attendance; the leaders; release.
PRESENTIELIJST_QUERIES = PER_REQUEST + 7
# The activity; its sessions; then as for one session.
PRESENTIELIJSTEN_QUERIES = PER_REQUEST + 8
# The block; the activities with their session counts and dates; their texts in the language.
BOEKJE_QUERIES = PER_REQUEST + 3


def _pdftotext(pdf: bytes, *, layout: bool = False) -> str:
    """The PDF's text; without ``layout``, with each run of white space (a line wrap) as one
    space and without the bidi embedding marks pdftotext puts around right-to-left lines."""
    args = ["/usr/bin/pdftotext", *(["-layout"] if layout else []), "-", "-"]
    tekst = subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=30).stdout.decode()  # noqa: S603 (fixed argv)
    if layout:
        return tekst
    return "\f".join(" ".join(pagina.translate({0x202B: None, 0x202C: None}).split()) for pagina in tekst.split("\f"))


@pytest.fixture
def blok(school):
    return maak_blok(school, naam="Blok herfst")


@pytest.fixture
def judo(blok, persona):
    leider = persona(Rol.BEGELEIDER)
    club = PartnerFactory(bestuur=blok.school.bestuur, naam="Judoclub Noord")
    activiteit = maak_activiteit(
        blok,
        aanbieder=club,
        locatie="Gymzaal",
        omschrijving="Vallen, rollen en samen stoeien.",
        begeleiders=[leider.user],
    )
    activiteit.leider = leider
    services.generate_bijeenkomsten(activiteit=activiteit)
    return activiteit


def _plaats(activiteit, door, namen: list[tuple[str, str]], groep=None):
    """Place a child per (roepnaam, achternaam) in ``activiteit``."""
    kinderen = kinderen_met_toestemming(activiteit.school, door, len(namen), groep=groep)
    for kind, (roepnaam, achternaam) in zip(kinderen, namen, strict=True):
        kind.roepnaam, kind.achternaam = roepnaam, achternaam
        kind.save(update_fields=["roepnaam", "achternaam"])
        services.enrol(activiteit=activiteit, leerling=kind, door=door)
    return kinderen


# --- attendance lists ------------------------------------------------------------------------


def test_presentielijst_pdf_lists_placed_children_sorted_with_groep_and_registered_status(
    client, coordinator, judo, artifacts
):
    judo.capaciteit = 3
    judo.save()
    groep = GroepFactory(school=judo.school, naam="5B")
    zeynep, _daan, amira = _plaats(
        judo, coordinator.user, [("Zeynep", "Yilmaz"), ("Daan", "de Boer"), ("Amira", "Bakker")], groep=groep
    )
    (wachtend,) = _plaats(judo, coordinator.user, [("Wim", "Wachtlijst")])
    sessie = judo.bijeenkomsten.first()
    sessie.werkelijke_minuten = 55
    sessie.save()
    Presentie.objects.create(
        bijeenkomst=sessie, leerling=zeynep, status=PresentieStatus.AANWEZIG, geregistreerd_door=coordinator.user
    )
    Presentie.objects.create(
        bijeenkomst=sessie,
        leerling=amira,
        status=PresentieStatus.AFWEZIG_MET_REDEN,
        geregistreerd_door=coordinator.user,
    )
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:presentielijst_pdf", args=[sessie.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="presentielijst-judo-{sessie.datum:%Y-%m-%d}.pdf"'
    (artifacts / "presentielijst.pdf").write_bytes(response.content)
    tekst = _pdftotext(response.content)
    for detail in ["Judo", "dinsdag 2 september 2025", "14:30–15:30", "Gymzaal", "Judoclub Noord"]:
        assert detail in tekst
    assert judo.leider.user.naam in tekst
    assert f"{judo.school.naam} · Presentielijst Judo" in tekst  # the footer
    # Sorted by surname; the waitlisted child is not on the list.
    assert tekst.index("Amira Bakker") < tekst.index("Daan de Boer") < tekst.index("Zeynep Yilmaz")
    assert wachtend.achternaam not in tekst
    assert "5B" in tekst
    assert "Al geregistreerd: 1 aanwezig, 0 afwezig, 1 afwezig met reden." in tekst
    assert "55" in tekst
    assert _aangevinkt(response.content) == {
        "Zeynep Yilmaz": "Aanwezig",
        "Amira Bakker": "Met reden",
        "Daan de Boer": None,
    }


def _aangevinkt(pdf: bytes) -> dict[str, str | None]:
    """Per child, the column whose box is ticked (the header nearest the tick)."""
    regels = _pdftotext(pdf, layout=True).splitlines()
    kop = next(r for r in regels if "Aanwezig" in r and "Met reden" in r)
    kolommen = {naam: kop.index(naam) + len(naam) // 2 for naam in ["Aanwezig", "Afwezig", "Met reden"]}
    uitkomst: dict[str, str | None] = {}
    for regel in regels:
        gevonden = re.match(r"\s*\d+\s{2,}(\S.*?)\s{2,}", regel)
        if not gevonden:
            continue
        positie = regel.find("✓")
        uitkomst[gevonden.group(1)] = min(kolommen, key=lambda k: abs(kolommen[k] - positie)) if positie >= 0 else None
    return uitkomst


def test_presentielijst_pdf_is_logged_as_printing(client, coordinator, judo):
    client.force_login(coordinator.user)

    client.get(reverse("activiteiten:presentielijst_pdf", args=[judo.bijeenkomsten.first().pk]))

    inzage = Inzage.objects.get()
    assert (inzage.actie, inzage.record_type, inzage.record_id, inzage.doel) == (
        Inzage.Actie.AFDRUKKEN,
        "activiteiten.activiteit",
        str(judo.pk),
        "presentielijst",
    )


@pytest.mark.parametrize(
    ("rol", "eigen", "status"),
    [
        (Rol.COORDINATOR, False, 200),
        (Rol.BRUGFUNCTIONARIS, False, 200),
        (Rol.SCHOOLLEIDER, False, 200),
        (Rol.LEERKRACHT, True, 200),
        (Rol.LEERKRACHT, False, 403),
        (Rol.BEGELEIDER, True, 200),
        (Rol.BEGELEIDER, False, 404),  # outside a begeleider's scope
        (Rol.OKA, False, 403),
        (Rol.BESTUUR, False, 403),
    ],
)
def test_presentielijst_pdf_follows_scope_then_role(client, persona, judo, rol, eigen, status):
    gebruiker = persona(rol)
    if eigen:
        judo.begeleiders.add(gebruiker.user)
    client.force_login(gebruiker.user)
    sessie = judo.bijeenkomsten.first()

    per_sessie = client.get(reverse("activiteiten:presentielijst_pdf", args=[sessie.pk]))
    per_blok = client.get(reverse("activiteiten:presentielijsten_pdf", args=[judo.pk]))

    assert (per_sessie.status_code, per_blok.status_code) == (status, status)


def test_presentielijst_of_another_school_is_not_found(client, andere_coordinator, judo):
    client.force_login(andere_coordinator.user)

    response = client.get(reverse("activiteiten:presentielijst_pdf", args=[judo.bijeenkomsten.first().pk]))

    assert response.status_code == 404


def test_presentielijsten_pdf_has_a_page_per_session_that_is_not_cancelled(client, coordinator, judo, artifacts):
    _plaats(judo, coordinator.user, [("Amira", "Bakker")])
    sessies = list(judo.bijeenkomsten.all())
    services.cancel_bijeenkomst(bijeenkomst=sessies[1], reden="Gymzaal bezet")
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:presentielijsten_pdf", args=[judo.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="presentielijsten-judo-blok-herfst.pdf"'
    (artifacts / "presentielijsten.pdf").write_bytes(response.content)
    paginas = _pdftotext(response.content).rstrip("\f").split("\f")
    assert len(paginas) == len(sessies) - 1
    assert all("Amira Bakker" in pagina for pagina in paginas)
    assert all(f"/{len(paginas)}" in pagina.replace(" ", "") for pagina in paginas)
    assert "9 september" not in "".join(paginas)  # the cancelled session


@pytest.mark.parametrize("aantal", [1, 3])
@pytest.mark.parametrize(
    ("naam", "queries"),
    [("presentielijst_pdf", PRESENTIELIJST_QUERIES), ("presentielijsten_pdf", PRESENTIELIJSTEN_QUERIES)],
)
def test_presentielijst_pdfs_query_count_is_constant(
    client, coordinator, judo, aantal, naam, queries, django_assert_num_queries
):
    judo.capaciteit = 3
    judo.save()
    kinderen = _plaats(judo, coordinator.user, [(f"Kind{n}", "Teller") for n in range(aantal)])
    sessies = list(judo.bijeenkomsten.all()[:aantal])
    for kind in kinderen:
        for sessie in sessies:
            Presentie.objects.create(
                bijeenkomst=sessie, leerling=kind, status=PresentieStatus.AANWEZIG, geregistreerd_door=coordinator.user
            )
    client.force_login(coordinator.user)
    pk = sessies[0].pk if naam == "presentielijst_pdf" else judo.pk

    with django_assert_num_queries(queries):
        response = client.get(reverse(f"activiteiten:{naam}", args=[pk]))

    assert response.status_code == 200


# --- the booklet -----------------------------------------------------------------------------


@pytest.fixture
def theater(blok):
    return maak_activiteit(
        blok,
        titel="Theater",
        ontwikkelgebied="cultuur",
        weekdag=3,
        jaargroepen=["7", "8"],
        kosten="1234.56",
        omschrijving="Samen een voorstelling maken.",
    )


def test_boekje_pdf_in_dutch_and_turkish_uses_the_translation_when_there_is_one(
    client, coordinator, judo, theater, artifacts
):
    ActiviteitVertaling.objects.create(
        activiteit=judo, taal="tr", titel="Judo kursu", omschrijving="Düşmek, yuvarlanmak ve birlikte güreşmek."
    )
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:boekje_pdf"), {"blok": judo.blok.pk, "taal": "tr"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="activiteitenboekje-blok-herfst-nl-tr.pdf"'
    (artifacts / "boekje-tr.pdf").write_bytes(response.content)
    tekst = _pdftotext(response.content)
    for nl, tr in [
        ("Activiteitenboekje", "Etkinlik kitapçığı"),
        ("Zo meldt u uw kind aan", "Çocuğunuzu nasıl kaydettirirsiniz"),
        ("De activiteiten", "Etkinlikler"),
        ("Aanmeldstrookje", "Kayıt formu"),
        ("Naam van het kind", "Çocuğun adı ve soyadı"),
        ("dinsdag", "Salı"),
        ("Kunst en cultuur", "Sanat ve kültür"),
    ]:
        assert nl in tekst
        assert tr in tekst
    assert "Judo kursu" in tekst
    assert "Düşmek, yuvarlanmak ve birlikte güreşmek." in tekst
    # Theater has no Turkish text: the Dutch description with a note in Turkish.
    assert "Açıklama yalnızca Felemenkçe olarak mevcuttur." in tekst
    assert tekst.count("Samen een voorstelling maken.") == 2
    assert "Judoclub Noord" in tekst
    assert "7, 8" in tekst
    # The cost is what the school pays; parents never see it.
    for bedrag in ["450", "1234", "1.234", "€"]:
        assert bedrag not in tekst


def test_boekje_pdf_in_arabic(client, coordinator, judo, artifacts):
    ActiviteitVertaling.objects.create(activiteit=judo, taal="ar", titel="جودو", omschrijving="السقوط والتدحرج.")
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:boekje_pdf"), {"blok": judo.blok.pk, "taal": "ar"})

    assert response.status_code == 200
    (artifacts / "boekje-ar.pdf").write_bytes(response.content)
    tekst = _pdftotext(response.content)
    # pdftotext splits the lam-alef ligature, so these avoid it.
    for arabisch in ["قسيمة التسجيل", "كيف تسجل طفلك", "اليوم والوقت", "جودو"]:
        assert arabisch in tekst
    assert "Activiteitenboekje" in tekst


def test_boekje_pdf_falls_back_to_english_and_to_the_current_block(client, coordinator, judo):
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:boekje_pdf"), {"taal": "ber"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="activiteitenboekje-blok-herfst-nl-en.pdf"'
    assert "Activity booklet" in _pdftotext(response.content)


def test_boekje_pdf_of_another_schools_block_is_not_found(client, andere_coordinator, judo):
    client.force_login(andere_coordinator.user)

    response = client.get(reverse("activiteiten:boekje_pdf"), {"blok": judo.blok.pk, "taal": "tr"})

    assert response.status_code == 404


def test_boekje_pdf_of_a_begeleider_has_only_the_activities_they_lead(client, judo, theater):
    client.force_login(judo.leider.user)

    response = client.get(reverse("activiteiten:boekje_pdf"), {"blok": judo.blok.pk, "taal": "pl"})

    tekst = _pdftotext(response.content)
    assert "Judo" in tekst
    assert "Theater" not in tekst


@pytest.mark.parametrize("aantal", [1, 3])
def test_boekje_pdf_query_count_is_constant(client, coordinator, blok, aantal, django_assert_num_queries):
    for n in range(aantal):
        activiteit = maak_activiteit(blok, titel=f"Activiteit {n}")
        services.generate_bijeenkomsten(activiteit=activiteit)
        ActiviteitVertaling.objects.create(activiteit=activiteit, taal="fr", titel=f"Activité {n}")
    client.force_login(coordinator.user)

    with django_assert_num_queries(BOEKJE_QUERIES):
        response = client.get(reverse("activiteiten:boekje_pdf"), {"blok": blok.pk, "taal": "fr"})

    assert response.status_code == 200
    assert _pdftotext(response.content).count("Activité") == aantal * 2  # article and slip


def test_boekje_page_offers_the_blocks_and_languages(client, coordinator, blok, andere_school):
    maak_blok(andere_school, naam="Blok elders")
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:boekje"))

    assert response.status_code == 200
    inhoud = response.content.decode()
    assert 'action="/activiteiten/boekje.pdf"' in inhoud
    assert "Blok herfst" in inhoud
    assert "Blok elders" not in inhoud
    for code in BOEKJE_TALEN:
        assert f'value="{code}"' in inhoud
    assert 'for="boekje-blok"' in inhoud and 'for="boekje-taal"' in inhoud


# --- the translation catalogs ----------------------------------------------------------------


def _lees_po(pad: Path) -> dict[tuple[str, str], list[str]]:
    """(msgctxt, msgid) → its translations (one, or one per plural form) of a .po file. A fuzzy
    entry counts as untranslated, as msgfmt leaves it out."""
    entries: dict[tuple[str, str], list[str]] = {}
    huidig: dict[str, str] = {}
    veld, fuzzy = "", False
    for regel in [*pad.read_text(encoding="utf-8").splitlines(), ""]:
        if not regel.strip():
            if "msgid" in huidig:
                vormen = [v for k, v in sorted(huidig.items()) if k.startswith("msgstr")]
                entries[(huidig.get("msgctxt", ""), huidig["msgid"])] = [""] * len(vormen) if fuzzy else vormen
            huidig, veld, fuzzy = {}, "", False
        elif regel.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in regel
        elif regel.startswith("#"):
            continue
        elif regel.startswith('"'):
            huidig[veld] += ast.literal_eval(regel)
        else:
            veld, _, waarde = regel.partition(" ")
            assert re.fullmatch(r"msgctxt|msgid|msgid_plural|msgstr(\[\d\])?", veld), f"{pad}: {regel}"
            huidig[veld] = ast.literal_eval(waarde)
    return entries


def _bron_msgids() -> set[str]:
    """Every string the booklet marks for translation with context "ouders"."""
    template, code = (pad.read_text(encoding="utf-8") for pad in BRONNEN)
    msgids = set(re.findall(r'{% translate "([^"]+)" context "ouders" %}', template))
    for blok in re.findall(r'{% blocktranslate [^%]*context "ouders" %}(.*?){% endblocktranslate %}', template):
        msgids.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", blok))
    msgids |= set(re.findall(r'pgettext_lazy\("ouders", "([^"]+)"\)', code))
    return msgids


TALEN = sorted(BOEKJE_TALEN)


def test_the_booklet_languages_are_those_of_design_and_have_a_catalog():
    assert {"en", "ar", "tr", "pl", "es", "fr"} <= set(TALEN)
    assert sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES/django.po").exists()) == TALEN


@pytest.mark.parametrize("taal", TALEN)
def test_every_parent_facing_string_is_translated(taal):
    catalogus = _lees_po(LOCALE / taal / "LC_MESSAGES/django.po")
    vertaald = {msgid: vormen[0] for (ctx, msgid), vormen in catalogus.items() if ctx == "ouders"}
    bron = _bron_msgids()

    assert len(bron) > 30
    assert sorted(bron - vertaald.keys()) == []
    assert sorted(m for m in bron if not vertaald[m].strip()) == []
    for msgid in bron:
        assert sorted(re.findall(r"%\(\w+\)s", msgid)) == sorted(re.findall(r"%\(\w+\)s", vertaald[msgid])), msgid
    # Other parent-facing texts share the catalog; none of its entries may be left empty.
    assert (
        sorted(msgid for (_, msgid), vormen in catalogus.items() if msgid and not all(v.strip() for v in vormen)) == []
    )


@pytest.mark.parametrize("taal", TALEN)
def test_compiled_catalog_matches_its_po_file(taal):
    map_ = LOCALE / taal / "LC_MESSAGES"
    with (map_ / "django.mo").open("rb") as mo:
        gecompileerd = gettext.GNUTranslations(mo)

    for (ctx, msgid), vormen in _lees_po(map_ / "django.po").items():
        sleutel = f"{ctx}\x04{msgid}" if ctx else msgid
        if not msgid or not all(vormen):
            continue
        if len(vormen) == 1:
            assert gecompileerd._catalog.get(sleutel) == vormen[0], f"run msgfmt for {taal}: {msgid}"
        else:
            for n, vorm in enumerate(vormen):
                assert gecompileerd._catalog.get((sleutel, n)) == vorm, f"run msgfmt for {taal}: {msgid}"
    verwacht = {
        f"{ctx}\x04{msgid}" if ctx else msgid
        for (ctx, msgid), vormen in _lees_po(map_ / "django.po").items()
        if msgid and all(vormen)
    }
    assert {k[0] if isinstance(k, tuple) else k for k in gecompileerd._catalog if k} == verwacht, (
        f"run msgfmt for {taal}"
    )
    assert gecompileerd.info()["language"] == taal


def test_django_translates_a_language_outside_settings_languages():
    """settings.LANGUAGES lists the staff interface's languages (nl, en); translation.override
    uses any language with a catalog, with Django's right-to-left flag for Arabic."""
    with translation.override("ar"):
        assert translation.pgettext("ouders", "De activiteiten") == "الأنشطة"
        assert translation.get_language_bidi()


# --- the page to choose the booklet, in a real browser ------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_boekje_page_passes_axe_and_opens_the_pdf(live_server, page, school, artifacts):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    maak_blok(school, naam="Blok herfst")
    login(page, live_server.url, coordinator.user.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(code_for_secret(demo_secret(coordinator.user.email)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{reverse('activiteiten:boekje')}")
    assert_accessible(page, "boekje kiezen")
    page.screenshot(path=str(artifacts / "boekje-kiezen-1280.png"), full_page=True)
    page.get_by_label("Tweede taal").select_option("ar")
    with page.expect_response(re.compile(r"boekje\.pdf")) as antwoord:
        page.evaluate("document.querySelector('main form').submit()")

    assert antwoord.value.status == 200
    assert "taal=ar" in antwoord.value.url
    assert antwoord.value.headers["content-type"] == "application/pdf"


def test_presentielijsten_pdf_of_an_activity_without_sessions_says_so(client, coordinator, blok):
    activiteit = maak_activiteit(blok, titel="Nog te plannen")
    client.force_login(coordinator.user)

    response = client.get(reverse("activiteiten:presentielijsten_pdf", args=[activiteit.pk]))

    assert response.status_code == 200
    assert "geen bijeenkomsten die doorgaan" in _pdftotext(response.content)
