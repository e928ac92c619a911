"""The project's URLs plus gezinnen's, for tests that run before familieschool.urls includes
gezinnen.urls (and keep working after: the include is added only when it is missing)."""

from django.urls import include, path

from familieschool.urls import handler403, handler404
from familieschool.urls import urlpatterns as project_urlpatterns

__all__ = ["handler403", "handler404", "urlpatterns"]

urlpatterns = list(project_urlpatterns)
if not any(getattr(pattern, "namespace", None) == "gezinnen" for pattern in urlpatterns):
    urlpatterns.append(path("gezinnen/", include("gezinnen.urls")))
