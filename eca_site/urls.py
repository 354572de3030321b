from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from directory.sitemaps import OrganisationSitemap, PagesSitemap
from events.sitemaps import EventSitemap
from news.sitemaps import BestPracticeSitemap, NewsSitemap
from opportunities.sitemaps import sitemaps as opportunity_sitemaps

from . import views
from .sitemaps import ListPagesSitemap, SitePageSitemap

sitemaps = {
    "pages": PagesSitemap,
    "organisations": OrganisationSitemap,
    "events": EventSitemap,
    "news": NewsSitemap,
    "best-practices": BestPracticeSitemap,
    **opportunity_sitemaps,
    "site-pages": SitePageSitemap,
    "lists": ListPagesSitemap,
}

# Files for machines, the admin (in the staff member's language: cookie or Accept-Language) and
# the language switcher keep one address; every page a visitor reads has one per language:
# /directory/ in English (unprefixed, so every existing address keeps working), /de/directory/…
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("language/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("directory/", include("directory.urls")),
    path("events/", include("events.urls")),
    path("accounts/", include("accounts.urls")),
    path("my/", include("accounts.my_urls")),
    path("search/", views.search, name="search"),
    path("subscriptions/", include("subscriptions.urls")),
    # Pages staff keep in the admin (SitePage); their addresses are fixed here.
    path("terms/", views.site_page, {"url": "/terms/"}, name="terms"),
    path("privacy/", views.site_page, {"url": "/privacy/"}, name="privacy"),
    path("about/", views.site_page, {"url": "/about/"}, name="about"),
    path("contact/", views.site_page, {"url": "/contact/"}, name="contact"),
    path("", include("news.urls")),
    path("", include("opportunities.urls")),
    prefix_default_language=False,
)

handler500 = "eca_site.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
