"""Included under activiteiten/urls.py without an app_name, so the names are activiteiten:<name>."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
