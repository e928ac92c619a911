"""Answering an invitation without an account (issue 7 point 4).

The link in an invitation, reminder or on the QR code of a paper invitation carries the invitation's
token, signed with a salt of its own (``django.core.signing``): a changed character is refused, and
a link to another invitation cannot be made from one you have. The link works until the end of the
activity's day, counted from the activity's *current* date, so a moved evening keeps the links sent
before the move working. Answers can be given and changed until the day before the activity; a yes
that does not fit goes on the waitlist, and a place freed by a no (or fewer adults) goes to the
waitlist in order.

Error messages come out in the active language: callers wrap the call in
``translation.override(<the page's language>)``.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext

from activiteiten import talen
from activiteiten.models import Aanmelding, AanmeldingStatus, Ouderactiviteit, Uitnodiging
from familieschool.validatie import valideer

SALT = "activiteiten.ouders.rsvp.antwoord"

# The languages of the answer page: Dutch (the source) and those with a catalog in locale/. Any
# other voorkeurstaal gets Dutch, with English one tap away (DESIGN.md §6).
TALEN = talen.TALEN
FALLBACK_TALEN = talen.FALLBACK_TALEN

# Bounds of the form, the same as the constraint on Aanmelding.
MAX_VOLWASSENEN = 10
MAX_KINDEREN = 15
MAX_DIEETWENSEN = 200


class LinkOngeldig(Exception):
    """The value was changed, cut short, or names no invitation (anymore)."""


class LinkVerlopen(Exception):
    """A genuine link whose activity is over; carries the invitation for a friendly page."""

    def __init__(self, uitnodiging: Uitnodiging) -> None:
        super().__init__("link verlopen")
        self.uitnodiging = uitnodiging


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def _token_tekst(token: uuid.UUID) -> str:
    # 22 URL-safe characters instead of 36: the link also goes out by SMS.
    return base64.urlsafe_b64encode(token.bytes).decode().rstrip("=")


def _token_uit_tekst(tekst: str) -> uuid.UUID:
    return uuid.UUID(bytes=base64.urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4)))


def sleutel_voor(uitnodiging: Uitnodiging) -> str:
    """The signed value in the answer link of ``uitnodiging``."""
    return _signer().sign(_token_tekst(uitnodiging.token))


def antwoord_url(uitnodiging: Uitnodiging, *, taal: str | None = None) -> str:
    """The absolute answer link for e-mail, SMS and the QR code of a paper invitation."""
    pad = reverse("activiteiten:antwoord", args=[sleutel_voor(uitnodiging)])
    if taal and taal != uitnodiging.taal and taal in TALEN:
        pad += f"?taal={taal}"
    return settings.FAMILIESCHOOL_BASE_URL.rstrip("/") + pad


def geldig_tot(activiteit: Ouderactiviteit) -> dt.datetime:
    """The link works until midnight at the end of the activity's day (school time)."""
    volgende_dag = activiteit.datum + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(volgende_dag, dt.time.min))


def lees_link(waarde: str, *, nu: dt.datetime | None = None) -> Uitnodiging:
    """The invitation of a signed value, with its activity, school and answer (one query).
    Raises LinkOngeldig for a changed or unknown value, LinkVerlopen after the activity's day."""
    try:
        token = _token_uit_tekst(_signer().unsign(waarde))
    except (signing.BadSignature, ValueError):
        raise LinkOngeldig from None
    uitnodiging = (
        Uitnodiging.objects.select_related("ouderactiviteit__school", "verzorger", "aanmelding")
        .filter(token=token)
        .first()
    )
    if uitnodiging is None:
        raise LinkOngeldig
    if (nu or timezone.now()) >= geldig_tot(uitnodiging.ouderactiviteit):
        raise LinkVerlopen(uitnodiging)
    return uitnodiging


def taal_voor(uitnodiging: Uitnodiging, gevraagd: str | None = None) -> str:
    """The page's language: the one asked for in the link, else the invitation's, else Dutch."""
    if gevraagd is not None and gevraagd in TALEN:
        return gevraagd
    return uitnodiging.taal if uitnodiging.taal in TALEN else "nl"


def kan_wijzigen(activiteit: Ouderactiviteit, *, nu: dt.datetime | None = None) -> bool:
    """Answers can be given and changed until (and including) the day before the activity."""
    return not activiteit.is_geannuleerd and timezone.localdate(nu or timezone.now()) < activiteit.datum


def _bezet(activiteit: Ouderactiviteit, *, behalve: Aanmelding | None = None) -> int:
    """Adults with a place, not counting ``behalve``."""
    qs = Aanmelding.objects.filter(uitnodiging__ouderactiviteit=activiteit, status=AanmeldingStatus.KOMT)
    if behalve is not None and behalve.pk:
        qs = qs.exclude(pk=behalve.pk)
    return qs.aggregate(totaal=Sum("volwassenen"))["totaal"] or 0


def _valideer(
    *, activiteit: Ouderactiviteit, volwassenen: int, kinderen: int, kinderopvang_nodig: bool, dieetwensen: str
) -> None:
    fouten: dict[str, list] = {}
    if not 1 <= volwassenen <= MAX_VOLWASSENEN:
        fouten["volwassenen"] = [
            pgettext("ouders", "Kies een aantal volwassenen van 1 tot en met %(max)s.") % {"max": MAX_VOLWASSENEN}
        ]
    if not 0 <= kinderen <= MAX_KINDEREN:
        fouten["kinderen"] = [
            pgettext("ouders", "Kies een aantal kinderen van 0 tot en met %(max)s.") % {"max": MAX_KINDEREN}
        ]
    if kinderopvang_nodig and not activiteit.kinderopvang:
        fouten["kinderopvang_nodig"] = [pgettext("ouders", "Bij deze activiteit is er geen kinderopvang.")]
    elif kinderopvang_nodig and kinderen < 1:
        fouten["kinderopvang_nodig"] = [
            pgettext("ouders", "Kinderopvang is voor kinderen die meekomen: vul het aantal kinderen in.")
        ]
    if len(dieetwensen) > MAX_DIEETWENSEN:
        fouten["dieetwensen"] = [
            pgettext("ouders", "Schrijf uw dieetwensen in hoogstens %(limit_value)s tekens.")
            % {"limit_value": MAX_DIEETWENSEN}
        ]
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def beantwoord(
    *,
    uitnodiging: Uitnodiging,
    komt: bool,
    volwassenen: int = 1,
    kinderen: int = 0,
    kinderopvang_nodig: bool = False,
    dieetwensen: str = "",
    nu: dt.datetime | None = None,
) -> Aanmelding:
    """Record or change the answer to ``uitnodiging``.

    A yes gets a place when the adults fit in the capacity, else it goes on the waitlist; someone
    who has a place and asks for more adults than are free keeps their place and gets an error.
    A no, or fewer adults, frees places for the waitlist (``promote_wachtlijst``). The activity
    row is locked for the count, so two answers at the same moment cannot both take the last place.
    Raises ValidationError (in the active language) on the activity's day or later, for a
    cancelled activity, and for numbers out of bounds or childcare that is not offered."""
    nu = nu or timezone.now()
    activiteit = Ouderactiviteit.objects.select_for_update().get(pk=uitnodiging.ouderactiviteit_id)
    if activiteit.is_geannuleerd:
        raise ValidationError(pgettext("ouders", "Deze activiteit gaat niet door."))
    if not kan_wijzigen(activiteit, nu=nu):
        raise ValidationError(
            pgettext(
                "ouders",
                "Aanmelden of uw antwoord wijzigen kan tot en met de dag voor de activiteit. "
                "Neem contact op met de school.",
            )
        )
    aanmelding = Aanmelding.objects.filter(uitnodiging=uitnodiging).first() or Aanmelding(uitnodiging=uitnodiging)
    was_status = aanmelding.status
    was_volwassenen = aanmelding.volwassenen if aanmelding.pk else 0
    dieetwensen = (dieetwensen or "").strip()

    if not komt:
        aanmelding.status = AanmeldingStatus.KOMT_NIET
        aanmelding.volwassenen = aanmelding.kinderen = 0
        aanmelding.kinderopvang_nodig = False
        aanmelding.dieetwensen = ""
    else:
        _valideer(
            activiteit=activiteit,
            volwassenen=volwassenen,
            kinderen=kinderen,
            kinderopvang_nodig=kinderopvang_nodig,
            dieetwensen=dieetwensen,
        )
        vrij = None if activiteit.capaciteit is None else activiteit.capaciteit - _bezet(activiteit, behalve=aanmelding)
        past = vrij is None or volwassenen <= vrij
        if was_status == AanmeldingStatus.KOMT and not past:
            raise ValidationError(
                {
                    "volwassenen": [
                        pgettext(
                            "ouders",
                            "Er zijn niet genoeg plaatsen. U kunt met hoogstens %(aantal)s volwassenen komen.",
                        )
                        % {"aantal": max(vrij or 0, was_volwassenen)}
                    ]
                }
            )
        aanmelding.status = AanmeldingStatus.KOMT if past else AanmeldingStatus.WACHTLIJST
        aanmelding.volwassenen, aanmelding.kinderen = volwassenen, kinderen
        aanmelding.kinderopvang_nodig = kinderopvang_nodig
        aanmelding.dieetwensen = dieetwensen
    valideer(aanmelding, exclude=["uitnodiging"])
    aanmelding.save()
    if aanmelding.status == AanmeldingStatus.WACHTLIJST and was_status != AanmeldingStatus.WACHTLIJST:
        # The waitlist runs in order of the moment someone joined it; "beantwoord_op" is that moment
        # for a waitlisted answer (edits while waiting do not move anyone back).
        Aanmelding.objects.filter(pk=aanmelding.pk).update(beantwoord_op=nu)
        aanmelding.beantwoord_op = nu
    if was_status == AanmeldingStatus.KOMT and (
        aanmelding.status != AanmeldingStatus.KOMT or aanmelding.volwassenen < was_volwassenen
    ):
        promote_wachtlijst(ouderactiviteit=activiteit)
    return aanmelding


def promote_wachtlijst(*, ouderactiviteit: Ouderactiviteit) -> list[Aanmelding]:
    """Give free places to the waitlist in order. A family that does not fit in what is free is
    passed over for a smaller one behind it, and stays first in line for the next free place.
    Call inside a transaction that holds the activity's row lock (``beantwoord`` does; so should a
    change of capacity). Returns the promoted answers, for a message to those families."""
    if ouderactiviteit.capaciteit is None:
        vrij = None
    else:
        vrij = ouderactiviteit.capaciteit - _bezet(ouderactiviteit)
        if vrij <= 0:
            return []
    wachtend = (
        Aanmelding.objects.select_for_update()
        .filter(uitnodiging__ouderactiviteit=ouderactiviteit, status=AanmeldingStatus.WACHTLIJST)
        .order_by("beantwoord_op", "pk")
    )
    geplaatst = []
    for aanmelding in wachtend:
        if vrij is not None and aanmelding.volwassenen > vrij:
            continue
        aanmelding.status = AanmeldingStatus.KOMT
        geplaatst.append(aanmelding)
        if vrij is not None:
            vrij -= aanmelding.volwassenen
            if vrij <= 0:
                break
    if geplaatst:
        Aanmelding.objects.filter(pk__in=[a.pk for a in geplaatst]).update(
            status=AanmeldingStatus.KOMT, gewijzigd_op=timezone.now()
        )
    return geplaatst
