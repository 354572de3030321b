"""RSS 2.0 and Atom 1.0 feeds of published news and best practices."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eca_site.lib.feeds import tag_uri
from eca_site.lib.sanitize import text_as_html

from .models import BestPractice, NewsItem

FEED_SIZE = 20


class NewsFeed(Feed):
    link = reverse_lazy("news:list")
    description = _(
        "The latest news of the European Clusters Alliance and its cluster organisations."
    )

    def title(self):
        return gettext("News · %(site_name)s") % {"site_name": settings.SITE_NAME}

    def items(self):
        return NewsItem.objects.published().for_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return text_as_html(item.summary)  # plain text: escaped, never read as HTML

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.organisation.name if item.organisation else "European Clusters Alliance"

    def item_guid(self, item):
        return tag_uri("news-item", item)

    item_guid_is_permalink = False


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class BestPracticeFeed(Feed):
    link = reverse_lazy("news:best_practices")
    description = _("Best practices that cluster organisations share, reviewed by ECA staff.")

    def title(self):
        return gettext("Best practices · %(site_name)s") % {"site_name": settings.SITE_NAME}

    def items(self):
        return BestPractice.objects.published().select_related("organisation")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return text_as_html(item.summary)  # plain text: escaped, never read as HTML

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.organisation.name

    def item_guid(self, item):
        return tag_uri("best-practice", item)

    item_guid_is_permalink = False


class BestPracticeAtomFeed(BestPracticeFeed):
    feed_type = Atom1Feed
    subtitle = BestPracticeFeed.description
