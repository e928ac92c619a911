"""The Celery app. Periodic jobs are defined here in code (one beat process, no database
scheduler), so what runs when is reviewed like any other change."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familieschool.settings")

app = Celery("familieschool")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["activiteiten.ouders"])  # the reminder outbox of parent activities

# Task conventions (STYLE.md): tasks are named task_*, take ids as keyword arguments, fetch the
# object, return early when it is gone, call one service and own their retries.
app.conf.beat_schedule = {
    "verwijder-verlopen-sessies": {
        "task": "familieschool.tasks.task_clear_expired_sessions",
        "schedule": crontab(minute=17, hour=3),
    },
    "verloop-accountuitnodigingen": {
        "task": "familieschool.tasks.task_expire_accountuitnodigingen",
        "schedule": crontab(minute=23, hour=3),
    },
    # Retention: pupils, families and guardians who left longer ago than the period (gezinnen.privacy).
    "anonimiseer-vertrokken-leerlingen": {
        "task": "gezinnen.privacy_tasks.task_anonimiseer_vertrokken",
        "schedule": crontab(minute=41, hour=2),
    },
    # Each handler gets one e-mail a day with the number of their overdue signals.
    # The reminder outbox: claim what is due (SKIP LOCKED, a lease, an advisory lock) and send it.
    "verstuur-herinneringen": {
        "task": "activiteiten.ouders.tasks.task_sweep_herinneringen",
        "schedule": 60.0,
    },
    # Subsidies: the owner of a deadline gets a reminder N days before it; a fund application
    # that is a year old is due for renewal (one mail per maker).
    "herinner-deadlines": {
        "task": "subsidies.deadlines.task_deadline_herinneringen",
        "schedule": crontab(minute=30, hour=7),
    },
    "herinner-verlengingen-fondsaanvragen": {
        "task": "subsidies.tasks.task_verlengingen_herinneren",
        "schedule": crontab(minute=35, hour=7),
    },
    # The handler e-mails whose task never reached the broker (Redis down at the commit).
    "mail-behandelaars-inhalen": {
        "task": "gezinnen.signalen.tasks.task_mail_behandelaars_inhalen",
        "schedule": 300.0,
    },
    "mail-te-late-signalen": {
        "task": "gezinnen.signalen.tasks.task_mail_te_late_signalen",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon-fri"),
    },
}
