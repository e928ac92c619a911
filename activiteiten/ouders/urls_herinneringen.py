"""Pages about the reminder outbox (status per activity). Included under activiteiten/urls.py at
"ouders/"; names are activiteiten:<name>."""

from django.urls import URLPattern, path

from activiteiten.ouders import views_herinneringen

urlpatterns: list[URLPattern] = [
    path("<int:pk>/herinneringen/", views_herinneringen.herinneringen_overzicht, name="herinneringen_overzicht"),
]
