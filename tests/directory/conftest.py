import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Facet counts are cached: every test starts cold."""
    cache.clear()
    yield
    cache.clear()
