"""Core pages: start page per role, school switch, users and invitations, the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from familieschool import selectors, services
from familieschool.forms import AccepteerUitnodigingForm, InzageFilterForm, UitnodigingForm
from familieschool.middleware import SESSION_SCHOOL_KEY
from familieschool.models import Inzage
from familieschool.panels import start_secties
from familieschool.permissions import request_scope as _scope
from familieschool.permissions import requires_recht


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "familieschool/start.html", {"secties": start_secties(request)})


@require_POST
def school_switch(request: HttpRequest) -> HttpResponse:
    try:
        school_id = int(request.POST.get("school", ""))
    except ValueError:
        raise Http404 from None
    school = next((s for s in request.scholen if s.pk == school_id), None)  # type: ignore[attr-defined]
    if school is None:
        raise Http404
    request.session[SESSION_SCHOOL_KEY] = school.pk
    messages.success(request, f"Je werkt nu voor {school.naam}.")
    volgende = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        volgende = "/"
    return redirect(volgende)


@require_GET
@requires_recht("gebruikers.uitnodigen")
def gebruiker_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    return render(
        request,
        "familieschool/gebruiker_list.html",
        {
            "lidmaatschappen": list(selectors.lidmaatschappen_for_beheer(**scope)),
            "uitnodigingen": list(selectors.uitnodigingen_for_beheer(**scope)[:50]),
        },
    )


@requires_recht("gebruikers.uitnodigen")
def uitnodiging_create(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    form = UitnodigingForm(
        request.POST or None,
        scholen=selectors.scholen_in_scope(**scope),
        rollen=selectors.rollen_for_uitnodiger(request.rol),  # type: ignore[attr-defined]
        initial={"school": request.school},  # type: ignore[attr-defined]
    )
    if request.method == "POST" and form.is_valid():
        try:
            uitnodiging, _token = services.invite_user(
                uitgenodigd_door=request.user,  # type: ignore[arg-type]
                door_rol=request.rol,  # type: ignore[attr-defined]
                actieve_school=request.school,  # type: ignore[attr-defined]
                **form.cleaned_data,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Uitnodiging verstuurd naar {uitnodiging.email}.")
            return redirect("gebruiker_list")
    return render(request, "familieschool/uitnodiging_form.html", {"form": form})


@require_POST
@requires_recht("gebruikers.uitnodigen")
def uitnodiging_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    uitnodiging = get_object_or_404(selectors.uitnodigingen_for_beheer(**_scope(request)), pk=pk)
    services.revoke_uitnodiging(uitnodiging=uitnodiging)
    messages.success(request, f"De uitnodiging voor {uitnodiging.email} is ingetrokken.")
    return redirect("gebruiker_list")


@require_POST
@requires_recht("gebruikers.uitnodigen")
def lidmaatschap_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    lidmaatschap = get_object_or_404(selectors.lidmaatschappen_for_beheer(**_scope(request)), pk=pk)
    try:
        services.set_lidmaatschap_actief(
            lidmaatschap=lidmaatschap,
            actief=not lidmaatschap.actief,
            door=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        status = "weer actief" if lidmaatschap.actief else "uitgezet"
        messages.success(request, f"De rol van {lidmaatschap.user} op {lidmaatschap.school} is {status}.")
    return redirect("gebruiker_list")


@login_not_required
def uitnodiging_accept(request: HttpRequest, token: str) -> HttpResponse:
    uitnodiging = services.uitnodiging_for_token(token)
    if uitnodiging is None or not uitnodiging.is_open:
        return render(
            request,
            "familieschool/uitnodiging_ongeldig.html",
            {"uitnodiging": uitnodiging},
            status=410 if uitnodiging else 404,
        )
    bestaand = selectors.user_exists_with_email(uitnodiging.email)
    if bestaand and not request.user.is_authenticated:
        messages.info(request, "Je hebt al een account. Log in om de uitnodiging te accepteren.")
        return redirect(f"/accounts/login/?next={request.path}")
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.accept_uitnodiging(uitnodiging=uitnodiging, naam="", password=None, user=request.user)  # type: ignore[arg-type]
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("start")
            request.session[SESSION_SCHOOL_KEY] = uitnodiging.school_id
            messages.success(request, f"Je hebt nu een rol op {uitnodiging.school}.")
            return redirect("start")
        return render(request, "familieschool/uitnodiging_accept.html", {"uitnodiging": uitnodiging, "form": None})
    form = AccepteerUitnodigingForm(request.POST or None, email=uitnodiging.email, initial={"naam": uitnodiging.naam})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_uitnodiging(
                uitnodiging=uitnodiging, naam=form.cleaned_data["naam"], password=form.cleaned_data["password1"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_SCHOOL_KEY] = uitnodiging.school_id
            messages.success(request, "Welkom! Je account is aangemaakt.")
            return redirect("start")
    return render(request, "familieschool/uitnodiging_accept.html", {"uitnodiging": uitnodiging, "form": form})


@require_GET
@requires_recht("inzagelog.lezen")
def inzage_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    form = InzageFilterForm(
        request.GET or None,
        scholen=selectors.scholen_in_scope(**scope),
        record_types=selectors.record_types_in_log(),
    )
    filters = selectors.InzageFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.InzageFilter(
            gebruiker=data["gebruiker"],
            school_id=data["school"].pk if data["school"] else None,
            record_type=data["record_type"],
            actie=data["actie"],
            van=data["van"],
            tot=data["tot"],
        )
    with transaction.atomic():
        # Reading the access log is itself logged (log-of-log), in the same transaction.
        services.record_inzage(
            request=request,
            record_type="familieschool.inzage",
            record_id="",
            doel="toezicht",
            actie=Inzage.Actie.LOG_LEZEN,
        )
        pagina = Paginator(selectors.inzagen_for_user(**scope, filters=filters), 50).get_page(request.GET.get("pagina"))
        rijen = list(pagina.object_list)
    template = "familieschool/_inzage_tabel.html" if request.htmx else "familieschool/inzage_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "pagina": pagina, "inzagen": rijen})


@login_not_required
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer and docker compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


__all__ = ["PermissionDenied"]
