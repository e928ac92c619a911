"""Called from GezinnenConfig.ready(): registers this part's navigation items, panels and tasks."""


def ready() -> None:
    from familieschool import navigation, panels
    from gezinnen.fsp import panels as fsp_panels

    navigation.register(navigation.NavItem("fsp", "Familieservicepunt", "gezinnen:fsp_overzicht", "fsp.status", 16))
    panels.register("start.fsp", "gezinnen.fsp", fsp_panels.start_panel)
    panels.register("gezin.fsp", "gezinnen.fsp", fsp_panels.gezin_panel)
    panels.register("partner.doorverwijzingen", "gezinnen.fsp", fsp_panels.partner_panel)

    from gezinnen.fsp.export import fsp_export
    from gezinnen.privacy import register_export_part

    register_export_part("familieservicepunt", fsp_export)
