"""The pages parents open without an account (RSVP by a signed link). Included under
activiteiten/urls.py at "antwoord/"; names are activiteiten:<name>."""

from django.urls import URLPattern, path

from activiteiten.ouders import views_publiek

urlpatterns: list[URLPattern] = [
    path("<str:sleutel>/", views_publiek.antwoord, name="antwoord"),
]
