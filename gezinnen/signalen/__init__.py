"""Signals: logging a worry in seconds, routing it to a handler, following it up until closed."""
