"""The page parents open from the link in their invitation: no account, their own language,
phone first. Everything on it comes from the signed link (activiteiten.ouders.rsvp); it shows
the activity, the family's own answer and nothing about anyone else."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from allauth.core.internal import ratelimit
from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from activiteiten.models import Aanmelding, Ouderactiviteit, OuderactiviteitSoort, Uitnodiging
from activiteiten.ouders import rsvp

TEMPLATES = "activiteiten/ouders/publiek/"
StrOrPromise = str | Promise

# Each language named in itself, so a parent finds their own in the switch.
TAALNAMEN = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "tr": "Türkçe",
    "pl": "Polski",
    "es": "Español",
    "fr": "Français",
    "uk": "Українська",
    "ber": "Tamaziɣt",
    "ti": "ትግርኛ",
    "pap": "Papiamentu",
    "srn": "Sranantongo",
}

SOORTEN: dict[str, StrOrPromise] = {
    OuderactiviteitSoort.THEMA_AVOND: pgettext_lazy("ouders", "Thema-avond"),
    OuderactiviteitSoort.KOFFIEOCHTEND: pgettext_lazy("ouders", "Koffieochtend in de ouderkamer"),
    OuderactiviteitSoort.OUDERS_ONTMOETEN_OUDERS: pgettext_lazy("ouders", "Ouders ontmoeten Ouders"),
    OuderactiviteitSoort.UITJE: pgettext_lazy("ouders", "Uitje"),
    OuderactiviteitSoort.SLOTAVOND: pgettext_lazy("ouders", "Slotavond"),
    OuderactiviteitSoort.OVERIG: pgettext_lazy("ouders", "Activiteit voor ouders"),
}

# allauth's rate limiter (the same Redis cache and client-IP rules as the login): opening or
# answering a link, per address and per link; and failed links, which are what someone guessing
# would produce, far fewer per address.
RATE_LIMITS = {"antwoord": "60/m/ip,30/m/key", "ongeldig": "20/m/ip"}


class AntwoordForm(forms.Form):
    komt = forms.TypedChoiceField(
        label=pgettext_lazy("ouders", "Komt u?"),
        choices=[("ja", pgettext_lazy("ouders", "Ja, ik kom")), ("nee", pgettext_lazy("ouders", "Nee, ik kan niet"))],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": pgettext_lazy("ouders", "Kies ja of nee.")},
    )
    volwassenen = forms.TypedChoiceField(
        label=pgettext_lazy("ouders", "Met hoeveel volwassenen komt u (uzelf meegeteld)?"),
        choices=[(n, str(n)) for n in range(1, rsvp.MAX_VOLWASSENEN + 1)],
        coerce=int,
        initial=1,
    )
    kinderen = forms.TypedChoiceField(
        label=pgettext_lazy("ouders", "Hoeveel kinderen komen mee?"),
        choices=[(n, str(n)) for n in range(rsvp.MAX_KINDEREN + 1)],
        coerce=int,
        initial=0,
    )
    kinderopvang_nodig = forms.BooleanField(
        label=pgettext_lazy("ouders", "Ik wil graag kinderopvang voor de kinderen die meekomen"), required=False
    )
    dieetwensen = forms.CharField(
        label=pgettext_lazy("ouders", "Dieetwensen (bijvoorbeeld halal, vegetarisch, allergie)"),
        required=False,
        max_length=rsvp.MAX_DIEETWENSEN,
    )

    def __init__(self, *args: Any, kinderopvang: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not kinderopvang:
            del self.fields["kinderopvang_nodig"]
        self.fields["dieetwensen"].error_messages["max_length"] = pgettext_lazy(
            "ouders", "Schrijf uw dieetwensen in hoogstens %(limit_value)s tekens."
        )
        for naam in ("volwassenen", "kinderen"):
            self.fields[naam].widget.attrs["class"] = "form-select form-select-lg"
        self.fields["dieetwensen"].widget.attrs.update({"class": "form-control form-control-lg", "dir": "auto"})
        if "kinderopvang_nodig" in self.fields:
            self.fields["kinderopvang_nodig"].widget.attrs["class"] = "form-check-input"

    def markeer_fouten(self) -> None:
        """Tie each error to its field for screen readers (the template prints it below)."""
        for naam in self.errors:
            if naam in self.fields and naam != "komt":
                self.fields[naam].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[naam].auto_id}-fout"}
                )


def _taalkeuze(request: HttpRequest, taal: str) -> list[dict[str, Any]]:
    """The language switch: the same link with ?taal=, the page's own language marked."""
    basis = {k: v for k, v in request.GET.items() if k not in {"taal", "bevestigd"}}
    return [
        {"code": code, "naam": TAALNAMEN[code], "url": "?" + urlencode({**basis, "taal": code}), "actief": code == taal}
        for code in rsvp.TALEN
    ]


def _pagina(
    request: HttpRequest, template: str, *, taal: str, context: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    with translation.override(taal):
        response = render(
            request,
            TEMPLATES + template,
            {
                "taal": taal,
                "rtl": translation.get_language_bidi(),
                "taalkeuze": _taalkeuze(request, taal),
                **(context or {}),
            },
            status=status,
        )
    # The link is the key to the family's answer; the site's Referrer-Policy (same-origin) keeps
    # it from other sites. Not "no-referrer": Chromium then sends "Origin: null" with the form,
    # which CSRF protection rightly refuses.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _verbruik(request: HttpRequest, actie: str, *, sleutel: str | None = None, dry_run: bool = False) -> bool:
    gebruik = ratelimit.consume(
        request,
        app="activiteiten.ouders.rsvp",
        action=actie,
        config=RATE_LIMITS,
        key=sleutel,
        limit_get=True,
        dry_run=dry_run,
    )
    return gebruik is not None


def _aanmelding(uitnodiging: Uitnodiging) -> Aanmelding | None:
    try:
        return uitnodiging.aanmelding
    except ObjectDoesNotExist:
        return None


def _initial(aanmelding: Aanmelding | None) -> dict[str, Any]:
    if aanmelding is None:
        return {}
    if aanmelding.status == "komt_niet":
        return {"komt": "nee"}
    return {
        "komt": "ja",
        "volwassenen": aanmelding.volwassenen,
        "kinderen": aanmelding.kinderen,
        "kinderopvang_nodig": aanmelding.kinderopvang_nodig,
        "dieetwensen": aanmelding.dieetwensen,
    }


def _familienaam(uitnodiging: Uitnodiging) -> str:
    verzorger = uitnodiging.verzorger
    if verzorger is None or verzorger.geanonimiseerd_op is not None:
        return ""
    return " ".join(deel for deel in (verzorger.tussenvoegsel, verzorger.achternaam) if deel)


def _activiteit_context(activiteit: Ouderactiviteit, taal: str) -> dict[str, Any]:
    soort = str(SOORTEN.get(activiteit.soort, SOORTEN[OuderactiviteitSoort.OVERIG]))
    return {
        "activiteit": activiteit,
        # The kind of evening in the parent's language, unless the title already says it.
        "soort": "" if soort == activiteit.titel else soort,
        "tolken": [{"code": code, "naam": TAALNAMEN.get(code, code)} for code in activiteit.tolktalen],
        "tolk_in_eigen_taal": taal in activiteit.tolktalen,
        "school": activiteit.school,
    }


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def antwoord(request: HttpRequest, sleutel: str) -> HttpResponse:
    gevraagd = request.GET.get("taal")
    noodtaal = gevraagd if gevraagd in rsvp.TALEN else "nl"
    if not _verbruik(request, "ongeldig", dry_run=True) or not _verbruik(request, "antwoord", sleutel=sleutel):
        return _pagina(request, "te_veel.html", taal=noodtaal, status=429)
    try:
        uitnodiging = rsvp.lees_link(sleutel)
    except rsvp.LinkOngeldig:
        _verbruik(request, "ongeldig")
        return _pagina(request, "ongeldig.html", taal=noodtaal, status=404)
    except rsvp.LinkVerlopen as verlopen:
        taal = rsvp.taal_voor(verlopen.uitnodiging, gevraagd)
        activiteit = verlopen.uitnodiging.ouderactiviteit
        return _pagina(request, "verlopen.html", taal=taal, context=_activiteit_context(activiteit, taal), status=410)

    taal = rsvp.taal_voor(uitnodiging, gevraagd)
    activiteit = uitnodiging.ouderactiviteit
    aanmelding = _aanmelding(uitnodiging)
    kan_wijzigen = rsvp.kan_wijzigen(activiteit)
    with translation.override(taal):
        form = AntwoordForm(
            request.POST if request.method == "POST" else None,
            initial=_initial(aanmelding),
            kinderopvang=activiteit.kinderopvang,
        )
        if request.method == "POST" and form.is_valid():
            try:
                rsvp.beantwoord(uitnodiging=uitnodiging, **form.cleaned_data)
            except ValidationError as fout:
                if hasattr(fout, "error_dict"):
                    for veld, fouten in fout.error_dict.items():
                        form.add_error(veld if veld in form.fields else None, fouten)
                else:
                    form.add_error(None, fout)
            else:
                return redirect(f"{request.path}?{urlencode({'taal': taal, 'bevestigd': 1})}")
    form.markeer_fouten()
    context = {
        **_activiteit_context(activiteit, taal),
        "form": form,
        "aanmelding": aanmelding,
        "familienaam": _familienaam(uitnodiging),
        "kan_wijzigen": kan_wijzigen,
        "bevestigd": aanmelding is not None and request.GET.get("bevestigd") == "1" and request.method == "GET",
    }
    return _pagina(
        request,
        "antwoord.html",
        taal=taal,
        context=context,
    )
