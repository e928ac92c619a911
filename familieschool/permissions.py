"""Role checks for views. Scope is the selectors' job; this decides what a role may do."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from familieschool.roles import heeft_recht

if TYPE_CHECKING:
    from familieschool.models import School, User


def request_user(request: HttpRequest) -> User:
    """The logged-in user (views behind requires_recht always have one), typed."""
    return cast("User", request.user)


def request_school(request: HttpRequest) -> School:
    """The active school the middleware put on the request, typed."""
    return cast("School", request.school)  # type: ignore[attr-defined]


def request_rol(request: HttpRequest) -> str | None:
    return getattr(request, "rol", None)


def request_scope(request: HttpRequest) -> dict[str, Any]:
    """The keyword arguments every scoped selector takes: user, role and active school."""
    return {"user": request_user(request), "rol": request_rol(request), "school": request_school(request)}


def can(request: HttpRequest, recht: str) -> bool:
    return heeft_recht(getattr(request, "rol", None), recht)


def requires_recht(*rechten: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """The view needs an active school and a role with at least one of ``rechten`` (else 403)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request, "school", None) is None or not any(can(request, r) for r in rechten):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.vereiste_rechten = rechten  # type: ignore[attr-defined]
        return wrapper

    return decorator
