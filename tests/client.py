"""The test client the personas and `client` fixture use, and `committed()`.

A test runs inside one transaction that is rolled back at its end, so nothing ever commits
and `transaction.on_commit()` callbacks (e-mail, the content version) would never run. Both
helpers below do what a commit does at the point where the real site commits: after each
request, and at the end of a `with committed():` block in a test.
"""

import logging
from contextlib import contextmanager

from django import test
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)


def run_commit_hooks(using=DEFAULT_DB_ALIAS):
    """What a commit does: run the on-commit callbacks waiting so far, then forget them
    (callbacks they register run too)."""
    connection = connections[using]
    while connection.run_on_commit:
        pending, connection.run_on_commit = connection.run_on_commit, []
        for _sids, func, robust in pending:
            if not robust:
                func()
                continue
            try:
                func()
            except Exception:
                logger.exception("Error calling %s on commit.", func)


@contextmanager
def committed():
    """Treat the end of the block as a commit:

    with committed():
        services.publish(best_practice, staff_user)
    """
    yield
    run_commit_hooks()


class Client(test.Client):
    """The test client; the end of each request is a commit (see the module docstring)."""

    def request(self, **request):
        response = super().request(**request)
        run_commit_hooks()
        return response
