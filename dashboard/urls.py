from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.school_dashboard, name="school"),
    path("pdf/", views.school_dashboard_pdf, name="school_pdf"),
    path("bestuur/", views.bestuur_dashboard, name="bestuur"),
    path("bestuur/scholen/<int:pk>/", views.bestuur_school, name="bestuur_school"),
]
