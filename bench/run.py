"""`make bench`: server time and query count of the key pages, as ratios to a baseline page.

Serves the app with gunicorn and production settings on loopback (``bench.server``), logs in as
the demo users and requests every page N times (after a warm-up), round-robin: each round asks
every page of every data set once, with both data sets served at the same time, so a drift of
the machine falls on all of them alike (``measure``). Server time is read from the
``Server-Timing`` header and the query count from ``X-Query-Count``, both added by
``bench.middleware.BenchMiddleware`` (only with ``FAMILIESCHOOL_BENCH=1``). Figures are printed
and written to ``bench/results.json``; nothing is asserted (docs/performance.md).

Data sets: with the board-scale generator (``seed_demo --scale board``) the pages are measured
on a database with 1 school and one with 36 schools, created next to the development database
(``familieschool_bench_1`` / ``_36``, seeded once and kept). Without it, on the current database
(the normal demo), and the scaling ratio is reported as missing. ``BENCH_DATASETS=current``
forces the current database.

Environment: ``BENCH_N`` (requests per page, default 30), ``BENCH_WARMUP`` (default 3),
``BENCH_WORKERS`` (gunicorn workers, default 2).
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import redis
import requests

from bench import client, server

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
BOARD_SCHOOLS = 36


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    rol: str
    path: str
    method: str = "GET"
    status: int = 200
    school_level: bool = True
    htmx: bool = False
    target: str = "key"  # key page (≤ 3× baseline) or dashboard (≤ 6×)
    cold: bool = False  # drop the start page's kept panels before every request


PAGES = (
    Page("baseline", "Basispagina (/gezond/, ingelogd)", "coordinator", "/gezond/", target="baseline"),
    Page("start", "Startpagina coördinator", "coordinator", "/"),
    # The same page as after a change to everything it shows: every panel computed afresh.
    Page("start_koud", "Startpagina, na een wijziging", "coordinator", "/", cold=True),
    Page(
        "typeahead",
        "Leerling zoeken (typeahead)",
        "coordinator",
        "/gezinnen/leerlingen/zoek/?q={leerling_q}",
        htmx=True,
    ),
    Page("signaal", "Signaal vastleggen (POST)", "coordinator", "/gezinnen/signalen/nieuw/", "POST", 302),
    Page("gezin", "Gezinsdossier", "coordinator", "/gezinnen/{gezin}/"),
    Page(
        "presentie",
        "Presentie van een bijeenkomst",
        "coordinator",
        "/activiteiten/bijeenkomsten/{bijeenkomst}/presentie/",
    ),
    Page("activiteiten", "Activiteitenlijst", "coordinator", "/activiteiten/"),
    Page("partners", "Partners zoeken", "coordinator", "/partners/?q={partner_q}"),
    Page("subsidies", "Subsidieoverzicht", "coordinator", "/subsidies/"),
    Page("toekenning", "Eén subsidie", "coordinator", "/subsidies/{toekenning}/"),
    Page("dashboard", "Schooldashboard", "schoolleider", "/dashboard/", target="dashboard"),
    Page("bestuur", "Bestuursdashboard", "bestuur", "/dashboard/bestuur/", school_level=False, target="dashboard"),
)
TARGET_RATIO = {"baseline": 1.0, "key": 3.0, "dashboard": 6.0}


@dataclass
class Measurement:
    key: str
    label: str
    status: str = "ok"  # ok | ontbreekt | fout: ...
    n: int = 0
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    queries_min: int | None = None
    queries_max: int | None = None
    ratio: float | None = None
    query_ratio: float | None = None
    target: float | None = None
    samples_ms: list[float] = field(default_factory=list, repr=False)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 30 values is the 29th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


class Sampler:
    """One page of one data set, requested one round at a time (see ``measure``)."""

    def __init__(self, session: requests.Session | None, base_url: str, page: Page, targets: dict[str, Any]) -> None:
        self.session, self.page, self.targets = session, page, targets
        self.result = Measurement(page.key, page.label, target=TARGET_RATIO[page.target])
        self.queries: list[int] = []
        self.url = base_url + page.path.format(**targets) if not self._missing() else ""
        self.headers = {"HX-Request": "true"} if page.htmx else {}
        if session is None:
            self.result.status = f"fout: inloggen als {page.rol} mislukt"

    def _missing(self) -> bool:
        missing = [k for k in ("gezin", "bijeenkomst", "toekenning") if "{" + k + "}" in self.page.path]
        missing = [k for k in missing if not self.targets[k]]
        if missing:
            self.result.status = f"ontbreekt (geen {', '.join(missing)} in de data)"
        return bool(missing)

    def step(self, i: int, *, warmup: int) -> None:
        """Request i (the first ``warmup`` are not counted); a failure ends the page's sampling."""
        if self.result.status != "ok" or self.session is None:
            return
        if self.page.cold:
            self._forget_kept()
        if self.page.method == "POST":
            data = {
                "leerling": self.targets["leerling"],
                **self.targets["signaal"],
                "omschrijving": "Benchmark: signaal uit make bench.",
                "csrfmiddlewaretoken": self.session.cookies.get(server.CSRF_COOKIE, ""),
            }
            response = self.session.post(self.url, data=data, headers=self.headers, allow_redirects=False, timeout=60)
        else:
            response = self.session.get(self.url, headers=self.headers, allow_redirects=False, timeout=60)
        if response.status_code == 404 and i == 0:
            self.result.status = "ontbreekt (404)"
        elif response.status_code != self.page.status:
            self.result.status = f"fout: {response.status_code} {response.headers.get('Location', '')}".strip()
        elif i >= warmup:
            timing = response.headers.get("Server-Timing", "")
            if "dur=" not in timing:
                self.result.status = "fout: geen Server-Timing (FAMILIESCHOOL_BENCH staat niet aan?)"
                return
            self.result.samples_ms.append(float(timing.split("dur=")[1].split(",")[0]))
            self.queries.append(int(response.headers["X-Query-Count"]))

    def _forget_kept(self) -> None:
        """Delete the kept start-page panels of this data set (outside the measured server time)."""
        kept = self.targets["kept"]
        with redis.Redis.from_url(kept["redis"]) as connection:
            keys = list(connection.scan_iter(match=kept["start"], count=1000))
            if keys:
                connection.delete(*keys)

    def finish(self) -> Measurement:
        r = self.result
        if r.status == "ok" and r.samples_ms:
            r.n = len(r.samples_ms)
            r.median_ms = statistics.median(r.samples_ms)
            r.p95_ms = percentile(r.samples_ms, 95)
            r.queries = int(statistics.median(self.queries))
            r.queries_min, r.queries_max = min(self.queries), max(self.queries)
        return r


def measure(samplers: list[list[Sampler]], *, n: int, warmup: int) -> list[list[Measurement]]:
    """Round-robin: in each round every page of every data set is requested once, so a drift of
    the machine (another process, a cache warming) falls on all pages and data sets alike instead
    of on whichever was being measured at the time; ratios are taken within the same rounds."""
    for i in range(warmup + n):
        for rij in samplers:
            for sampler in rij:
                sampler.step(i, warmup=warmup)
    return [[sampler.finish() for sampler in rij] for rij in samplers]


def with_ratios(results: list[Measurement]) -> list[Measurement]:
    base = next((r for r in results if r.key == "baseline" and r.status == "ok"), None)
    if base is None or not base.median_ms:
        return results
    for r in results:
        if r.status == "ok" and r.median_ms is not None and r.queries is not None:
            r.ratio = r.median_ms / base.median_ms
            r.query_ratio = r.queries / base.queries if base.queries else None
    return results


def _fmt(value: float | int | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def format_table(results: list[Measurement]) -> str:
    """The printed table: one row per page, ratios to the baseline and the target."""
    header = f"{'pagina':<34} {'mediaan ms':>10} {'p95 ms':>8} {'× basis':>8} {'doel':>6} {'queries':>8} {'× q':>6}"
    lines = [header, "-" * len(header)]
    for r in results:
        if r.status != "ok":
            lines.append(f"{r.label:<34} {r.status}")
            continue
        queries = str(r.queries) if r.queries_min == r.queries_max else f"{r.queries_min}-{r.queries_max}"
        over = " !" if r.ratio is not None and r.target is not None and r.ratio > r.target else ""
        lines.append(
            f"{r.label:<34} {_fmt(r.median_ms, '.1f'):>10} {_fmt(r.p95_ms, '.1f'):>8} "
            f"{_fmt(r.ratio, '.2f'):>8} {'≤' + format(r.target, 'g') if r.target else '':>6} {queries:>8} "
            f"{_fmt(r.query_ratio, '.1f'):>6}{over}"
        )
    return "\n".join(lines)


def format_scaling(small: list[Measurement], large: list[Measurement]) -> str:
    """School pages with 36 schools against 1 school: target ≤ 1.2× server time, equal queries."""
    by_key = {r.key: r for r in small}
    lines = [f"{'pagina':<34} {'1 school ms':>11} {'36 ms':>8} {'× (≤1.2)':>9} {'queries 1→36':>13}"]
    for r in large:
        s = by_key.get(r.key)
        page = next(p for p in PAGES if p.key == r.key)
        if not page.school_level or s is None:
            continue
        if r.status != "ok" or s.status != "ok" or not s.median_ms or r.median_ms is None:
            lines.append(f"{r.label:<34} {s.status if s.status != 'ok' else r.status}")
            continue
        ratio = r.median_ms / s.median_ms
        lines.append(
            f"{r.label:<34} {s.median_ms:>11.1f} {r.median_ms:>8.1f} {ratio:>8.2f}{' !' if ratio > 1.2 else '  '}"
            f" {s.queries:>5} → {r.queries}"
        )
    return "\n".join(lines)


def targets_for(env: dict[str, str]) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, "-m", "bench.targets"], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    data: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    if "error" in data:
        raise SystemExit(data["error"])
    return data


def login_all(base_url: str, targets: dict[str, Any], roles: set[str]) -> dict[str, requests.Session]:
    sessions = {}
    for rol in sorted(roles):
        session = requests.Session()
        client.prepare_session(session, base_url)
        try:
            client.login_with_retry(
                session, base_url, email=targets["users"][rol], secret=targets["secrets"][rol], timeout=60
            )
        except client.LoginError as error:
            print(f"  ! {error}")
            continue
        sessions[rol] = session
    return sessions


def run_datasets(datasets: list[tuple[str, dict[str, str]]], *, n: int, warmup: int) -> list[dict[str, Any]]:
    """Serve every data set at once (a gunicorn each) and measure them in the same rounds."""
    with contextlib.ExitStack() as stack:
        runs, samplers = [], []
        for label, env in datasets:
            targets = targets_for(env)
            base_url = stack.enter_context(server.serve(env))
            sessions = login_all(base_url, targets, {p.rol for p in PAGES})
            runs.append({"label": label, "schools": targets["schools"], "school": targets["school"]})
            samplers.append([Sampler(sessions.get(p.rol), base_url, p, targets) for p in PAGES])
        for run, results in zip(runs, measure(samplers, n=n, warmup=warmup), strict=True):
            run["results"] = with_ratios(results)
    for run in runs:
        print(f"\n== {run['label']}: {run['schools']} scholen; gemeten voor {run['school']} ==")
        print(format_table(run["results"]))
    return runs


def main() -> int:
    n = int(os.environ.get("BENCH_N", "30"))
    warmup = int(os.environ.get("BENCH_WARMUP", "3"))
    print(f"make bench: {n} verzoeken per pagina na {warmup} opwarmers; gunicorn, productie-instellingen")
    datasets = server.datasets(BOARD_SCHOOLS)
    runs = run_datasets(list(datasets), n=n, warmup=warmup)
    scaling = None
    if len(runs) == 2:
        print("\n== Schaal: schoolpagina's met 36 scholen tegen 1 school ==")
        scaling = format_scaling(runs[0]["results"], runs[1]["results"])
        print(scaling)
    else:
        print(
            "\nSchaalmeting ontbreekt: geen bestuursdata (seed_demo --scale board bestaat nog niet "
            "of BENCH_DATASETS=current); alleen de huidige database gemeten."
        )
    for run in runs:
        board = {r.key: r for r in run["results"]}
        if board["bestuur"].median_ms and board["dashboard"].median_ms:
            ratio = board["bestuur"].median_ms / board["dashboard"].median_ms
            print(f"{run['label']}: bestuursdashboard / schooldashboard = {ratio:.2f} (doel ≤ 2)")
    RESULTS.write_text(
        json.dumps(
            {
                "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "n": n,
                "warmup": warmup,
                "runs": [
                    {**{k: v for k, v in run.items() if k != "results"}, "pages": [asdict(r) for r in run["results"]]}
                    for run in runs
                ],
                "scaling": scaling,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"\nGeschreven: {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
