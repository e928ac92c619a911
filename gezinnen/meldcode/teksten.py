"""Short Dutch guidance per step of the Meldcode (paraphrased from reference/domain.md §4.1 and
reference/security-reliability.md §2.2: what the professional records at each step)."""

from __future__ import annotations

HANDREIKING: dict[int, str] = {
    1: (
        "Breng de signalen in kaart. Leg feiten en eigen observaties zo objectief mogelijk vast, zonder oordeel: "
        "wat, wanneer, waar en wie het zag. Noteer ook signalen die het vermoeden tegenspreken. "
        "Informatie van anderen markeer je als zodanig, met de bron."
    ),
    2: (
        "Overleg met een collega (bijvoorbeeld de intern begeleider) en vraag zo nodig advies aan Veilig Thuis, "
        "ook anoniem (0800-2000, dag en nacht). Leg vast met wie, wat en wanneer, en welk advies je kreeg."
    ),
    3: (
        "Ga in gesprek met de ouders en, waar dat past, met het kind. Leg het gesprek en hun reactie vast. "
        "Sla je het gesprek over omdat het de veiligheid van het kind, jezelf of anderen in gevaar brengt, "
        "of omdat het contact dreigt te verbreken: leg die reden vast."
    ),
    4: (
        "Weeg het risico, de aard en de ernst van het geweld of de kindermishandeling. Gebruik het "
        "afwegingskader hieronder. Twijfel je over acute of structurele onveiligheid: overleg met Veilig Thuis."
    ),
    5: (
        "Beslis: hulp organiseren en de effecten volgen, en/of melden bij Veilig Thuis. Leg de afspraken vast: "
        "wie, wat, de termijn en de casemanager. Bespreek een melding vooraf met de ouders, tenzij dat de "
        "veiligheid in gevaar brengt."
    ),
}

AFWEGINGSKADER = (
    "Beantwoord de vragen op basis van stap 1 tot en met 4. Een nieuw antwoord vervangt het oude niet: "
    "het komt erbij, zodat de afweging in de tijd zichtbaar blijft. Melden is de norm bij acute of structurele "
    "onveiligheid, als effectieve hulp niet mogelijk is of niet wordt aanvaard, en als de hulp niet tot de "
    "nodige resultaten leidt."
)

MINSTENS_EEN = "Vul minstens één van de velden in: feiten, eigen observaties, informatie van anderen of notitie."
