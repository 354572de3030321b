from news.models import BestPractice
from news.sitemaps import BestPracticeSitemap, NewsSitemap
from tests.factories import make_best_practice, make_news_item


def test_sitemaps_list_only_published_items(db):
    item = make_news_item()
    make_news_item(is_published=False)
    practice = make_best_practice()
    make_best_practice(status=BestPractice.Status.NEEDS_REVIEW)
    assert [i.get_absolute_url() for i in NewsSitemap().items()] == [item.get_absolute_url()]
    assert [p.get_absolute_url() for p in BestPracticeSitemap().items()] == [
        practice.get_absolute_url()
    ]
