"""Attachments of expenses (invoices, receipts): PDF, PNG or JPEG, recognised by their content,
not by the name or the content type the browser sends, and at most
``FAMILIESCHOOL_BIJLAGE_MAX_MB`` megabytes (default 10).

They are stored under MEDIA_ROOT (outside the web root) with a random name
(``subsidies.models.bijlage_pad``) and served only by ``views_toekenningen.bijlage``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

# Magic bytes → (content type, extension for the stored name).
SOORTEN: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
]
TOEGESTAAN = "Alleen een PDF, PNG of JPEG kan als bijlage."


@dataclass(frozen=True)
class Bijlage:
    bestand: UploadedFile
    naam: str
    content_type: str
    extensie: str


def max_mb() -> int:
    return int(getattr(settings, "FAMILIESCHOOL_BIJLAGE_MAX_MB", 10))


def soort_van(kop: bytes) -> tuple[str, str] | None:
    """The content type and extension of a file that starts with ``kop``, or None."""
    for magic, content_type, extensie in SOORTEN:
        if kop.startswith(magic):
            return content_type, extensie
    return None


def veilige_naam(naam: str) -> str:
    """The original file name without any path (a browser may send ``C:\\...``), at most 200."""
    kaal = PureWindowsPath(PurePosixPath(naam or "").name).name.strip()
    kaal = "".join(teken for teken in kaal if teken.isprintable()) or "bijlage"
    if len(kaal) > 200:
        stam, punt, ext = kaal.rpartition(".")
        kaal = (stam[: 199 - len(ext)] + punt + ext) if punt and len(ext) <= 5 else kaal[:200]
    return kaal


def controleer_bijlage(bestand: UploadedFile) -> Bijlage:
    """A checked attachment, or a ValidationError with a Dutch message."""
    grens = max_mb()
    if bestand.size is not None and bestand.size > grens * 1024 * 1024:
        mb = f"{bestand.size / (1024 * 1024):.1f}".replace(".", ",")
        raise ValidationError(f"De bijlage is te groot ({mb} MB); het maximum is {grens} MB.", code="te_groot")
    if not bestand.size:
        raise ValidationError("De bijlage is leeg.", code="leeg")
    bestand.seek(0)
    kop = bestand.read(16)
    bestand.seek(0)
    soort = soort_van(kop)
    if soort is None:
        raise ValidationError(
            f"{TOEGESTAAN} Dit bestand is dat niet, wat de naam ook zegt.",
            code="soort",
        )
    return Bijlage(bestand=bestand, naam=veilige_naam(bestand.name or ""), content_type=soort[0], extensie=soort[1])
