from django.urls import reverse

from eca_site.lib.sitemaps import LocalisedSitemap

from .models import Organisation


class PagesSitemap(LocalisedSitemap):
    """The site's fixed pages: home and the directory list."""

    changefreq = "daily"

    def items(self):
        return ["home", "directory:list"]

    def location(self, item):
        return reverse(item)


class OrganisationSitemap(LocalisedSitemap):
    """Every published profile, with the time it last changed."""

    changefreq = "weekly"

    def items(self):
        return Organisation.objects.published().only("slug", "updated").order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated
