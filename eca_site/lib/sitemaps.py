"""The base of every sitemap of the site: each page once per language, with its `hreflang`
alternates and an `x-default` (English, the unprefixed address)."""

from django.contrib.sitemaps import Sitemap


class LocalisedSitemap(Sitemap):
    i18n = True  # items are listed once per language of settings.LANGUAGES
    alternates = True
    x_default = True
    # A page of the sitemap lists `limit` (item, language) pairs, each with 16 alternates: 1,500
    # pairs (100 profiles in 15 languages) keep a page near 3 MB and fast to build.
    limit = 1500
