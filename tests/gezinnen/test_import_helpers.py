"""Shared pieces of the import tests: the sample files, edits of them, a generator of large files,
and the whole flow without HTTP. (Named test_import_* so it sits with the import tests; it holds
no tests itself.)"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from gezinnen import imports
from gezinnen.models import Importbatch

DATA = Path(__file__).resolve().parent / "data"
EDEXML = (DATA / "voorbeeld-edexml.xml").read_bytes()
CSV = (DATA / "voorbeeld-verzorgers.csv").read_bytes()
CSV_1252 = (DATA / "voorbeeld-verzorgers-cp1252.csv").read_bytes()
EDEXML_TEKST = EDEXML.decode()

# The forbidden values of the sample file, read from the file itself (never written in a test).
BSN_WAARDEN = sorted(set(re.findall(r"<bsn>(\d+)</bsn>", EDEXML_TEKST)))
ETNICITEIT_WAARDEN = sorted(set(re.findall(r"<etniciteit>([^<]+)</etniciteit>", EDEXML_TEKST)))


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def start(school, user, *, edexml: bytes = EDEXML, verzorgers: bytes | None = CSV) -> Importbatch:
    """Upload and compare (what the request and the first task do)."""
    batch = imports.start_import(
        school=school,
        user=user,
        edexml=upload("EDEX.XML", edexml),
        verzorgers=upload("verzorgers.csv", verzorgers) if verzorgers is not None else None,
    )
    return imports.store_verschillen(batch=batch)


def importeer(school, user, *, edexml: bytes = EDEXML, verzorgers: bytes | None = CSV) -> Importbatch:
    """The whole flow: upload, compare, approve, apply."""
    batch = start(school, user, edexml=edexml, verzorgers=verzorgers)
    assert batch.status == Importbatch.Status.TE_BEOORDELEN, batch.foutmelding
    batch = imports.approve_import(batch=batch, user=user)
    batch = imports.process_import(batch=batch)
    assert batch.status == Importbatch.Status.VERWERKT, batch.foutmelding
    return batch


def regel_van(tekst: str, fragment: str) -> int:
    """The line on which ``fragment`` starts."""
    return tekst[: tekst.index(fragment)].count("\n") + 1


def leerling_blok(tekst: str, sleutel: str) -> str:
    begin = tekst.index(f'<leerling key="{sleutel}">')
    return tekst[begin : tekst.index("</leerling>", begin) + len("</leerling>")]


def zonder_leerlingen(tekst: str, *sleutels: str) -> str:
    for sleutel in sleutels:
        blok = leerling_blok(tekst, sleutel)
        tekst = tekst.replace("    " + blok + "\n", "")
    return tekst


def csv_rijen(data: bytes = CSV) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8")), delimiter=";"))


def csv_bytes(rijen: list[dict[str, str]], *, delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rijen[0]), delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rijen)
    return buffer.getvalue().encode()


def genereer(aantal: int, *, brin: str = "99XX") -> tuple[bytes, bytes]:
    """An EDEXML file with ``aantal`` pupils in pairs of siblings (two guardians each) and the
    guardian CSV to go with it, as a large school board's export would look."""
    groepen = "".join(
        f'<groep key="G{j}"><naam>Groep {j}</naam><jaargroep>{j}</jaargroep></groep>' for j in range(3, 9)
    )
    leerlingen = []
    rijen = ["leerlingnummer;verzorger_volgnr;relatie;gezag;roepnaam;achternaam;telefoon_mobiel;email;voorkeurstaal"]
    for i in range(aantal):
        nummer, gezin, jaargroep = 30000000 + i, i // 2, 3 + i % 6
        leerlingen.append(
            f'<leerling key="{nummer}"><achternaam>Familie{gezin}</achternaam><roepnaam>Kind{i}</roepnaam>'
            f"<geboortedatum>2016-0{1 + i % 9}-1{i % 10}</geboortedatum><geslacht>{1 + i % 2}</geslacht>"
            f'<jaargroep>{jaargroep}</jaargroep><groep key="G{jaargroep}"/><postcodenl>1055AB</postcodenl>'
            f"<instroomdatum>2020-08-1{i % 10}</instroomdatum></leerling>"
        )
        rijen.append(f"{nummer};1;moeder;ja;Moeder{gezin};Familie{gezin};06{gezin:08d};moeder{gezin}@example.org;nl")
        rijen.append(f"{nummer};2;vader;ja;Vader{gezin};Familie{gezin};;vader{gezin}@example.org;tr")
    edexml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<EDEX><school><schooljaar>2026-2027</schooljaar>'
        f"<brincode>{brin}</brincode><dependancecode>00</dependancecode></school>"
        f"<groepen>{groepen}</groepen><leerlingen>\n" + "\n".join(leerlingen) + "\n</leerlingen></EDEX>\n"
    )
    return edexml.encode(), ("\n".join(rijen) + "\n").encode()
