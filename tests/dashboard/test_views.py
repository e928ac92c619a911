"""The dashboard pages: the figures of the hand-computed fixture (tests/dashboard/test_selectors.py)
on the school dashboard, its PDF and the board's comparison; small-number suppression and no name
anywhere; access beyond the matrix; a fixed number of queries per page; the start page panel."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import subprocess
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from activiteiten.models import Bijeenkomst, Presentie
from dashboard import selectors
from familieschool.models import Lidmaatschap
from familieschool.roles import Rol
from gezinnen.models import Leerling
from tests.conftest import make_persona
from tests.dashboard.test_selectors import wereld  # noqa: F401  the hand-computed fixture
from tests.factories import SchoolFactory
from tests.gezinnen.factories import GroepFactory, LeerlingFactory

JAAR = {"schooljaar": "2025"}


def _cellen(html: str, indicator: str) -> list[str]:
    """The cells (this year, last year, difference) of an indicator row of the school dashboard."""
    rij = re.search(rf'<tr data-indicator="{indicator}">(.*?)</tr>', html, re.S)
    assert rij, indicator
    return [html_lib.unescape(c.strip()) for c in re.findall(r'<td class="text-end">(.*?)</td>', rij.group(1), re.S)]


def _extra_deelnemers(school, aantal: int) -> list[Leerling]:
    """``aantal`` more pupils of 2025-2026, each present once at the 60-minute session of 2 Sep."""
    sessie = Bijeenkomst.objects.get(datum=dt.date(2025, 9, 2), activiteit__school=school)
    door = Lidmaatschap.objects.filter(school=school).first().user
    kinderen = [LeerlingFactory(school=school) for _ in range(aantal)]
    Presentie.objects.bulk_create(
        Presentie(bijeenkomst=sessie, leerling=kind, status="aanwezig", geregistreerd_door=door) for kind in kinderen
    )
    return kinderen


@pytest.fixture
def groot(wereld):  # noqa: F811
    """The hand-computed world plus 6 pupils present once: 15 pupils in 2025-2026 (16 in
    2024-2025, the leaver included), 8 deelnemers, 9 present of 11 registered, 570 minutes."""
    school, andere = wereld
    _extra_deelnemers(school, 6)
    return school, andere


def _login(client, rol: str, school) -> None:
    client.force_login(make_persona(rol=rol, school=school).user)


def test_school_dashboard_shows_the_hand_computed_figures(client, groot):
    school, _ = groot
    _login(client, Rol.SCHOOLLEIDER, school)

    response = client.get(reverse("dashboard:school"), JAAR)
    html = response.content.decode()

    assert response.status_code == 200
    assert "2025-2026" in html and "2024-2025" in html
    assert _cellen(html, "leerlingen") == ["15", "16", "\u22121"]
    assert _cellen(html, "deelnemers") == ["8", "0", "+8"]
    assert _cellen(html, "bereik")[0] == "53,3 %"  # 8 / 15
    assert _cellen(html, "uren")[0] == "1,2"  # 570 min / 60 / 8 = 1.1875
    assert _cellen(html, "uren_week")[0] == "0,03"  # 1.1875 / 40 weeks
    assert _cellen(html, "opkomst")[0] == "81,8 %"  # 9 / 11
    # Three parent activities held by now (1 April 2026 too), 2 families + 1 walk-in: "<5".
    assert _cellen(html, "ouderactiviteiten") == ["3", "0", "+3"]
    assert _cellen(html, "gezinnen") == ["<5", "0", "—"]
    assert _cellen(html, "signalen") == ["<5", "<5", "—"]
    assert _cellen(html, "mediaan")[0] == "<5"  # rests on 3 signals
    # The grant of 36 500 has ended (31 July 2026): spent 3 500 in all, forecast = spent.
    assert _cellen(html, "budget")[0] == "€ 36.500,00"
    assert _cellen(html, "besteed")[0] == "€ 3.500,00"
    assert _cellen(html, "prognose")[0] == "€ 3.500,00"
    assert _cellen(html, "verschil")[0] == "\u2212 € 33.000,00"
    # All three open deadlines are in the past by now: within 30 days and overdue.
    assert "<strong>3</strong> open deadlines binnen 30 dagen" in html
    assert "waarvan <strong>3</strong> te laat" in html
    grafieken = response.context["grafieken"]
    assert grafieken["groep"]["reeksen"][0]["data"] == [53.3]  # one row: no groep
    assert [r["label"] for r in response.context["categorieen"]] == ["Geld en regelingen", "Schoolzaken"]
    assert [r["label"] for r in response.context["soorten"]] == ["Buurtteam", "Jeugdgezondheidszorg (JGZ)"]
    assert "Oktober 2025" in html or "oktober 2025" in html


def test_links_to_the_pages_behind_follow_the_role(client, groot):
    school, _ = groot
    _login(client, Rol.COORDINATOR, school)
    coordinator = client.get(reverse("dashboard:school")).content.decode()
    _login(client, Rol.SCHOOLLEIDER, school)
    schoolleider = client.get(reverse("dashboard:school")).content.decode()

    for url in ("subsidies:toekenning_list", "subsidies:deadline_list", "activiteiten:bereik", "gezinnen:signaal_list"):
        assert f'href="{reverse(url)}"' in coordinator
    assert f'href="{reverse("subsidies:toekenning_list")}"' in schoolleider
    assert f'href="{reverse("gezinnen:signaal_list")}"' not in schoolleider  # counts only
    assert f'href="{reverse("gezinnen:fsp_overzicht")}"' not in schoolleider


NAMEN = re.compile(r"Kind\d+|Testmans|Gezin Test\d+|Inloper")


def _pdftekst(inhoud: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"],  # noqa: S607  poppler-utils, as in tests/activiteiten
        input=inhoud,
        capture_output=True,
        check=True,
    ).stdout.decode()


def test_small_numbers_are_suppressed_and_no_name_is_shown_anywhere(client, wereld):  # noqa: F811
    school, _ = wereld
    Presentie.objects.create(
        bijeenkomst=Bijeenkomst.objects.get(datum=dt.date(2025, 9, 9)),
        leerling=Leerling.objects.get(pk=Presentie.objects.get(status="afwezig").leerling_id),
        status="aanwezig",
        geregistreerd_door=Lidmaatschap.objects.filter(school=school).first().user,
    )
    assert (
        selectors.jaarcijfers(scholen=[school], schooljaren=selectors.schooljaar_en_vorige(2025))[
            (school.pk, 2025)
        ].deelnemers
        == 3
    )
    bestuur = make_persona(rol=Rol.BESTUUR, school=school).user
    client.force_login(bestuur)

    school_html = client.get(reverse("dashboard:school"), JAAR).content.decode()
    bestuur_response = client.get(reverse("dashboard:bestuur"), JAAR)
    drill_html = client.get(reverse("dashboard:bestuur_school", args=[school.pk]), JAAR).content.decode()
    pdf_tekst = _pdftekst(client.get(reverse("dashboard:school_pdf"), JAAR).content)

    assert _cellen(school_html, "deelnemers")[0] == "<5"
    assert _cellen(school_html, "bereik")[0] == "<5"
    assert _cellen(school_html, "opkomst")[0] == "<5"  # 4 present
    assert _cellen(school_html, "uren_week")[0] == "<5"
    rij = next(r for r in bestuur_response.context["scholen"] if r["naam"] == school.naam)
    assert rij["cellen"][1:3] == ["<5", "<5"]  # deelnemers, bereik
    assert "&lt;5" in bestuur_response.content.decode()
    assert "<5" in pdf_tekst
    assert bestuur_response.context["grafieken"]["bereik"]["reeksen"][0]["data"] == [None, None]
    for tekst in (school_html, bestuur_response.content.decode(), drill_html, pdf_tekst):
        assert not NAMEN.search(tekst)


def test_the_pdf_is_an_a4_pdf_with_the_figures(client, groot):
    school, _ = groot
    _login(client, Rol.COORDINATOR, school)

    response = client.get(reverse("dashboard:school_pdf"), JAAR)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    tekst = _pdftekst(response.content)
    assert "Familieschool in cijfers" in tekst and school.naam in tekst
    assert "€ 36.500,00" in tekst
    assert "53,3 %" in tekst
    assert "Doorverwijzingen per soort partner" in tekst


def test_board_dashboard_compares_the_schools_sorted_with_totals(client, groot):
    school, andere = groot
    derde = SchoolFactory(bestuur=school.bestuur, naam="CBS De Akker")
    client.force_login(make_persona(rol=Rol.BESTUUR, school=school).user)

    response = client.get(reverse("dashboard:bestuur"), JAAR | {"sorteer": "leerlingen", "richting": "aflopend"})
    html = response.content.decode()

    assert response.status_code == 200
    assert [r["naam"] for r in response.context["scholen"]] == [school.naam, andere.naam, derde.naam]
    assert 'aria-sort="descending"' in html and html.count("aria-sort=") == 1
    assert response.context["totaal"][0] == "15"  # leerlingen: 15 + 0 + 0
    assert response.context["totaal"][1] == "8"
    assert f'href="{reverse("dashboard:bestuur_school", args=[school.pk])}?schooljaar=2025"' in html
    # Without a sort, A–Z; an unknown column falls back to the school name.
    geen = client.get(reverse("dashboard:bestuur"), JAAR | {"sorteer": "naam; drop"})
    assert [r["naam"] for r in geen.context["scholen"]] == [andere.naam, derde.naam, school.naam]


def test_board_sort_does_not_tell_small_numbers_apart(client, school, andere_school):
    client.force_login(make_persona(rol=Rol.BEHEERDER, school=school).user)
    LeerlingFactory(school=school)  # 1 pupil
    for _ in range(4):
        LeerlingFactory(school=andere_school)  # 4 pupils

    aflopend = client.get(reverse("dashboard:bestuur"), {"sorteer": "leerlingen", "richting": "aflopend"})
    oplopend = client.get(reverse("dashboard:bestuur"), {"sorteer": "leerlingen", "richting": "oplopend"})

    # Both "<5": the same value, so A–Z in either direction.
    namen = [andere_school.naam, school.naam]
    assert [r["naam"] for r in aflopend.context["scholen"]] == namen
    assert [r["naam"] for r in oplopend.context["scholen"]] == namen


def test_drill_down_shows_the_school_with_a_way_back(client, groot):
    school, andere = groot
    client.force_login(make_persona(rol=Rol.BESTUUR, school=school).user)

    response = client.get(reverse("dashboard:bestuur_school", args=[andere.pk]), JAAR)
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["school"] == andere
    assert f'href="{reverse("dashboard:bestuur")}?schooljaar=2025">Scholen vergelijken</a>' in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert reverse("dashboard:school_pdf") not in main  # the PDF is the active school's
    assert reverse("subsidies:toekenning_list") not in main  # so are the pages behind


def test_drill_down_to_a_school_of_another_board_is_404(client, school, vreemd_bestuur_school):
    client.force_login(make_persona(rol=Rol.BEHEERDER, school=school).user)

    response = client.get(reverse("dashboard:bestuur_school", args=[vreemd_bestuur_school.pk]))

    assert response.status_code == 404


def test_school_leader_cannot_open_the_board_dashboard(client, school):
    _login(client, Rol.SCHOOLLEIDER, school)

    assert client.get(reverse("dashboard:bestuur")).status_code == 403
    assert client.get(reverse("dashboard:bestuur_school", args=[school.pk])).status_code == 403
    assert client.get(reverse("dashboard:school")).status_code == 200


def test_an_unknown_school_year_falls_back_to_the_current_one(client, school):
    _login(client, Rol.COORDINATOR, school)

    for waarde in ("1999", "abc", "9999"):
        response = client.get(reverse("dashboard:school"), {"schooljaar": waarde})
        assert response.context["is_lopend_schooljaar"]


@pytest.mark.parametrize("aantal", [1, 3])
def test_school_dashboard_query_count_is_constant(client, school, aantal, django_assert_num_queries):
    coordinator = make_persona(rol=Rol.COORDINATOR, school=school)
    for n in range(aantal):  # rows: one groep each, with a pupil who took part
        LeerlingFactory(school=school, groep=GroepFactory(school=school, naam=f"Groep {n + 5}"))
    selectors.schooljaar_en_vorige(2025)  # the years exist, as after the first visit
    client.force_login(coordinator.user)
    client.get(reverse("dashboard:school"), JAAR)  # warm up: the MFA check is cached in the session
    cache.clear()  # but not the figures

    # 6 per request for a coordinator (session, user, memberships + schools; savepoint, session
    # update, release; the MFA check is cached in the session), 2 school years, 11 indicators
    # (pupils, attendance, parent activities, check-ins, signals, median, questions, intakes,
    # referrals, grants, deadlines), 1 reach per groep: 20.
    with django_assert_num_queries(6 + 2 + selectors.AANTAL_QUERIES + 1):
        response = client.get(reverse("dashboard:school"), JAAR)

    assert response.status_code == 200
    assert len(response.context["groepen"]) == aantal

    # Within ten minutes the figures come from the cache: the 11 indicators and the reach per
    # groep are not run again.
    with django_assert_num_queries(6 + 2):
        response = client.get(reverse("dashboard:school"), JAAR)
    assert len(response.context["groepen"]) == aantal


@pytest.mark.parametrize("aantal_scholen", [2, 5])
def test_board_dashboard_query_count_is_constant(client, school, aantal_scholen, django_assert_num_queries):
    for _ in range(aantal_scholen - 1):
        LeerlingFactory(school=SchoolFactory(bestuur=school.bestuur))
    selectors.schooljaar_en_vorige(2025)
    client.force_login(make_persona(rol=Rol.BESTUUR, school=school).user)
    client.get(reverse("dashboard:school"), JAAR)  # warm up the session (not the board's figures)

    # 7 per request for a board role (session, user, memberships + schools, the board's schools
    # for the school switch, which the page reuses; savepoint, session update, release; no MFA
    # for the board), 2 school years, 11 indicators for all schools at once: 20.
    with django_assert_num_queries(7 + 2 + selectors.AANTAL_QUERIES):
        response = client.get(reverse("dashboard:bestuur"), JAAR)
    assert len(response.context["scholen"]) == aantal_scholen

    # Within ten minutes the board's figures come from the cache: the 11 indicators are not run.
    with django_assert_num_queries(7 + 2):
        response = client.get(reverse("dashboard:bestuur"), {**JAAR, "sorteer": "bereik"})
    assert len(response.context["scholen"]) == aantal_scholen


def test_start_page_shows_key_figures_and_the_navigation(client, groot):
    school, _ = groot
    _login(client, Rol.BESTUUR, school)

    response = client.get(reverse("start"))
    html = response.content.decode()

    assert "Familieschool in cijfers" in html
    assert f'href="{reverse("dashboard:school")}"' in html
    assert f'href="{reverse("dashboard:bestuur")}"' in html
    nav = [item["label"] for item in response.context["navigatie"]]
    assert "Dashboard" in nav and "Scholen vergelijken" in nav
    _login(client, Rol.SCHOOLLEIDER, school)
    nav = [item["label"] for item in client.get(reverse("start")).context["navigatie"]]
    assert "Dashboard" in nav and "Scholen vergelijken" not in nav


DASHBOARDS = [("dashboard:school", Rol.SCHOOLLEIDER), ("dashboard:bestuur", Rol.BESTUUR)]


@pytest.fixture
def cache_weg(monkeypatch):
    """Redis stopped (make drill-redis): every read and write of the cache raises."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    def weg(*args, **kwargs):
        raise RedisConnectionError("Redis is gestopt")

    monkeypatch.setattr(selectors.cache, "get", weg)
    monkeypatch.setattr(selectors.cache, "set", weg)


@pytest.mark.parametrize(
    ("pagina", "rol"), [("dashboard:school", Rol.SCHOOLLEIDER), ("dashboard:bestuur", Rol.BESTUUR)]
)
def test_figures_are_kept_for_a_while_and_say_when_they_were_computed(client, school, monkeypatch, pagina, rol):
    monkeypatch.setattr(selectors, "CACHE_SECONDEN", 1)  # Redis expires on its own clock
    selectors.schooljaar_en_vorige(2025)
    _login(client, rol, school)
    eerste = client.get(reverse(pagina), JAAR)
    LeerlingFactory(school=school)  # a change within the time the figures are kept

    tweede = client.get(reverse(pagina), JAAR)

    assert tweede.context["berekend_om"] == eerste.context["berekend_om"]
    if pagina == "dashboard:school":
        assert tweede.context["themas"] == eerste.context["themas"]
    assert "Stand van" in tweede.content.decode()
    time.sleep(1.5)
    derde = client.get(reverse(pagina), JAAR)
    assert derde.context["berekend_om"] > eerste.context["berekend_om"]


@pytest.mark.parametrize(
    ("pagina", "rol"), [("dashboard:school", Rol.SCHOOLLEIDER), ("dashboard:bestuur", Rol.BESTUUR)]
)
def test_the_dashboards_work_when_the_cache_is_down(client, school, cache_weg, pagina, rol):
    selectors.schooljaar_en_vorige(2025)
    _login(client, rol, school)

    response = client.get(reverse(pagina), JAAR)
    assert response.status_code == 200
    assert "Stand van" in response.content.decode()


def test_the_key_figures_are_computed_when_the_cache_is_down(client, groot, cache_weg):
    """make drill-redis: with Redis stopped the start page still opens, with fresh figures."""
    school, _ = groot
    _login(client, Rol.SCHOOLLEIDER, school)

    response = client.get(reverse("start"))

    assert response.status_code == 200
    assert "Familieschool in cijfers" in response.content.decode()
