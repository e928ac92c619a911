"""docker-compose.yml and the Dockerfile agree with what the settings need.

No database and no Docker engine: the compose file is read as YAML, the settings module is read
with ``ast`` (importing it would need the production variables), and ``docker-compose config -q``
(Debian's v1, installed by CI through apt) validates the file when it is available.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
SETTINGS_FILE = ROOT / "familieschool" / "settings.py"
URLS_FILE = ROOT / "familieschool" / "urls.py"
# Modules besides the settings that read the environment of the web, worker and beat processes.
ENV_READING_FILES = [SETTINGS_FILE, ROOT / "familieschool" / "celery.py", ROOT / "familieschool" / "wsgi.py"]

APP_SERVICES = ("web", "worker", "beat")
ALL_SERVICES = ("postgres", "redis", *APP_SERVICES)
# Variables the app does not read itself but that the Python runtime does.
ENV_ALLOW_LIST = frozenset({"PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "DJANGO_SETTINGS_MODULE"})

# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, $NAME and $$.
_INTERPOLATION = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?])?(?P<arg>[^}]*)\}"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


# --- helpers -----------------------------------------------------------------------------------


def load_compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def services() -> dict:
    return load_compose()["services"]


def environment(service: dict) -> dict[str, str]:
    """A service's environment as a mapping, whether written as a mapping or as a list."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {name: "" if value is None else str(value) for name, value in env.items()}


def command(service: dict) -> str:
    cmd = service.get("command") or ""
    return " ".join(cmd) if isinstance(cmd, list) else str(cmd)


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose-style interpolation; a missing mandatory variable raises KeyError."""

    def replace(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        name = match["braced"] or match["plain"]
        op, arg = match["op"] or "", match["arg"] or ""
        current = variables.get(name)
        unset_or_empty = current is None or (current == "" and op.startswith(":"))
        if op.endswith("-") and unset_or_empty:
            return arg
        if op.endswith("?") and unset_or_empty:
            raise KeyError(f"{name}: {arg}")
        return current or ""

    return _INTERPOLATION.sub(replace, value)


def mandatory_variables() -> set[str]:
    """Variables the compose file refuses to run without (``${NAME:?...}``)."""
    return set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*):?\?", COMPOSE_FILE.read_text(encoding="utf-8")))


def sample_variables() -> dict[str, str]:
    return {name: f"sample-{name.lower()}" for name in mandatory_variables()}


def settings_tree() -> ast.Module:
    return ast.parse(SETTINGS_FILE.read_text(encoding="utf-8"))


def required_in_production() -> tuple[str, ...]:
    for node in ast.walk(settings_tree()):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "_REQUIRED_IN_PRODUCTION" for t in targets):
                value = ast.literal_eval(node.value)
                assert isinstance(value, tuple | list) and value, "_REQUIRED_IN_PRODUCTION is empty"
                return tuple(value)
    raise AssertionError("familieschool/settings.py has no _REQUIRED_IN_PRODUCTION")


def _is_os_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and isinstance(node.value, ast.Name)


def env_names_read(path: Path) -> set[str]:
    """Names read through env()/env_bool(), os.environ.get/[]/setdefault and os.getenv."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        first: ast.AST | None = None
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            if isinstance(func, ast.Name) and func.id in {"env", "env_bool", "getenv"}:
                first = node.args[0]
            elif isinstance(func, ast.Attribute) and func.attr in {"get", "setdefault", "pop"}:
                if _is_os_environ(func.value):
                    first = node.args[0]
            elif isinstance(func, ast.Attribute) and func.attr == "getenv":
                first = node.args[0]
        elif isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            first = node.slice
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
    return names


def app_env_names() -> set[str]:
    names = set(required_in_production())  # read in a loop: env(name) for name in the tuple
    for path in ENV_READING_FILES:
        names |= env_names_read(path)
    return names


def is_off(value: str) -> bool:
    return value.strip().lower() in {"", "0", "false", "no", "off"}


# --- (a) services --------------------------------------------------------------------------------


def test_all_services_present():
    assert set(ALL_SERVICES) <= set(services()), f"missing: {set(ALL_SERVICES) - set(services())}"


def test_app_services_build_this_project():
    for name in APP_SERVICES:
        build = services()[name].get("build")
        context = build.get("context", ".") if isinstance(build, dict) else build
        assert context in {".", "./"}, f"{name} must be built from this directory (build: .)"


# --- (b) commands --------------------------------------------------------------------------------


def test_web_migrates_then_serves_with_gunicorn():
    cmd = command(services()["web"])
    assert "manage.py migrate" in cmd and "--noinput" in cmd
    assert re.search(r"\bgunicorn\b.*\bfamilieschool\.wsgi\b", cmd), cmd
    assert cmd.index("migrate") < cmd.index("gunicorn"), "migrations must run before gunicorn starts"
    assert "8000" in cmd


def test_worker_and_beat_use_the_familieschool_app():
    for name, role in (("worker", "worker"), ("beat", "beat")):
        cmd = command(services()[name])
        assert re.search(r"\bcelery\b", cmd), cmd
        assert "-A familieschool" in cmd or "--app familieschool" in cmd or "--app=familieschool" in cmd, cmd
        assert re.search(rf"\b{role}\b", cmd), cmd


def test_exactly_one_beat():
    beats = [
        name
        for name, service in services().items()
        if re.search(r"\bcelery\b.*\bbeat\b", command(service)) or re.search(r"\s(-B|--beat)\b", command(service))
    ]
    assert beats == ["beat"], f"exactly one process may run celery beat, found: {beats}"
    beat = services()["beat"]
    replicas = (beat.get("deploy") or {}).get("replicas", 1)
    assert replicas == 1 and beat.get("scale", 1) == 1, "the beat service must never be scaled"


# --- (c) production variables ----------------------------------------------------------------


def test_required_production_variables_set_for_every_app_service():
    required = required_in_production()
    for name in APP_SERVICES:
        env = environment(services()[name])
        missing = [var for var in required if not env.get(var)]
        assert not missing, f"{name} lacks {missing}"


def test_debug_is_off_everywhere():
    for name in APP_SERVICES:
        env = environment(services()[name])
        assert "DJANGO_DEBUG" in env, f"{name} must say DJANGO_DEBUG=0 explicitly"
        assert is_off(interpolate(env["DJANGO_DEBUG"], {})), f"{name} runs with DJANGO_DEBUG={env['DJANGO_DEBUG']!r}"


def test_secret_key_is_mandatory_not_defaulted():
    for name in APP_SERVICES:
        value = environment(services()[name])["DJANGO_SECRET_KEY"]
        assert re.fullmatch(r"\$\{DJANGO_SECRET_KEY:?\?[^}]*\}", value), (
            f"{name}: DJANGO_SECRET_KEY must come from the environment with ${{DJANGO_SECRET_KEY:?...}}"
        )


def test_missing_mandatory_variable_is_an_error():
    variables = sample_variables()
    del variables["DJANGO_SECRET_KEY"]
    with pytest.raises(KeyError):
        interpolate(environment(services()["web"])["DJANGO_SECRET_KEY"], variables)


# --- (d) service URLs ------------------------------------------------------------------------


def test_database_and_redis_urls_point_at_the_compose_services():
    compose_services = services()
    postgres_env = {k: interpolate(v, sample_variables()) for k, v in environment(compose_services["postgres"]).items()}
    for name in APP_SERVICES:
        env = {k: interpolate(v, sample_variables()) for k, v in environment(compose_services[name]).items()}
        db = urlsplit(env["DATABASE_URL"])
        assert db.scheme in {"postgres", "postgresql"}, env["DATABASE_URL"]
        assert db.hostname == "postgres" and db.hostname in compose_services
        assert db.port in {None, 5432}
        assert db.username == postgres_env.get("POSTGRES_USER", "postgres")
        assert db.password == postgres_env["POSTGRES_PASSWORD"]
        assert db.path.lstrip("/") == postgres_env.get("POSTGRES_DB", db.username)
        redis = urlsplit(env["REDIS_URL"])
        assert redis.scheme == "redis" and redis.hostname == "redis" and redis.hostname in compose_services
        assert redis.port in {None, 6379}


def test_app_services_wait_for_healthy_database_and_redis():
    for name in APP_SERVICES:
        depends_on = services()[name].get("depends_on") or {}
        assert isinstance(depends_on, dict), f"{name}: use the long depends_on form with conditions"
        assert depends_on.get("redis", {}).get("condition") == "service_healthy", name
        if name == "web":
            assert depends_on.get("postgres", {}).get("condition") == "service_healthy", name
        else:  # waits for web, which is healthy only after the migrations ran
            assert "postgres" in depends_on or depends_on.get("web", {}).get("condition") == "service_healthy", name


# --- (e) no variables the app does not read ---------------------------------------------------


def test_settings_reader_finds_the_known_variables():
    names = app_env_names()
    assert {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_STATIC_ROOT"} <= names


def test_compose_sets_only_variables_the_app_reads():
    known = app_env_names() | ENV_ALLOW_LIST
    for name, service in services().items():
        env = environment(service)
        if name == "postgres":
            unknown = {var for var in env if not var.startswith("POSTGRES_")}
        else:
            unknown = set(env) - known
        assert not unknown, f"{name} sets variables nothing reads (typo?): {sorted(unknown)}"


def test_dockerfile_sets_only_variables_the_app_reads():
    known = app_env_names() | ENV_ALLOW_LIST | {"PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK"}
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    names: set[str] = set()
    for line in text.splitlines():
        if line.strip().upper().startswith("ENV "):
            names |= set(re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=", line))
    assert names, "the Dockerfile sets no ENV"
    assert not names - known, f"Dockerfile ENV nothing reads (typo?): {sorted(names - known)}"


# --- (f) healthcheck -------------------------------------------------------------------------


def web_healthcheck_url() -> str:
    test = services()["web"].get("healthcheck", {}).get("test")
    assert test, "web needs a healthcheck"
    text = " ".join(test) if isinstance(test, list) else str(test)
    match = re.search(r"https?://[^\s'\"]+", text)
    assert match, f"no URL in the web healthcheck: {text}"
    return match.group(0)


def test_web_healthcheck_targets_a_url_of_the_project():
    url = urlsplit(web_healthcheck_url())
    assert url.port == 8000
    route = url.path.lstrip("/")
    routes = {
        node.args[0].value
        for node in ast.walk(ast.parse(URLS_FILE.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "path"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert route in routes, f"{url.path} is not a path() in familieschool/urls.py"


def test_web_healthcheck_script_is_in_the_image():
    test = services()["web"]["healthcheck"]["test"]
    scripts = [part for part in test if isinstance(part, str) and part.startswith("/app/") and part.endswith(".py")]
    for script in scripts:
        assert (ROOT / script.removeprefix("/app/")).is_file(), f"{script} does not exist in the project"


def test_web_healthcheck_path_resolves():
    from django.conf import settings

    if not settings.configured:
        pytest.skip("Django settings are not configured (run with pytest-django)")
    from django.urls import resolve

    assert resolve(urlsplit(web_healthcheck_url()).path).url_name == "health"


# --- (g) Dockerfile --------------------------------------------------------------------------


def test_dockerfile_collects_static_and_drops_root():
    assert DOCKERFILE.is_file()
    text = DOCKERFILE.read_text(encoding="utf-8")
    instructions = [line.strip() for line in text.replace("\\\n", " ").splitlines() if line.strip()]
    instructions = [line for line in instructions if not line.startswith("#")]
    assert re.search(r"^FROM python:3\.11-slim", text, re.MULTILINE)
    assert any(line.startswith("ENV ") and "DJANGO_STATIC_ROOT=" in line for line in instructions)
    assert any(line.startswith("RUN ") and "collectstatic" in line for line in instructions)
    users = [line.split(None, 1)[1].strip() for line in instructions if line.startswith("USER ")]
    assert users, "the image must not run as root (no USER line)"
    assert users[-1].split(":")[0] not in {"root", "0"}, f"the last USER is {users[-1]}"


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()}
    assert {".env", ".venv", ".data", ".git"} <= ignored


# --- (h) docker-compose config ---------------------------------------------------------------


def docker_compose(tmp_path: Path, variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("docker-compose")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("docker-compose is not installed; CI installs it with `apt-get install docker-compose`")
        pytest.skip("docker-compose (v1) is not installed")
    env_file = tmp_path / "empty.env"  # a local .env must not change the outcome
    env_file.write_text("")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), **variables}
    return subprocess.run(  # noqa: S603 - fixed arguments, binary found on PATH
        [binary, "-f", str(COMPOSE_FILE), "--env-file", str(env_file), "config", "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_docker_compose_config_is_valid(tmp_path):
    result = docker_compose(tmp_path, sample_variables())
    assert result.returncode == 0, result.stderr + result.stdout


def test_docker_compose_config_refuses_missing_secret_key(tmp_path):
    variables = sample_variables()
    del variables["DJANGO_SECRET_KEY"]
    result = docker_compose(tmp_path, variables)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr + result.stdout
