"""`make bench`: server time and query count of the key pages, as ratios to a baseline page.

Serves the app with gunicorn and production settings on loopback (``bench.server``), logs in as
the demo users and requests every page N times (after a warm-up). Server time is read from the
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

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

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


PAGES = (
    Page("baseline", "Basispagina (/gezond/, ingelogd)", "coordinator", "/gezond/", target="baseline"),
    Page("start", "Startpagina coördinator", "coordinator", "/"),
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


def measure_page(
    session: requests.Session, base_url: str, page: Page, targets: dict[str, Any], *, n: int, warmup: int
) -> Measurement:
    result = Measurement(page.key, page.label, target=TARGET_RATIO[page.target])
    if page.path.count("{"):
        missing = [k for k in ("gezin", "bijeenkomst", "toekenning") if "{" + k + "}" in page.path and not targets[k]]
        if missing:
            result.status = f"ontbreekt (geen {', '.join(missing)} in de data)"
            return result
    url = base_url + page.path.format(**targets)
    headers = {"HX-Request": "true"} if page.htmx else {}
    queries: list[int] = []
    for i in range(warmup + n):
        if page.method == "POST":
            data = {
                "leerling": targets["leerling"],
                **targets["signaal"],
                "omschrijving": "Benchmark: signaal uit make bench.",
                "csrfmiddlewaretoken": session.cookies.get(server.CSRF_COOKIE, ""),
            }
            response = session.post(url, data=data, headers=headers, allow_redirects=False, timeout=60)
        else:
            response = session.get(url, headers=headers, allow_redirects=False, timeout=60)
        if response.status_code == 404 and i == 0:
            result.status = "ontbreekt (404)"
            return result
        if response.status_code != page.status:
            result.status = f"fout: {response.status_code} {response.headers.get('Location', '')}".strip()
            return result
        if i < warmup:
            continue
        timing = response.headers.get("Server-Timing", "")
        if "dur=" not in timing:
            result.status = "fout: geen Server-Timing (FAMILIESCHOOL_BENCH staat niet aan?)"
            return result
        result.samples_ms.append(float(timing.split("dur=")[1].split(",")[0]))
        queries.append(int(response.headers["X-Query-Count"]))
    result.n = n
    result.median_ms = statistics.median(result.samples_ms)
    result.p95_ms = percentile(result.samples_ms, 95)
    result.queries = int(statistics.median(queries))
    result.queries_min, result.queries_max = min(queries), max(queries)
    return result


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


def run_dataset(label: str, env: dict[str, str], *, n: int, warmup: int) -> dict[str, Any]:
    targets = targets_for(env)
    print(f"\n== {label}: {targets['schools']} scholen; gemeten voor {targets['school']} ==")
    with server.serve(env) as base_url:
        sessions = login_all(base_url, targets, {p.rol for p in PAGES})
        results = []
        for page in PAGES:
            session = sessions.get(page.rol)
            if session is None:
                results.append(Measurement(page.key, page.label, status=f"fout: inloggen als {page.rol} mislukt"))
                continue
            results.append(measure_page(session, base_url, page, targets, n=n, warmup=warmup))
    with_ratios(results)
    print(format_table(results))
    return {"label": label, "schools": targets["schools"], "school": targets["school"], "results": results}


def main() -> int:
    n = int(os.environ.get("BENCH_N", "30"))
    warmup = int(os.environ.get("BENCH_WARMUP", "3"))
    print(f"make bench: {n} verzoeken per pagina na {warmup} opwarmers; gunicorn, productie-instellingen")
    datasets = server.datasets(BOARD_SCHOOLS)
    runs = [run_dataset(label, env, n=n, warmup=warmup) for label, env in datasets]
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
