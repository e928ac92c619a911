"""Writes of core data: invitations, memberships and the access log."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from familieschool.models import Accountuitnodiging, Inzage, Lidmaatschap, School, User
from familieschool.roles import BESTUURSBREDE_ROLLEN, DOOR_COORDINATOR_UIT_TE_NODIGEN, Rol, heeft_recht
from familieschool.validatie import valideer


def _client_ip(request: HttpRequest) -> str | None:
    # Behind a proxy the trusted count decides which X-Forwarded-For entry is the client's.
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def record_inzage(
    *,
    request: HttpRequest,
    record_type: str,
    record_id: Any,
    doel: str,
    actie: str = Inzage.Actie.LEZEN,
    uitkomst: str = Inzage.Uitkomst.TOEGESTAAN,
    school: School | None = None,
) -> Inzage:
    """Write one access-log row for a read of a sensitive record.

    Call it inside the same transaction as the read, before anything is rendered: when the row
    cannot be written the exception propagates and the read fails (fail closed). The row holds
    who, when, which record (type and id), which school, why and from where; never content.
    """
    if not request.user.is_authenticated:
        raise PermissionDenied("Inzage zonder ingelogde gebruiker.")
    session_key = request.session.session_key or ""
    inzage = Inzage(
        user=request.user,
        rol=getattr(request, "rol", "") or "",
        school=school or getattr(request, "school", None),
        actie=actie,
        uitkomst=uitkomst,
        record_type=record_type,
        record_id=str(record_id) if record_id is not None else "",
        doel=doel,
        ip_adres=_client_ip(request),
        sessie_hash=hashlib.sha256(session_key.encode()).hexdigest() if session_key else "",
    )
    inzage.save(force_insert=True)
    return inzage


def record_inzagen(
    *, request: HttpRequest, record_type: str, record_ids: list[Any], doel: str, actie: str = Inzage.Actie.LEZEN
) -> int:
    """One access-log row per record shown on a list page, in one INSERT whatever the number
    (same rules as record_inzage: same transaction as the read; if it fails, the read fails)."""
    if not request.user.is_authenticated:
        raise PermissionDenied("Inzage zonder ingelogde gebruiker.")
    session_key = request.session.session_key or ""
    sessie_hash = hashlib.sha256(session_key.encode()).hexdigest() if session_key else ""
    ip_adres = _client_ip(request)
    rijen = [
        Inzage(
            user=request.user,
            rol=getattr(request, "rol", "") or "",
            school=getattr(request, "school", None),
            actie=actie,
            record_type=record_type,
            record_id=str(record_id),
            doel=doel,
            ip_adres=ip_adres,
            sessie_hash=sessie_hash,
        )
        for record_id in record_ids
    ]
    if rijen:  # nothing shown, nothing read
        Inzage.objects.bulk_create(rijen)
    return len(rijen)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def can_invite(*, rol: str, actieve_school: School, school: School, uit_te_nodigen_rol: str) -> bool:
    """A beheerder invites to any school of the board with any role; a coordinator invites to
    their own school with a school role."""
    if not heeft_recht(rol, "gebruikers.uitnodigen"):
        return False
    if rol == Rol.BEHEERDER:
        return school.bestuur_id == actieve_school.bestuur_id
    return school.pk == actieve_school.pk and uit_te_nodigen_rol in DOOR_COORDINATOR_UIT_TE_NODIGEN


@transaction.atomic
def invite_user(
    *,
    uitgenodigd_door: User,
    door_rol: str,
    actieve_school: School,
    school: School,
    email: str,
    naam: str,
    rol: str,
    is_aandachtsfunctionaris: bool = False,
) -> tuple[Accountuitnodiging, str]:
    """Create an invitation and mail its link after commit. Returns the invitation and the raw
    token (only ever in the mail; the database keeps its hash).

    Side effects: an email to ``email`` (Celery task, queued on commit)."""
    if not can_invite(rol=door_rol, actieve_school=actieve_school, school=school, uit_te_nodigen_rol=rol):
        raise PermissionDenied("Je mag voor deze school of rol niemand uitnodigen.")
    email = email.strip().lower()
    if Lidmaatschap.objects.filter(school=school, user__email__iexact=email).exists():
        raise ValidationError({"email": "Deze persoon heeft al een rol op deze school."})
    if Accountuitnodiging.objects.filter(
        school=school, email__iexact=email, geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True
    ).exists():
        # An earlier invitation that expired is withdrawn so a fresh one can be sent.
        open_inv = Accountuitnodiging.objects.filter(
            school=school, email__iexact=email, geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True
        )
        if open_inv.filter(verloopt_op__gt=timezone.now()).exists():
            raise ValidationError({"email": "Er staat al een uitnodiging open voor dit adres op deze school."})
        open_inv.update(ingetrokken_op=timezone.now())
    token = secrets.token_urlsafe(32)
    uitnodiging = Accountuitnodiging(
        email=email,
        naam=naam.strip(),
        school=school,
        rol=rol,
        is_aandachtsfunctionaris=is_aandachtsfunctionaris,
        token_hash=_hash_token(token),
        uitgenodigd_door=uitgenodigd_door,
        verloopt_op=timezone.now() + dt.timedelta(days=settings.FAMILIESCHOOL_INVITE_DAYS),
    )
    valideer(uitnodiging, exclude=["token_hash", "verloopt_op"])
    uitnodiging.save()

    from familieschool import tasks

    transaction.on_commit(lambda: tasks.task_send_accountuitnodiging.delay(uitnodiging_id=uitnodiging.pk, token=token))
    return uitnodiging, token


def uitnodiging_for_token(token: str) -> Accountuitnodiging | None:
    from familieschool.selectors import uitnodiging_by_token_hash

    return uitnodiging_by_token_hash(_hash_token(token))


@transaction.atomic
def accept_uitnodiging(
    *, uitnodiging: Accountuitnodiging, naam: str, password: str | None, user: User | None = None
) -> User:
    """Accept an open invitation: create the account (or use the logged-in one whose email
    matches) and give it the role at the school."""
    uitnodiging = Accountuitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if not uitnodiging.is_open:
        raise ValidationError("Deze uitnodiging is niet meer geldig.")
    if user is None:
        if User.objects.filter(email__iexact=uitnodiging.email).exists():
            raise ValidationError("Er bestaat al een account met dit adres: log eerst in.")
        user = User(email=uitnodiging.email, naam=naam.strip())
        validate_password(password or "", user)
        user.set_password(password)
        valideer(user, exclude=["password"])
        user.save()
    elif user.email.lower() != uitnodiging.email.lower():
        raise ValidationError("Deze uitnodiging is voor een ander e-mailadres.")
    Lidmaatschap.objects.update_or_create(
        user=user,
        school=uitnodiging.school,
        defaults={
            "rol": uitnodiging.rol,
            "is_aandachtsfunctionaris": uitnodiging.is_aandachtsfunctionaris,
            "actief": True,
        },
    )
    uitnodiging.geaccepteerd_op = timezone.now()
    uitnodiging.save(update_fields=["geaccepteerd_op"])
    return user


@transaction.atomic
def revoke_uitnodiging(*, uitnodiging: Accountuitnodiging) -> None:
    if uitnodiging.geaccepteerd_op is None and uitnodiging.ingetrokken_op is None:
        uitnodiging.ingetrokken_op = timezone.now()
        uitnodiging.save(update_fields=["ingetrokken_op"])


@transaction.atomic
def set_lidmaatschap_actief(*, lidmaatschap: Lidmaatschap, actief: bool, door: User) -> Lidmaatschap:
    """(De)activate a membership. Nobody switches off their own access by accident."""
    if lidmaatschap.user_id == door.pk and not actief:
        raise ValidationError("Je kunt je eigen rol niet uitzetten.")
    lidmaatschap.actief = actief
    lidmaatschap.save(update_fields=["actief"])
    return lidmaatschap


def is_bestuursbreed(rol: str) -> bool:
    return rol in BESTUURSBREDE_ROLLEN


def expire_open_uitnodigingen(*, now: dt.datetime | None = None) -> int:
    """Withdraw invitations whose link has expired; returns how many."""
    now = now or timezone.now()
    return Accountuitnodiging.objects.filter(
        geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True, verloopt_op__lte=now
    ).update(ingetrokken_op=now)
