"""Logging hygiene: secrets in URLs (invitation and password-reset tokens) never reach a log."""

from __future__ import annotations

import logging
import re

_SECRET_PATHS = re.compile(r"(/uitnodiging/|/accounts/password/reset/key/|/accounts/confirm-email/)[^/\s\"']+")


def redact(text: str) -> str:
    return _SECRET_PATHS.sub(r"\1[verborgen]", text)


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
