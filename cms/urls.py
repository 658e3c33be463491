from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views

urlpatterns = [
    path(
        "cuenta/ingresar/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("cuenta/salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("cuenta/clave/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "cuenta/clave/lista/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("cuenta/", include("reinsercion.second_factor.urls")),
    path("equipo/", include("reinsercion.urls")),
    path("equipo/", include("familias.urls")),
    path("equipo/", include("contratos.urls")),
    path("equipo/", include("red.urls")),
    path("equipo/", include("cupos.urls")),
    path("red/", include("red.portal_urls")),
    path("red/cupos/", include("cupos.portal_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documentos/", include(wagtaildocs_urls)),
    path("buscar/", cms_views.search, name="search"),
    path("favicon.ico", cms_views.FaviconView.as_view(), name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
