"""Server time and query count per request, as response headers, for the benchmark only.

Inserted at the top of MIDDLEWARE when ``FAMILIESCHOOL_BENCH=1`` (familieschool/settings.py), so
it times the whole middleware stack and the view, but not gunicorn or the network. The figures
go into ``Server-Timing: app;dur=<ms>`` and ``X-Query-Count``; nothing is logged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

Handler = Callable[[HttpRequest], HttpResponse]


class QueryCounter:
    """A ``connection.execute_wrapper``: counts every statement sent to the database."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


class BenchMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = QueryCounter()
        started = time.perf_counter()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
        response["X-Query-Count"] = str(counter.count)
        return response
