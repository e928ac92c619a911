"""Registration of the parent activities in the shell: called from ActiviteitenConfig.ready()."""

from __future__ import annotations


def ready() -> None:
    from activiteiten.ouders import panels
    from familieschool import navigation
    from familieschool import panels as registry

    navigation.register(
        navigation.NavItem(
            "ouders", "Ouderactiviteiten", "activiteiten:ouderactiviteit_list", "ouderactiviteiten.lezen", 32
        )
    )
    # The board reads the turnout counts (suppressed) without the activity pages.
    navigation.register(
        navigation.NavItem(
            "ouders_opkomst", "Opkomst ouders", "activiteiten:ouderactiviteit_opkomst", "ouderactiviteiten.tellen", 33
        )
    )
    registry.register("start.ouderactiviteiten", "activiteiten.ouders", panels.start_panel)
    # The family file has its own "Ouderactiviteiten" section (gezinnen.timeline).
    registry.register("gezin.ouderactiviteiten", "activiteiten.ouders", panels.gezin_panel)
