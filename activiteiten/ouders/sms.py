"""Text messages to guardians through a pluggable backend (docs/sms.md).

``FAMILIESCHOOL_SMS_BACKEND`` names a class (dotted path) with one method::

    def send(self, to: str, text: str, idempotency_key: str) -> None

``to`` is already normalised to international form (``+316…``). A backend raises ``SmsFout``
for a failure worth retrying (gateway down, timeout, rate limit) and ``OngeldigNummer`` for a
number that can never work; anything it returns normally counts as accepted by the provider.
``idempotency_key`` is the same on every retry of one message: pass it to the provider where it
supports one, so a retry after a crash between "accepted" and "recorded" is not sent twice.

Two backends ship: ``FileBackend`` (the default: one JSON line per message in a file, for
development and the tests; nothing leaves the machine) and ``ConsoleBackend``.
"""

from __future__ import annotations

import fcntl
import json
import re
import sys
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

STANDAARD_BACKEND = "activiteiten.ouders.sms.FileBackend"
MAX_LENGTE = 320  # two concatenated GSM-7 segments; the texts are written to fit


class SmsFout(Exception):
    """The provider could not take the message now; the sender tries again later."""


class OngeldigNummer(ValueError):
    """The number is not a mobile number a text message can go to; retrying will not help."""


class SmsNietIngesteld(OngeldigNummer):
    """No SMS provider is configured (production without FAMILIESCHOOL_SMS_BACKEND): the message
    fails at once with this reason on the status page, instead of going to a file nobody reads."""


class GeenProvider:
    def send(self, to: str, text: str, idempotency_key: str) -> None:
        raise SmsNietIngesteld("Er is geen sms-provider ingesteld (FAMILIESCHOOL_SMS_BACKEND, docs/sms.md).")


class SmsBackend(Protocol):
    def send(self, to: str, text: str, idempotency_key: str) -> None: ...


_SCHEIDING = re.compile(r"[\s\-().]")


def normaliseer_nummer(nummer: str) -> str:
    """A Dutch mobile number (06…, +316…, 00316…) or an international number in E.164 form
    (+<country><number>, 8–15 digits) → ``+<digits>``. Anything else raises OngeldigNummer with
    a message in Dutch that says what is wrong."""
    ruw = _SCHEIDING.sub("", nummer or "")
    if not ruw:
        raise OngeldigNummer("Geen telefoonnummer bekend.")
    if ruw.startswith("00"):
        ruw = "+" + ruw[2:]
    elif ruw.startswith("0"):
        if not ruw.startswith("06"):
            raise OngeldigNummer(f"{nummer!r} is geen mobiel nummer (een Nederlands mobiel nummer begint met 06).")
        ruw = "+31" + ruw[1:]
    if not re.fullmatch(r"\+\d{8,15}", ruw):
        raise OngeldigNummer(
            f"{nummer!r} is geen geldig mobiel nummer: gebruik 06-12345678 "
            "of een internationaal nummer als +32470123456."
        )
    # Dutch numbers: only 06 is mobile (097 is machine-to-machine), always 9 digits after +31.
    if ruw.startswith("+31") and not re.fullmatch(r"\+316\d{8}", ruw):
        raise OngeldigNummer(f"{nummer!r} is geen Nederlands mobiel nummer (06 gevolgd door 8 cijfers).")
    return ruw


def sms_map() -> Path:
    return Path(getattr(settings, "FAMILIESCHOOL_SMS_DIR", "") or Path(settings.FAMILIESCHOOL_DATA_DIR) / "sms")


class FileBackend:
    """Appends one JSON line per message to ``<FAMILIESCHOOL_SMS_DIR>/sms.jsonl`` (default under
    the data dir). Safe with several worker processes: each line is written under an exclusive
    lock in one write."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory else sms_map()

    @property
    def pad(self) -> Path:
        return self.directory / "sms.jsonl"

    def send(self, to: str, text: str, idempotency_key: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        regel = json.dumps(
            {"to": to, "text": text, "idempotency_key": idempotency_key, "at": timezone.now().isoformat()},
            ensure_ascii=False,
        )
        with self.pad.open("a", encoding="utf-8") as bestand:
            fcntl.flock(bestand, fcntl.LOCK_EX)
            try:
                bestand.write(regel + "\n")
                bestand.flush()
            finally:
                fcntl.flock(bestand, fcntl.LOCK_UN)

    def berichten(self) -> list[dict]:
        """What was written, for tests and the development console."""
        if not self.pad.exists():
            return []
        return [json.loads(regel) for regel in self.pad.read_text(encoding="utf-8").splitlines() if regel]


class ConsoleBackend:
    """Writes each message to standard output (development only: numbers end up in the log)."""

    def send(self, to: str, text: str, idempotency_key: str) -> None:
        sys.stdout.write(f"--- sms aan {to} ({idempotency_key}) ---\n{text}\n")
        sys.stdout.flush()


def get_backend() -> SmsBackend:
    pad = getattr(settings, "FAMILIESCHOOL_SMS_BACKEND", "") or STANDAARD_BACKEND
    return import_string(pad)()


def send_sms(*, to: str, text: str, idempotency_key: str) -> str:
    """Validate the number and the length, then hand the message to the configured backend.
    Returns the normalised number. Raises OngeldigNummer (permanent) or SmsFout (retry)."""
    nummer = normaliseer_nummer(to)
    if len(text) > MAX_LENGTE:
        raise ValueError(f"Sms is {len(text)} tekens; maximaal {MAX_LENGTE}.")
    get_backend().send(nummer, text, idempotency_key)
    return nummer
