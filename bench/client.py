"""A logged-in HTTP client for the benchmark, the load test and the drills.

Production settings mark the session and CSRF cookies ``Secure`` (``__Host-`` names). Behind the
TLS proxy the app sees ``X-Forwarded-Proto: https``; on loopback there is no TLS, so the client
sends that header itself, says its origin is ``https://<host>`` (the CSRF check compares them) and
keeps sending the Secure cookies over plain http.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
from http.cookiejar import Cookie
from typing import Any

import requests
from requests.cookies import RequestsCookieJar

DEMO_PASSWORD = "Familieschool-demo-2026"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238, 6 digits, 30 s: what an authenticator app shows for ``secret``."""
    key = base64.b32decode(secret)
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class LoginError(RuntimeError):
    pass


class PlainHttpCookieJar(RequestsCookieJar):
    """Keeps Secure cookies but sends them over http as well (loopback, see the module
    docstring); requests copies the jar per request, so a cookie policy would not survive."""

    def set_cookie(self, cookie: Cookie, *args: Any, **kwargs: Any) -> None:
        cookie.secure = False
        super().set_cookie(cookie, *args, **kwargs)


def prepare_session(session: requests.Session, base_url: str) -> None:
    """Headers and cookie policy of a browser behind the TLS proxy (see the module docstring)."""
    origin = "https://" + base_url.split("://", 1)[1].rstrip("/")
    session.cookies = PlainHttpCookieJar()
    session.headers.update({"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"})


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if not match:
        raise LoginError("geen CSRF-token in het formulier")
    return match.group(1)


def login(session: requests.Session, base_url: str, *, email: str, secret: str, **kwargs: Any) -> None:
    """Password, then the TOTP step (allauth + MFA), as a person would."""
    base_url = base_url.rstrip("/")
    page = session.get(f"{base_url}/accounts/login/", **kwargs)
    response = session.post(
        f"{base_url}/accounts/login/",
        data={"login": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf_token(page.text)},
        **kwargs,
    )
    if "/accounts/2fa/authenticate/" in response.url:
        response = session.post(
            response.url,
            data={"code": totp(secret), "csrfmiddlewaretoken": csrf_token(response.text)},
            **kwargs,
        )
    if response.status_code != 200 or "/accounts/" in response.url:
        raise LoginError(f"inloggen als {email} mislukt ({response.status_code} {response.url})")


def login_with_retry(session: requests.Session, base_url: str, *, email: str, secret: str, **kwargs: Any) -> None:
    """allauth refuses a TOTP code that was used before; a second login of the same user within
    the same 30 s window (another data set, the load test) waits for the next code."""
    try:
        login(session, base_url, email=email, secret=secret, **kwargs)
    except LoginError:
        time.sleep(30 - time.time() % 30 + 1)
        session.cookies.clear()
        login(session, base_url, email=email, secret=secret, **kwargs)
