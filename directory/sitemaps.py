from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Organisation


class PagesSitemap(Sitemap):
    """The site's fixed pages: home and the directory list."""

    changefreq = "daily"

    def items(self):
        return ["home", "directory:list"]

    def location(self, item):
        return reverse(item)


class OrganisationSitemap(Sitemap):
    """Every published profile, with the time it last changed."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Organisation.objects.published().only("slug", "updated").order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated
