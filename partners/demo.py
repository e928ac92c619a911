"""Demo partners: a fictional sociale kaart of Amsterdam-West, and the collaborations of the three
demo schools with it. Idempotent: partners are looked up by board and name.

Every organisation, person, address, phone number and web address below is invented (web and
mail addresses on the reserved ``.example`` domain), except the generic public names of public
services (Buurtteam, Ouder- en Kindteam, JGZ, Veilig Thuis and its public number 0800-2000,
Jeugdfonds Sport & Cultuur, Jeugdeducatiefonds, OBA). Names with diacritics (Café, Crèche,
Öztürk, Yıldırım) are there on purpose: search must fold accents."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from familieschool.choices import Hulpdomein as D
from familieschool.models import Bestuur, School
from partners.models import Contactpersoon, Partner, Samenwerking
from partners.models import PartnerSoort as S
from partners.services import archive_partner, create_partner, refresh_zoekindex, save_samenwerking

DEMO_SUFFIX = ".example"  # every demo website and e-mail domain ends with this

WEST = "West"
NIEUW_WEST = "Nieuw-West"  # Slotermeer and Geuzenveld belong to stadsdeel Nieuw-West


def _web(domein: str) -> str:
    return f"https://www.{domein}{DEMO_SUFFIX}"


def _mail(local: str, domein: str) -> str:
    return f"{local}@{domein}{DEMO_SUFFIX}"


@dataclass(frozen=True)
class Contact:
    naam: str
    functie: str
    telefoon: str
    local: str  # e-mail local part; the domain is the partner's


@dataclass(frozen=True)
class DemoPartner:
    naam: str
    soort: str
    domein: str  # the fictional web domain, without the suffix
    aanbod: str
    domeinen: tuple[str, ...]
    omschrijving: str = ""
    leeftijd_van: int | None = None
    leeftijd_tot: int | None = None
    kosten: str = ""
    gratis_met_stadspas: bool = False
    voorwaarden: str = ""
    adres: str = ""
    postcode: str = ""
    stadsdeel: str = WEST
    wijk: str = ""
    telefoon: str = ""
    contacten: tuple[Contact, ...] = ()
    gearchiveerd: bool = False

    def data(self) -> dict[str, Any]:
        return {
            "naam": self.naam,
            "soort": self.soort,
            "omschrijving": self.omschrijving,
            "aanbod": self.aanbod,
            "domeinen": list(self.domeinen),
            "leeftijd_van": self.leeftijd_van,
            "leeftijd_tot": self.leeftijd_tot,
            "kosten": self.kosten,
            "gratis_met_stadspas": self.gratis_met_stadspas,
            "voorwaarden": self.voorwaarden,
            "adres": self.adres,
            "postcode": self.postcode,
            "plaats": "Amsterdam",
            "stadsdeel": self.stadsdeel,
            "wijk": self.wijk,
            "website": _web(self.domein),
            "telefoon": self.telefoon,
            "email": _mail("info", self.domein),
        }


PARTNERS: list[DemoPartner] = [
    # --- Sportverenigingen ---------------------------------------------------------------------
    DemoPartner(
        naam="Voetbalvereniging West Side United",
        soort=S.SPORTVERENIGING,
        domein="westsideunited",
        aanbod="Voetbaltraining op woensdag en vrijdag, wedstrijden op zaterdag; meidenteam vanaf 8 jaar.",
        omschrijving="Buurtvoetbalclub op Sportpark Erasmus met veel vrijwillige trainers uit de wijk.",
        domeinen=(D.VRIJE_TIJD, D.GEZONDHEID),
        leeftijd_van=5,
        leeftijd_tot=16,
        kosten="€ 140 per seizoen",
        gratis_met_stadspas=True,
        voorwaarden="Met Stadspas of via het Jeugdfonds Sport & Cultuur geen contributie.",
        adres="Sportparkweg 4",
        postcode="1055 XK",
        wijk="Erasmuspark",
        telefoon="020 555 0101",
        contacten=(
            Contact("Marco Tjin-A-Djie", "jeugdcoördinator", "020 555 0102", "jeugd"),
            Contact("Naima El Khatib", "trainer meidenteam", "06 5550 1103", "naima"),
        ),
    ),
    DemoPartner(
        naam="Zwemschool De Waterlelie",
        soort=S.SPORTVERENIGING,
        domein="zwemschooldewaterlelie",
        aanbod="Zwemles voor diploma A, B en C in kleine groepen; extra oefenuur voor kinderen die achterlopen.",
        domeinen=(D.VRIJE_TIJD, D.GEZONDHEID, D.VEILIGHEID),
        leeftijd_van=4,
        leeftijd_tot=12,
        kosten="€ 62 per maand",
        gratis_met_stadspas=True,
        voorwaarden="Stadspas-kinderen zonder A-diploma krijgen gratis zwemles (schoolzwemmen-regeling).",
        adres="Waterlelieplein 2",
        postcode="1056 PZ",
        wijk="De Baarsjes",
        telefoon="020 555 0111",
        contacten=(Contact("Ilse Koster", "coördinator zwemlessen", "020 555 0112", "ilse.koster"),),
    ),
    DemoPartner(
        naam="Judoschool Yıldırım",
        soort=S.SPORTVERENIGING,
        domein="judoschoolyildirim",
        aanbod="Judo voor kinderen: valtechniek, respect en weerbaarheid; weerbaarheidstraining voor groep 7-8.",
        domeinen=(D.VRIJE_TIJD, D.GEZONDHEID, D.VEILIGHEID),
        leeftijd_van=5,
        leeftijd_tot=14,
        kosten="€ 25 per maand",
        gratis_met_stadspas=True,
        adres="Sportlaan 31",
        postcode="1067 JD",
        stadsdeel=NIEUW_WEST,
        wijk="Geuzenveld",
        telefoon="020 555 0121",
        contacten=(Contact("Serkan Yıldırım", "hoofdtrainer en eigenaar", "020 555 0122", "serkan"),),
    ),
    DemoPartner(
        naam="Basketbalclub Kolenkit Kangoeroes",
        soort=S.SPORTVERENIGING,
        domein="kolenkitkangoeroes",
        aanbod="Basketbaltraining twee keer per week in de sporthal, streetbasketbal op het Kolenkitplein in de zomer.",
        domeinen=(D.VRIJE_TIJD, D.GEZONDHEID),
        leeftijd_van=8,
        leeftijd_tot=18,
        kosten="€ 120 per seizoen",
        gratis_met_stadspas=True,
        adres="Kolenkitlaan 15",
        postcode="1055 KC",
        wijk="Kolenkit",
        telefoon="020 555 0131",
        contacten=(Contact("Kwame Mensah", "trainer-coach", "06 5550 1132", "kwame"),),
    ),
    DemoPartner(
        naam="Dansstudio Öztürk",
        soort=S.SPORTVERENIGING,
        domein="dansstudioozturk",
        aanbod="Streetdance, hiphop en kinderdans; eindvoorstelling in het buurthuis voor ouders.",
        domeinen=(D.VRIJE_TIJD, D.GEZONDHEID),
        leeftijd_van=6,
        leeftijd_tot=16,
        kosten="€ 22 per maand",
        gratis_met_stadspas=True,
        adres="Slotermeerlaan 88",
        postcode="1064 HB",
        stadsdeel=NIEUW_WEST,
        wijk="Slotermeer",
        telefoon="020 555 0141",
        contacten=(Contact("Elif Öztürk", "dansdocent en eigenaar", "020 555 0142", "elif"),),
    ),
    DemoPartner(
        naam="Turnvereniging De Lommerspringers",
        soort=S.SPORTVERENIGING,
        domein="lommerspringers",
        aanbod="Kleutergym, turnen en freerunning in de gymzaal aan de Lommerstraat.",
        domeinen=(D.VRIJE_TIJD, D.GEZONDHEID),
        leeftijd_van=4,
        leeftijd_tot=12,
        kosten="€ 95 per half jaar",
        gratis_met_stadspas=True,
        adres="Lommerstraat 52",
        postcode="1055 RT",
        wijk="Bos en Lommer",
        telefoon="020 555 0151",
        contacten=(Contact("Anouk Meijer", "secretaris", "020 555 0152", "secretariaat"),),
    ),
    DemoPartner(
        naam="Boksschool Kracht & Respect",
        soort=S.SPORTVERENIGING,
        domein="krachtenrespect",
        aanbod="Boksen als fitness (geen sparring) met coaching op gedrag en zelfvertrouwen.",
        domeinen=(D.VRIJE_TIJD, D.GEZONDHEID, D.OPVOEDING),
        leeftijd_van=10,
        leeftijd_tot=18,
        kosten="€ 15 per maand",
        gratis_met_stadspas=True,
        adres="Van Kinsbergenstraat 19",
        postcode="1057 PE",
        wijk="De Baarsjes",
        telefoon="020 555 0161",
        contacten=(Contact("Patrick Zeefuik", "trainer en jongerencoach", "06 5550 1162", "patrick"),),
    ),
    DemoPartner(
        naam="Tennisclub De Baanbreker",
        soort=S.SPORTVERENIGING,
        domein="tennisclubdebaanbreker",
        aanbod="Tennisles voor de jeugd (jeugdafdeling gestopt in 2026).",
        domeinen=(D.VRIJE_TIJD,),
        leeftijd_van=7,
        leeftijd_tot=17,
        kosten="€ 210 per jaar",
        adres="Baanbrekerspad 1",
        postcode="1055 ZT",
        wijk="Erasmuspark",
        telefoon="020 555 0171",
        gearchiveerd=True,
    ),
    # --- Cultuur en muziek ---------------------------------------------------------------------
    DemoPartner(
        naam="Muziekschool De Notenkraker",
        soort=S.CULTUUR,
        domein="muziekschooldenotenkraker",
        aanbod="Instrumentles (gitaar, piano, viool, darbuka), kinderkoor en een leerorkest op school.",
        domeinen=(D.VRIJE_TIJD, D.SCHOOL),
        leeftijd_van=6,
        leeftijd_tot=18,
        kosten="€ 180 per half jaar",
        gratis_met_stadspas=True,
        voorwaarden="Korting met Stadspas; volledige vergoeding via het Jeugdfonds Sport & Cultuur.",
        adres="Notenkrakerstraat 7",
        postcode="1056 NK",
        wijk="De Baarsjes",
        telefoon="020 555 0201",
        contacten=(
            Contact("Sharon Sedney", "coördinator muziek op school", "020 555 0202", "sharon"),
            Contact("Jeroen van Dijk", "directeur", "020 555 0203", "directie"),
        ),
    ),
    DemoPartner(
        naam="Theaterwerkplaats Het Open Doek",
        soort=S.CULTUUR,
        domein="hetopendoek",
        aanbod="Theaterworkshops na schooltijd en een toneelklas in de vakanties; voorstellingen in het buurthuis.",
        domeinen=(D.VRIJE_TIJD, D.TAAL),
        leeftijd_van=7,
        leeftijd_tot=14,
        kosten="€ 75 per blok van 10 lessen",
        gratis_met_stadspas=True,
        adres="Landlustweg 23",
        postcode="1055 LL",
        wijk="Landlust",
        telefoon="020 555 0211",
        contacten=(Contact("Noor van Leeuwen", "theaterdocent", "020 555 0212", "noor"),),
    ),
    DemoPartner(
        naam="Kunstatelier De Kleurrijke Kwast",
        soort=S.CULTUUR,
        domein="kleurrijkekwast",
        aanbod="Tekenen, schilderen en kleien op woensdagmiddag; ouder-kindatelier op zaterdag.",
        domeinen=(D.VRIJE_TIJD, D.OPVOEDING),
        leeftijd_van=4,
        leeftijd_tot=12,
        kosten="€ 5 per les",
        gratis_met_stadspas=True,
        adres="De Wittenkade 140",
        postcode="1052 AC",
        wijk="Staatsliedenbuurt",
        telefoon="020 555 0221",
        contacten=(Contact("Chantal Biharie", "beeldend kunstenaar", "06 5550 2222", "chantal"),),
    ),
    DemoPartner(
        naam="Circusschool Hoepla West",
        soort=S.CULTUUR,
        domein="circushoepla",
        aanbod="Jongleren, acrobatiek en evenwicht; circusweek in de herfstvakantie.",
        domeinen=(D.VRIJE_TIJD, D.GEZONDHEID),
        leeftijd_van=6,
        leeftijd_tot=14,
        kosten="€ 110 per seizoen",
        gratis_met_stadspas=True,
        adres="Hoeplaplein 5",
        postcode="1057 CH",
        wijk="De Baarsjes",
        telefoon="020 555 0231",
        contacten=(Contact("René Wiersma", "artistiek leider", "020 555 0232", "rene"),),
    ),
    # --- Jongerenwerk --------------------------------------------------------------------------
    DemoPartner(
        naam="Jongerenwerk Op Koers — Bos en Lommer",
        soort=S.JONGERENWERK,
        domein="opkoers-jongerenwerk",
        aanbod="Inloop in het jongerencentrum, straatwerk, huiswerkplekken en begeleiding bij stage en bijbaan.",
        domeinen=(D.VRIJE_TIJD, D.OPVOEDING, D.WERK, D.VEILIGHEID),
        leeftijd_van=12,
        leeftijd_tot=23,
        kosten="gratis",
        adres="Bos en Lommerweg 210",
        postcode="1055 DX",
        wijk="Bos en Lommer",
        telefoon="020 555 0301",
        contacten=(
            Contact("Farid Saidi", "jongerenwerker", "06 5550 3302", "farid"),
            Contact("Latifa Benali", "teamleider", "020 555 0303", "latifa"),
        ),
    ),
    DemoPartner(
        naam="Kinderwerk Tienerclub De Boei",
        soort=S.JONGERENWERK,
        domein="tienerclubdeboei",
        aanbod="Kinderclub na school (koken, knutselen, sport), tienerinloop op vrijdagavond, vakantieprogramma.",
        domeinen=(D.VRIJE_TIJD, D.OPVOEDING),
        leeftijd_van=8,
        leeftijd_tot=14,
        kosten="gratis; uitjes € 2",
        adres="Boeistraat 11",
        postcode="1055 BN",
        wijk="Kolenkit",
        telefoon="020 555 0311",
        contacten=(Contact("Wendy Doelwijt", "kinderwerker", "06 5550 3312", "wendy"),),
    ),
    # --- Buurtteams ----------------------------------------------------------------------------
    DemoPartner(
        naam="Buurtteam Bos en Lommer",
        soort=S.BUURTTEAM,
        domein="buurtteam-bosenlommer",
        aanbod="Gratis hulp bij geldzorgen, schulden, post en formulieren, wonen, opvoeding en werk; "
        "spreekuur op school.",
        omschrijving="Eén team voor volwassenen en gezinnen in de buurt; komt ook thuis.",
        domeinen=(
            D.GELD,
            D.SCHULDEN,
            D.ADMINISTRATIE,
            D.WONEN,
            D.OPVOEDING,
            D.WERK,
            D.GEZONDHEID,
            D.VEILIGHEID,
        ),
        kosten="gratis",
        voorwaarden="Voor iedereen die in Bos en Lommer woont; aanmelden kan zelf of via school.",
        adres="Bos en Lommerplein 280",
        postcode="1055 EK",
        wijk="Bos en Lommer",
        telefoon="020 555 0401",
        contacten=(
            Contact("Kemal Yıldız", "buurtteammedewerker (schoolspreekuur)", "06 5550 4402", "kemal.yildiz"),
            Contact("Gloria Asante", "schuldhulpverlener", "020 555 0403", "gloria.asante"),
        ),
    ),
    DemoPartner(
        naam="Buurtteam De Baarsjes",
        soort=S.BUURTTEAM,
        domein="buurtteam-debaarsjes",
        aanbod="Gratis hulp bij geld, schulden, administratie, huisvesting, opvoeding en werk.",
        omschrijving="Buurtteam voor De Baarsjes, Landlust en Erasmuspark.",
        domeinen=(D.GELD, D.SCHULDEN, D.ADMINISTRATIE, D.WONEN, D.OPVOEDING, D.WERK, D.VEILIGHEID),
        kosten="gratis",
        voorwaarden="Voor bewoners van De Baarsjes, Landlust en Erasmuspark.",
        adres="Postjesweg 120",
        postcode="1057 EE",
        wijk="De Baarsjes",
        telefoon="020 555 0411",
        contacten=(Contact("Rachida Amrani", "buurtteammedewerker", "06 5550 4412", "rachida.amrani"),),
    ),
    # --- Ouder- en Kindteams -------------------------------------------------------------------
    DemoPartner(
        naam="Ouder- en Kindteam Bos en Lommer",
        soort=S.OKT,
        domein="okt-bosenlommer",
        aanbod="Vragen over opvoeden en opgroeien, oudercursussen, gesprekken met kind of ouder; ouder- en "
        "kindadviseur (OKA) op school.",
        domeinen=(D.OPVOEDING, D.GEZONDHEID, D.SCHOOL, D.VEILIGHEID),
        leeftijd_van=0,
        leeftijd_tot=18,
        kosten="gratis",
        adres="Bos en Lommerplein 300",
        postcode="1055 EL",
        wijk="Bos en Lommer",
        telefoon="020 555 0501",
        contacten=(
            Contact("Esra Demir", "ouder- en kindadviseur", "06 5550 5502", "esra.demir"),
            Contact("Bram de Groot", "jeugdpsycholoog", "020 555 0503", "bram.degroot"),
        ),
    ),
    DemoPartner(
        naam="Ouder- en Kindteam De Baarsjes",
        soort=S.OKT,
        domein="okt-debaarsjes",
        aanbod="Opvoedondersteuning, cursus 'Positief opvoeden', hulp bij pesten, slapen en gedrag.",
        domeinen=(D.OPVOEDING, D.GEZONDHEID, D.SCHOOL),
        leeftijd_van=0,
        leeftijd_tot=18,
        kosten="gratis",
        adres="Jan Evertsenstraat 62",
        postcode="1056 EG",
        wijk="De Baarsjes",
        telefoon="020 555 0511",
        contacten=(Contact("Lieke Verhoef", "ouder- en kindadviseur", "06 5550 5512", "lieke.verhoef"),),
    ),
    # --- JGZ -----------------------------------------------------------------------------------
    DemoPartner(
        naam="Jeugdgezondheidszorg West — Consultatiebureau Landlust",
        soort=S.JGZ,
        domein="jgz-west",
        aanbod="Consultatiebureau, vaccinaties, groei en ontwikkeling; schoolarts en jeugdverpleegkundige "
        "voor groep 2 en groep 7.",
        domeinen=(D.GEZONDHEID, D.OPVOEDING),
        leeftijd_van=0,
        leeftijd_tot=18,
        kosten="gratis",
        adres="Landlustplein 9",
        postcode="1055 LP",
        wijk="Landlust",
        telefoon="020 555 0601",
        contacten=(
            Contact("Mariam Hassan", "jeugdverpleegkundige", "020 555 0602", "mariam.hassan"),
            Contact("Stefan Brouwer", "jeugdarts", "020 555 0603", "stefan.brouwer"),
        ),
    ),
    # --- Veilig Thuis --------------------------------------------------------------------------
    DemoPartner(
        naam="Veilig Thuis Amsterdam-Amstelland",
        soort=S.VEILIG_THUIS,
        domein="veiligthuis-amsterdam-amstelland",
        aanbod="Advies en meldingen bij huiselijk geweld en kindermishandeling, 24/7 bereikbaar; "
        "adviesgesprek voor professionals (meldcode).",
        domeinen=(D.VEILIGHEID, D.OPVOEDING),
        kosten="gratis",
        voorwaarden="Bij acuut gevaar: bel 112.",
        telefoon="0800-2000",
        contacten=(Contact("Daan Mulder", "aandachtsfunctionaris-contact", "020 555 0702", "daan.mulder"),),
    ),
    # --- Bibliotheek ---------------------------------------------------------------------------
    DemoPartner(
        naam="OBA Bos en Lommer",
        soort=S.BIBLIOTHEEK,
        domein="oba-bosenlommer",
        aanbod="Gratis jeugdlidmaatschap, voorleesuur, BoekStart, digitaal spreekuur (DigiD, formulieren) "
        "en huiswerkplekken.",
        domeinen=(D.TAAL, D.VRIJE_TIJD, D.ADMINISTRATIE, D.SCHOOL),
        kosten="gratis tot 18 jaar",
        gratis_met_stadspas=True,
        adres="Bos en Lommerplein 176",
        postcode="1055 EK",
        wijk="Bos en Lommer",
        telefoon="020 555 0801",
        contacten=(Contact("Aïcha Tahiri", "mediacoach", "020 555 0802", "aicha.tahiri"),),
    ),
    DemoPartner(
        naam="Taalhuis West (OBA Mercatorplein)",
        soort=S.BIBLIOTHEEK,
        domein="taalhuis-west",
        aanbod="Intake en doorverwijzing naar taalles, oefenen met Nederlands, digitale vaardigheden voor ouders.",
        domeinen=(D.TAAL, D.ADMINISTRATIE, D.WERK),
        kosten="gratis",
        voorwaarden="Voor volwassenen die beter Nederlands willen leren.",
        adres="Mercatorplein 41",
        postcode="1056 DD",
        wijk="De Baarsjes",
        telefoon="020 555 0811",
        contacten=(Contact("Yvonne Tjon", "taalhuiscoördinator", "020 555 0812", "yvonne.tjon"),),
    ),
    # --- Fondsen -------------------------------------------------------------------------------
    DemoPartner(
        naam="Jeugdfonds Sport & Cultuur Amsterdam",
        soort=S.FONDS,
        domein="jeugdfonds-sportcultuur-amsterdam",
        aanbod="Betaalt contributie of lesgeld (en soms kleding of materiaal) voor sport en cultuur.",
        domeinen=(D.GELD, D.VRIJE_TIJD),
        leeftijd_van=4,
        leeftijd_tot=18,
        kosten="gratis",
        voorwaarden="Aanvraag via een intermediair (school, buurtteam, OKT) voor gezinnen met een laag inkomen.",
        telefoon="020 555 0901",
        contacten=(Contact("Jasper Koning", "consulent intermediairs", "020 555 0902", "jasper.koning"),),
    ),
    DemoPartner(
        naam="Jeugdeducatiefonds",
        soort=S.FONDS,
        domein="jeugdeducatiefonds",
        aanbod="Vergoedt extra's voor kinderen die opgroeien in armoede: schoolreis, bril, fiets, huiswerkbegeleiding.",
        domeinen=(D.GELD, D.SCHOOL),
        leeftijd_van=4,
        leeftijd_tot=12,
        kosten="gratis",
        voorwaarden="De school vraagt aan (Jeugdeducatiefonds-school), per kind met een concreet plan.",
        telefoon="020 555 0911",
        contacten=(Contact("Hüseyin Çelik", "regiocoördinator", "020 555 0912", "huseyin.celik"),),
    ),
    DemoPartner(
        naam="Stichting Schoolspullen voor Iedereen",
        soort=S.FONDS,
        domein="schoolspullenvooriedereen",
        aanbod="Schooltas, gymkleding en een laptop in bruikleen voor kinderen uit gezinnen met weinig geld.",
        domeinen=(D.GELD, D.SCHOOL),
        leeftijd_van=4,
        leeftijd_tot=18,
        kosten="gratis",
        voorwaarden="Aanvraag via school of buurtteam.",
        adres="Postjeskade 23",
        postcode="1058 DG",
        wijk="Hoofdweg",
        telefoon="020 555 0921",
        contacten=(Contact("Tim Hoekstra", "vrijwilliger aanvragen", "06 5550 9922", "tim"),),
    ),
    # --- Gemeente ------------------------------------------------------------------------------
    DemoPartner(
        naam="Gemeente Amsterdam — Stadspas en Pak je Kans-loket West",
        soort=S.GEMEENTE,
        domein="stadspas-west",
        aanbod="Stadspas aanvragen, kindtegoed, Pak je Kans-activiteiten, regelingen zoals de Scholierenvergoeding "
        "en de Individuele inkomenstoeslag.",
        domeinen=(D.GELD, D.ADMINISTRATIE, D.VRIJE_TIJD),
        kosten="gratis",
        voorwaarden="Voor huishoudens met een inkomen tot 130% van het sociaal minimum.",
        adres="Bos en Lommerplein 250",
        postcode="1055 EK",
        wijk="Bos en Lommer",
        telefoon="020 555 1001",
        contacten=(Contact("Ebru Şahin", "consulent minimaregelingen", "020 555 1002", "ebru.sahin"),),
    ),
    DemoPartner(
        naam="Sportpunt West — buurtsportcoaches",
        soort=S.GEMEENTE,
        domein="sportpunt-west",
        aanbod="Gratis naschoolse sport op het schoolplein en in de gymzaal, sportkennismaking, zwemvangnet.",
        domeinen=(D.VRIJE_TIJD, D.GEZONDHEID),
        leeftijd_van=4,
        leeftijd_tot=12,
        kosten="gratis",
        adres="Erasmusparkweg 2",
        postcode="1055 SP",
        wijk="Erasmuspark",
        telefoon="020 555 1011",
        contacten=(Contact("Ricardo Kasanmoentalib", "buurtsportcoach", "06 5551 0012", "ricardo"),),
    ),
    DemoPartner(
        naam="Werkpunt West",
        soort=S.GEMEENTE,
        domein="werkpunt-west",
        aanbod="Begeleiding naar werk of opleiding, sollicitatietraining, hulp bij bijstand en kinderopvang bij werk.",
        domeinen=(D.WERK, D.GELD, D.ADMINISTRATIE),
        kosten="gratis",
        voorwaarden="Voor werkzoekende ouders in stadsdeel West.",
        adres="Bos en Lommerweg 190",
        postcode="1055 DW",
        wijk="Bos en Lommer",
        telefoon="020 555 1021",
        contacten=(Contact("Joost Vermeulen", "werkcoach", "020 555 1022", "joost.vermeulen"),),
    ),
    DemoPartner(
        naam="Leerplicht en RMC West",
        soort=S.GEMEENTE,
        domein="leerplicht-west",
        aanbod="Leerplichtambtenaar bij verzuim, vrijstellingen en extra verlof; preventief gesprek met ouders.",
        domeinen=(D.SCHOOL, D.OPVOEDING),
        leeftijd_van=5,
        leeftijd_tot=18,
        kosten="gratis",
        adres="Bos en Lommerplein 250",
        postcode="1055 EK",
        wijk="Bos en Lommer",
        telefoon="020 555 1031",
        contacten=(Contact("Mehmet Kaya", "leerplichtambtenaar", "020 555 1032", "mehmet.kaya"),),
    ),
    # --- Kinderopvang en voorschool ------------------------------------------------------------
    DemoPartner(
        naam="Crèche Het Zonnetje",
        soort=S.KINDEROPVANG,
        domein="crechehetzonnetje",
        aanbod="Kinderdagverblijf met twee babygroepen en een peutergroep; warme lunch.",
        domeinen=(D.OPVOEDING, D.WERK),
        leeftijd_van=0,
        leeftijd_tot=4,
        kosten="€ 10,25 per uur (kinderopvangtoeslag mogelijk)",
        adres="Zonnestraat 17",
        postcode="1055 ZS",
        wijk="Bos en Lommer",
        telefoon="020 555 1101",
        contacten=(Contact("Sevda Aydın", "locatiemanager", "020 555 1102", "sevda"),),
    ),
    DemoPartner(
        naam="Voorschool De Kleine Ontdekkers",
        soort=S.KINDEROPVANG,
        domein="kleineontdekkers",
        aanbod="Voorschool (VVE) vier dagdelen per week, met ouderprogramma en warme overdracht naar groep 1.",
        domeinen=(D.OPVOEDING, D.TAAL, D.SCHOOL),
        leeftijd_van=2,
        leeftijd_tot=4,
        kosten="gratis met VVE-indicatie",
        voorwaarden="Indicatie via het consultatiebureau.",
        adres="Vlinderpad 10",
        postcode="1055 VK",
        wijk="Kolenkit",
        telefoon="020 555 1111",
        contacten=(Contact("Samira Haddou", "pedagogisch medewerker VVE", "020 555 1112", "samira"),),
    ),
    DemoPartner(
        naam="BSO De Speelvogel",
        soort=S.KINDEROPVANG,
        domein="bsodespeelvogel",
        aanbod="Buitenschoolse opvang na school en in de vakanties; ophalen bij drie scholen in de buurt.",
        domeinen=(D.OPVOEDING, D.WERK, D.VRIJE_TIJD),
        leeftijd_van=4,
        leeftijd_tot=12,
        kosten="€ 9,60 per uur (kinderopvangtoeslag mogelijk)",
        adres="Kompaslaan 5",
        postcode="1056 CE",
        wijk="De Baarsjes",
        telefoon="020 555 1121",
        contacten=(Contact("Lotte Willems", "locatiemanager", "020 555 1122", "lotte"),),
    ),
    # --- VO-scholen ----------------------------------------------------------------------------
    DemoPartner(
        naam="Lommer Lyceum (havo/vwo)",
        soort=S.VO_SCHOOL,
        domein="lommerlyceum",
        aanbod="Havo en vwo; open lessen voor groep 8, warme overdracht en een zomerschool bij de overstap.",
        domeinen=(D.SCHOOL,),
        leeftijd_van=11,
        leeftijd_tot=18,
        kosten="ouderbijdrage vrijwillig",
        adres="Lyceumlaan 1",
        postcode="1055 LY",
        wijk="Landlust",
        telefoon="020 555 1201",
        contacten=(Contact("Karim Ouali", "coördinator brugklas", "020 555 1202", "karim.ouali"),),
    ),
    DemoPartner(
        naam="De Brug — vmbo West",
        soort=S.VO_SCHOOL,
        domein="debrugvmbo",
        aanbod="Vmbo basis, kader en gemengde leerweg; lwoo; kennismakingsmiddag en mentor vanaf de aanmelding.",
        domeinen=(D.SCHOOL, D.OPVOEDING),
        leeftijd_van=11,
        leeftijd_tot=18,
        kosten="ouderbijdrage vrijwillig",
        adres="Brugstraat 40",
        postcode="1056 BV",
        wijk="De Baarsjes",
        telefoon="020 555 1211",
        contacten=(Contact("Marloes Bakker", "zorgcoördinator", "020 555 1212", "marloes.bakker"),),
    ),
    # --- Overig --------------------------------------------------------------------------------
    DemoPartner(
        naam="Café De Buurvrouw — taalcafé",
        soort=S.OVERIG,
        domein="cafedebuurvrouw",
        aanbod="Taalcafé op dinsdagochtend: Nederlands oefenen bij koffie, met oppas voor kleine kinderen.",
        domeinen=(D.TAAL,),
        kosten="gratis",
        voorwaarden="Voor ouders; geen aanmelding nodig.",
        adres="Gibraltarstraat 30",
        postcode="1055 NS",
        wijk="Bos en Lommer",
        telefoon="020 555 1301",
        contacten=(Contact("Fatima Bakkali", "vrijwilliger en gastvrouw", "06 5551 3302", "fatima"),),
    ),
    DemoPartner(
        naam="Taalschool Samen Verder",
        soort=S.OVERIG,
        domein="taalschoolsamenverder",
        aanbod="Nederlandse les voor ouders (A1–B1) onder schooltijd, in het ouderlokaal van de school.",
        domeinen=(D.TAAL, D.WERK),
        kosten="gratis voor inwoners van Amsterdam",
        voorwaarden="Intake via het Taalhuis.",
        adres="Hoofdweg 301",
        postcode="1056 TS",
        wijk="De Baarsjes",
        telefoon="020 555 1311",
        contacten=(Contact("Nadia Rahimi", "docent NT2", "020 555 1312", "nadia"),),
    ),
    DemoPartner(
        naam="Voedselbank uitgiftepunt Kolenkit",
        soort=S.OVERIG,
        domein="voedselbank-kolenkit",
        aanbod="Wekelijks voedselpakket op donderdag, met babyspullen en schoolontbijt in de winter.",
        domeinen=(D.GELD,),
        kosten="gratis",
        voorwaarden="Na toetsing van inkomen en uitgaven, aanmelding via het buurtteam.",
        adres="Kolenkitplein 4",
        postcode="1055 KK",
        wijk="Kolenkit",
        telefoon="020 555 1321",
        contacten=(Contact("Henk Vos", "coördinator uitgiftepunt", "06 5551 3322", "henk"),),
    ),
    DemoPartner(
        naam="Kas op Orde — budgetcoaching",
        soort=S.OVERIG,
        domein="kasoporde",
        aanbod="Een budgetcoach (vrijwilliger) helpt een jaar lang met overzicht, post en betalingsregelingen.",
        domeinen=(D.GELD, D.SCHULDEN, D.ADMINISTRATIE),
        kosten="gratis",
        voorwaarden="Aanmelding zelf of via buurtteam; bij problematische schulden eerst het buurtteam.",
        adres="Erasmusgracht 12",
        postcode="1056 AX",
        wijk="Erasmuspark",
        telefoon="020 555 1331",
        contacten=(Contact("Marieke Dekker", "coördinator budgetcoaches", "020 555 1332", "marieke"),),
    ),
    DemoPartner(
        naam="Huiswerkklas De Leerboom",
        soort=S.OVERIG,
        domein="huiswerkklasdeleerboom",
        aanbod="Huiswerkbegeleiding en bijles rekenen en begrijpend lezen, drie middagen per week.",
        domeinen=(D.SCHOOL, D.TAAL),
        leeftijd_van=8,
        leeftijd_tot=15,
        kosten="€ 30 per maand",
        gratis_met_stadspas=True,
        adres="Leerboomstraat 6",
        postcode="1057 LB",
        wijk="De Baarsjes",
        telefoon="020 555 1341",
        contacten=(Contact("Omar Boukhari", "begeleider", "06 5551 3342", "omar"),),
    ),
    DemoPartner(
        naam="Post & Papieren spreekuur De Schakel",
        soort=S.OVERIG,
        domein="deschakel-spreekuur",
        aanbod="Inloopspreekuur voor brieven, toeslagen, DigiD en formulieren; vrijwilligers spreken ook "
        "Arabisch, Turks en Engels.",
        domeinen=(D.ADMINISTRATIE, D.GELD, D.TAAL),
        kosten="gratis",
        adres="Bos en Lommerweg 115",
        postcode="1055 DM",
        wijk="Bos en Lommer",
        telefoon="020 555 1351",
        contacten=(Contact("Ahmet Koç", "spreekuurvrijwilliger", "020 555 1352", "ahmet"),),
    ),
    DemoPartner(
        naam="Woonwijzer West — huur- en woonspreekuur",
        soort=S.OVERIG,
        domein="woonwijzer-west",
        aanbod="Advies over huurverhoging, achterstallig onderhoud, urgentie, schimmel en huurtoeslag.",
        domeinen=(D.WONEN, D.ADMINISTRATIE),
        kosten="gratis",
        adres="De Clercqstraat 70",
        postcode="1053 AK",
        wijk="Oud-West",
        telefoon="020 555 1361",
        contacten=(Contact("Sandra Groen", "huuradviseur", "020 555 1362", "sandra"),),
    ),
    DemoPartner(
        naam="Buurtbemiddeling West",
        soort=S.OVERIG,
        domein="buurtbemiddeling-west",
        aanbod="Getrainde vrijwilligers bemiddelen bij burenruzies over geluid, overlast en kinderen op straat.",
        domeinen=(D.WONEN, D.VEILIGHEID),
        kosten="gratis",
        telefoon="020 555 1371",
        contacten=(Contact("Roel Smits", "coördinator", "020 555 1372", "roel"),),
    ),
    DemoPartner(
        naam="Vrouwencentrum Nour — moedergroep",
        soort=S.OVERIG,
        domein="vrouwencentrumnour",
        aanbod="Moedergroep met opvoedthema's, fietsles, zwemmen voor vrouwen en een gezondheidsvoorlichter.",
        domeinen=(D.OPVOEDING, D.GEZONDHEID, D.TAAL),
        kosten="€ 10 per jaar",
        gratis_met_stadspas=True,
        voorwaarden="Voor vrouwen uit de buurt.",
        adres="Erasmusgracht 60",
        postcode="1056 BE",
        wijk="Erasmuspark",
        telefoon="020 555 1381",
        contacten=(Contact("Zeynep Arslan", "opbouwwerker", "020 555 1382", "zeynep"),),
    ),
    DemoPartner(
        naam="Diëtistenpraktijk Gezond Bord",
        soort=S.OVERIG,
        domein="gezondbord",
        aanbod="Kinderdiëtist en ouder-kindspreekuur over gezond eten en overgewicht; Jump-in-lessen op school.",
        domeinen=(D.GEZONDHEID,),
        leeftijd_van=2,
        leeftijd_tot=18,
        kosten="vergoed uit de basisverzekering (3 uur per jaar)",
        adres="Admiraal de Ruijterweg 250",
        postcode="1056 GN",
        wijk="De Baarsjes",
        telefoon="020 555 1391",
        contacten=(Contact("Eva Lindeman", "kinderdiëtist", "020 555 1392", "eva"),),
    ),
    DemoPartner(
        naam="Mentorproject Sterk naar de Brugklas",
        soort=S.OVERIG,
        domein="sterknaardebrugklas",
        aanbod="Een student-mentor begeleidt een kind een jaar lang bij de overstap naar het voortgezet onderwijs.",
        domeinen=(D.SCHOOL, D.OPVOEDING),
        leeftijd_van=10,
        leeftijd_tot=13,
        kosten="gratis",
        voorwaarden="Leerlingen van groep 8 en de brugklas; aanmelding via school.",
        telefoon="020 555 1401",
        contacten=(Contact("Sophie Kramer", "projectleider", "020 555 1402", "sophie"),),
    ),
    DemoPartner(
        naam="Zomerschool Lommerkids 2025",
        soort=S.OVERIG,
        domein="lommerkids",
        aanbod="Zomerschool met taal en buitenspel in de zomervakantie van 2025 (project afgelopen).",
        domeinen=(D.SCHOOL, D.TAAL, D.VRIJE_TIJD),
        leeftijd_van=6,
        leeftijd_tot=12,
        kosten="gratis",
        wijk="Bos en Lommer",
        telefoon="020 555 1411",
        gearchiveerd=True,
    ),
]


# --- Collaborations ----------------------------------------------------------------------------

SCHOOLJAAR_BEGIN = datetime.date(2026, 8, 1)
SCHOOLJAAR_EINDE = datetime.date(2027, 7, 31)


@dataclass(frozen=True)
class DemoSamenwerking:
    partner: str
    schooljaar: bool = False  # afspraken for the whole school year 2026-2027
    begindatum: datetime.date | None = None
    einddatum: datetime.date | None = None
    notities: str = ""
    laatste_contact: datetime.date | None = None
    contact: int = 0  # index into the partner's contacts

    def data(self) -> dict[str, Any]:
        begin = SCHOOLJAAR_BEGIN if self.schooljaar else self.begindatum
        einde = SCHOOLJAAR_EINDE if self.schooljaar else self.einddatum
        return {
            "begindatum": begin,
            "einddatum": einde,
            "notities": self.notities,
            "laatste_contact": self.laatste_contact,
        }


def _d(maand: int, dag: int) -> datetime.date:
    return datetime.date(2026, maand, dag)


SW = DemoSamenwerking

# Index = position of the school in familieschool.demo.SCHOLEN.
SAMENWERKINGEN: list[list[DemoSamenwerking]] = [
    # OBS De Regenboog (Bos en Lommer): the most active Familieschool.
    [
        SW(
            "Buurtteam Bos en Lommer",
            True,
            notities="Spreekuur op dinsdagochtend in het ouderlokaal.",
            laatste_contact=_d(11, 17),
        ),
        SW(
            "Ouder- en Kindteam Bos en Lommer",
            True,
            notities="OKA vier dagdelen per week op school; maandelijks zorgoverleg.",
            laatste_contact=_d(11, 12),
        ),
        SW(
            "Jeugdgezondheidszorg West — Consultatiebureau Landlust",
            True,
            notities="Schoolarts voor groep 2 en 7; GGD-onderzoeken in oktober.",
            laatste_contact=_d(10, 8),
        ),
        SW(
            "Veilig Thuis Amsterdam-Amstelland",
            notities="Adviesgesprek via de aandachtsfunctionaris.",
            laatste_contact=_d(9, 23),
        ),
        SW(
            "Jeugdfonds Sport & Cultuur Amsterdam",
            True,
            notities="School is intermediair; 14 aanvragen in september.",
            laatste_contact=_d(9, 30),
        ),
        SW(
            "Jeugdeducatiefonds",
            True,
            notities="Jeugdeducatiefonds-school; aanvragen via de brugfunctionaris.",
            laatste_contact=_d(10, 21),
        ),
        SW(
            "Gemeente Amsterdam — Stadspas en Pak je Kans-loket West",
            notities="Stadspas-infomiddag in de oudercafé-week.",
            laatste_contact=_d(10, 2),
        ),
        SW(
            "Sportpunt West — buurtsportcoaches",
            True,
            notities="Naschoolse sport op maandag en donderdag.",
            laatste_contact=_d(9, 15),
        ),
        SW(
            "Voetbalvereniging West Side United",
            begindatum=_d(9, 1),
            einddatum=datetime.date(2027, 6, 30),
            notities="Clinics voor groep 5-6 in het voorjaar.",
            laatste_contact=_d(10, 14),
        ),
        SW("Zwemschool De Waterlelie", True, notities="Zwemvangnet: kinderen zonder diploma in groep 5."),
        SW(
            "Judoschool Yıldırım",
            begindatum=_d(10, 1),
            einddatum=_d(12, 20),
            notities="Weerbaarheidstraining groep 7 (8 lessen).",
        ),
        SW("Dansstudio Öztürk", notities="Dansworkshop voor de kerstviering.", laatste_contact=_d(11, 3)),
        SW("Turnvereniging De Lommerspringers"),
        SW(
            "Muziekschool De Notenkraker",
            True,
            notities="Leerorkest groep 5 t/m 8, wekelijks op woensdag.",
            laatste_contact=_d(10, 28),
        ),
        SW(
            "Theaterwerkplaats Het Open Doek",
            begindatum=datetime.date(2027, 1, 6),
            einddatum=datetime.date(2027, 3, 31),
            notities="Theaterproject groep 6.",
        ),
        SW(
            "OBA Bos en Lommer",
            True,
            notities="Klassenbezoek elke maand; schoolbieb-collectie.",
            laatste_contact=_d(11, 6),
        ),
        SW("Taalhuis West (OBA Mercatorplein)", laatste_contact=_d(10, 9)),
        SW("Jongerenwerk Op Koers — Bos en Lommer", notities="Warme overdracht groep 8 naar het jongerenwerk."),
        SW("Crèche Het Zonnetje"),
        SW("Lommer Lyceum (havo/vwo)", notities="Overstapgesprekken groep 8 in maart.", laatste_contact=_d(11, 19)),
        SW("De Brug — vmbo West", notities="Open lessen voor groep 8 in januari."),
        SW(
            "Café De Buurvrouw — taalcafé",
            True,
            notities="Taalcafé in het ouderlokaal op dinsdag.",
            laatste_contact=_d(11, 10),
        ),
        SW("Taalschool Samen Verder", True, notities="Twee groepen ouders (A1 en A2)."),
        SW("Voedselbank uitgiftepunt Kolenkit", notities="Alleen doorverwijzen via het buurtteam."),
        SW("Kas op Orde — budgetcoaching", laatste_contact=_d(10, 16)),
        SW("Huiswerkklas De Leerboom"),
        SW("Post & Papieren spreekuur De Schakel", notities="Folders liggen bij de conciërge."),
    ],
    # Basisschool Het Kompas (De Baarsjes).
    [
        SW("Buurtteam De Baarsjes", True, notities="Spreekuur om de week op donderdag.", laatste_contact=_d(11, 5)),
        SW("Ouder- en Kindteam De Baarsjes", True, notities="OKA twee dagdelen per week.", laatste_contact=_d(10, 30)),
        SW("Jeugdgezondheidszorg West — Consultatiebureau Landlust", True),
        SW("Veilig Thuis Amsterdam-Amstelland"),
        SW("Jeugdfonds Sport & Cultuur Amsterdam", True, laatste_contact=_d(9, 18)),
        SW("Jeugdeducatiefonds", notities="Aanvraag schoolreis groep 8 loopt."),
        SW("Gemeente Amsterdam — Stadspas en Pak je Kans-loket West"),
        SW("Zwemschool De Waterlelie", True, notities="Schoolzwemmen groep 5 op vrijdag."),
        SW(
            "Boksschool Kracht & Respect",
            begindatum=_d(9, 15),
            einddatum=_d(12, 15),
            notities="Pilot 'sterk in je schoenen' groep 8.",
        ),
        SW("Muziekschool De Notenkraker", laatste_contact=_d(10, 1), contact=1),
        SW("Circusschool Hoepla West", notities="Circusweek herfstvakantie; 12 kinderen met Stadspas."),
        SW("Taalhuis West (OBA Mercatorplein)", True, laatste_contact=_d(10, 22)),
        SW("BSO De Speelvogel"),
        SW("De Brug — vmbo West", laatste_contact=_d(11, 13)),
        SW("Vrouwencentrum Nour — moedergroep", notities="Moedergroep komt maandelijks op school."),
        SW("Diëtistenpraktijk Gezond Bord"),
    ],
    # IKC De Vlinderboom (Kolenkit): integraal kindcentrum with its own voorschool.
    [
        SW(
            "Buurtteam Bos en Lommer",
            contact=1,
            notities="Contact via de schuldhulpverlener.",
            laatste_contact=_d(10, 20),
        ),
        SW("Ouder- en Kindteam Bos en Lommer", True, laatste_contact=_d(11, 2)),
        SW(
            "Voorschool De Kleine Ontdekkers",
            True,
            notities="Voorschool in het gebouw; warme overdracht naar groep 1.",
            laatste_contact=_d(11, 18),
        ),
        SW("Crèche Het Zonnetje"),
        SW("Basketbalclub Kolenkit Kangoeroes", notities="Streetbasketbal na schooltijd op het plein."),
        SW("Kinderwerk Tienerclub De Boei", True, laatste_contact=_d(9, 25)),
        SW("Voedselbank uitgiftepunt Kolenkit", notities="Schoolontbijt in de winter via de voedselbank."),
        SW("Kunstatelier De Kleurrijke Kwast"),
        SW("OBA Bos en Lommer", notities="BoekStart-koffers voor de peutergroep."),
        SW("Mentorproject Sterk naar de Brugklas", True, notities="Vijf leerlingen van groep 8 hebben een mentor."),
    ],
]


# --- Seeding -----------------------------------------------------------------------------------


@dataclass
class _Resultaat:
    aangeraakt: set[int] = field(default_factory=set)  # partner ids whose search text may have changed


def _partner(bestuur: Bestuur, demo: DemoPartner, resultaat: _Resultaat) -> Partner:
    partner = Partner.objects.filter(bestuur=bestuur, naam__iexact=demo.naam).first()
    if partner is None:
        partner = create_partner(bestuur=bestuur, data=demo.data())
        if demo.gearchiveerd:
            archive_partner(partner=partner)
    for contact in demo.contacten:
        if partner.contactpersonen.filter(naam=contact.naam).exists():
            continue
        persoon = Contactpersoon(
            partner=partner,
            naam=contact.naam,
            functie=contact.functie,
            telefoon=contact.telefoon,
            email=_mail(contact.local, demo.domein),
        )
        persoon.full_clean()
        persoon.save()
        resultaat.aangeraakt.add(partner.pk)
    return partner


def seed_partners(*, bestuur: Bestuur, scholen: list[School]) -> dict[str, int]:
    """Fill the board's sociale kaart and the schools' collaborations. Running it again creates
    nothing new and leaves edits to existing demo rows alone."""
    resultaat = _Resultaat()
    partners = {demo.naam: _partner(bestuur, demo, resultaat) for demo in PARTNERS}

    for school, lijst in zip(scholen, SAMENWERKINGEN, strict=False):
        for demo_sw in lijst:
            partner = partners[demo_sw.partner]
            if Samenwerking.objects.filter(partner=partner, school=school).exists():
                continue
            contacten = list(partner.contactpersonen.order_by("pk"))
            data = demo_sw.data()
            if contacten:
                data["contactpersoon"] = contacten[min(demo_sw.contact, len(contacten) - 1)]
            save_samenwerking(partner=partner, school=school, data=data)

    if resultaat.aangeraakt:
        refresh_zoekindex(partner_ids=resultaat.aangeraakt)
    return {
        "partners": Partner.objects.filter(bestuur=bestuur).count(),
        "samenwerkingen": Samenwerking.objects.filter(school__in=scholen).count(),
    }
