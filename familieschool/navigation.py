"""Navigation items; the header shows only those the active role may use. Apps add their own
items in ``AppConfig.ready()`` with :func:`register`."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from familieschool import links
from familieschool.roles import heeft_recht


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    recht: str | None  # None: every logged-in user with a role
    volgorde: int = 100
    tenzij: str | None = None  # not for roles that have this right (they reach it another way)


_items: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _items[item.key] = item


def items_for(request: HttpRequest) -> list[dict[str, object]]:
    rol = getattr(request, "rol", None)
    if rol is None:
        return []
    path = request.path
    result: list[dict[str, object]] = []
    for item in sorted(_items.values(), key=lambda i: (i.volgorde, i.label)):
        if item.recht is not None and not heeft_recht(rol, item.recht):
            continue
        if item.tenzij is not None and heeft_recht(rol, item.tenzij):
            continue
        result.append({"label": item.label, "url": links.url(item.url_name), "actief": False})
    # The item whose address is the longest start of the path is the active one: on
    # /gezinnen/signalen/3/ that is "Signalen", not "Gezinnen" (/gezinnen/).
    passend = [i for i in result if path == i["url"] or (i["url"] != "/" and path.startswith(str(i["url"])))]
    if passend:
        max(passend, key=lambda i: len(str(i["url"])))["actief"] = True
    return result


_acties: dict[str, NavItem] = {}


def register_actie(item: NavItem) -> None:
    """A prominent action in the header on every page (e.g. "Signaal melden")."""
    _acties[item.key] = item


def acties_for(request: HttpRequest) -> list[dict[str, object]]:
    rol = getattr(request, "rol", None)
    if rol is None:
        return []
    return [
        {"label": item.label, "url": links.url(item.url_name), "key": item.key}
        for item in sorted(_acties.values(), key=lambda i: (i.volgorde, i.label))
        if item.recht is None or heeft_recht(rol, item.recht)
    ]


register(NavItem("start", "Start", "start", None, volgorde=0))
register(NavItem("gebruikers", "Gebruikers", "gebruiker_list", "gebruikers.uitnodigen", volgorde=900))
register(NavItem("inzage", "Inzagelog", "inzage_list", "inzagelog.lezen", volgorde=910))
