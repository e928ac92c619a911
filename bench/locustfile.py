"""The people of a school at work, for `make load` (bench.load prepares the state file).

Weights follow a school day: coordinators browse most, teachers and activity leaders take
attendance, the bridge officer logs signals, school leader and board look at dashboards.
Every response must have the expected status; anything else counts as an error.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

from bench.client import PlainHttpCookieJar, csrf_token

_state_file = os.environ.get("BENCH_LOAD_STATE")
STATE: dict[str, Any] = json.loads(Path(_state_file).read_text()) if _state_file else {}
T: dict[str, Any] = STATE.get("targets", {})


class Medewerker(HttpUser):
    abstract = True
    rol = ""
    wait_time = between(1, 3)  # a person reads a page before the next click

    def on_start(self) -> None:
        self.client.cookies = PlainHttpCookieJar()
        for name, value in STATE["cookies"][self.rol].items():
            self.client.cookies.set(name, value)
        origin = "https://" + str(self.host).split("://", 1)[1]
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"})

    def get(self, path: str, name: str | None = None, **kwargs: Any) -> None:
        with self.client.get(path, name=name or path, allow_redirects=False, catch_response=True, **kwargs) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code} {r.headers.get('Location', '')}")


class Coordinator(Medewerker):
    rol = "coordinator"
    weight = 4

    @task(3)
    def startpagina(self) -> None:
        self.get("/")

    @task(3)
    def typeahead(self) -> None:
        q = random.choice(["an", "de", "el", "ja", "ma", T.get("leerling_q", "an")])
        self.get(f"/gezinnen/leerlingen/zoek/?q={q}", name="/gezinnen/leerlingen/zoek/", headers={"HX-Request": "true"})

    @task(2)
    def gezin(self) -> None:
        self.get(f"/gezinnen/{T['gezin']}/", name="/gezinnen/[id]/")

    @task(2)
    def activiteiten(self) -> None:
        self.get("/activiteiten/")

    @task(1)
    def partners(self) -> None:
        self.get(f"/partners/?q={T.get('partner_q', 'zorg')}", name="/partners/?q=")

    @task(1)
    def subsidies(self) -> None:
        self.get("/subsidies/")
        if T.get("toekenning"):
            self.get(f"/subsidies/{T['toekenning']}/", name="/subsidies/[id]/")


class Brugfunctionaris(Medewerker):
    rol = "brugfunctionaris"
    weight = 2

    @task(2)
    def startpagina(self) -> None:
        self.get("/")

    @task(3)
    def signaal(self) -> None:
        with self.client.get("/gezinnen/signalen/nieuw/", catch_response=True) as form:
            if form.status_code != 200:
                form.failure(f"status {form.status_code}")
                return
            token = csrf_token(form.text)
        data = {
            "leerling": T["leerling"],
            **T["signaal"],
            "omschrijving": "Belastingtest (make load).",
            "csrfmiddlewaretoken": token,
        }
        with self.client.post("/gezinnen/signalen/nieuw/", data=data, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 302:
                r.failure(f"status {r.status_code}")


class Presentie(Medewerker):
    """Teacher and activity leader: today's sessions, then the attendance list of one."""

    rol = "begeleider"
    weight = 3

    @task(1)
    def vandaag(self) -> None:
        self.get("/activiteiten/vandaag/")

    @task(3)
    def presentie(self) -> None:
        pk = T["presentie"].get(self.rol)
        if pk is None:  # leads no activity in this data set: only their own sessions may be opened
            self.vandaag()
            return
        self.get(f"/activiteiten/bijeenkomsten/{pk}/presentie/", name="/activiteiten/bijeenkomsten/[id]/presentie/")


class Leerkracht(Presentie):
    rol = "leerkracht"
    weight = 2


class Schoolleider(Medewerker):
    rol = "schoolleider"
    weight = 1

    @task
    def dashboard(self) -> None:
        self.get("/dashboard/")


class Bestuur(Medewerker):
    rol = "bestuur"
    weight = 1

    @task
    def dashboard(self) -> None:
        self.get("/dashboard/bestuur/")
