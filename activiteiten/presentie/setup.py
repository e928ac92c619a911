"""Called from ActiviteitenConfig.ready(): registers the attendance panel on the start page."""


def ready() -> None:
    from activiteiten.presentie import panels as presentie_panels
    from familieschool import panels

    panels.register("start.activiteiten", "activiteiten.presentie", presentie_panels.start_panel)
