"""Called from GezinnenConfig.ready(): registers this part's panels and its export part.

No navigation item: a NavItem can only check a right, and ``meldcode.behandelen`` alone would
show "Meldcode" to every oka and buurtteam worker. The way in is a link on the start page
(slot "start.signalen") that only the aandachtsfunctionaris gets, and the action on a veiligheid
signal (slot "signaal.acties")."""


def ready() -> None:
    from familieschool import panels
    from gezinnen.meldcode import export
    from gezinnen.meldcode import panels as meldcode_panels
    from gezinnen.privacy import register_export_part

    panels.register("signaal.acties", "meldcode", meldcode_panels.signaal_actie_panel)
    panels.register("start.signalen", "meldcode", meldcode_panels.start_panel)
    register_export_part("meldcodezaken", export.meldcodezaken_export)
