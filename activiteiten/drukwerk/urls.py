"""Included under activiteiten/urls.py without an app_name, so the names are activiteiten:<name>."""

from django.urls import path

from activiteiten.drukwerk import views

urlpatterns = [
    path("bijeenkomsten/<int:pk>/presentielijst.pdf", views.presentielijst_pdf, name="presentielijst_pdf"),
    path("<int:pk>/presentielijsten.pdf", views.presentielijsten_pdf, name="presentielijsten_pdf"),
    path("boekje.pdf", views.boekje_pdf, name="boekje_pdf"),
    path("boekje/", views.boekje, name="boekje"),
]
