"""The reasons the workflow writes in an opportunity's history are stored in English and shown
in the reader's language; a reviewer's comment is shown as written."""

from opportunities import services
from opportunities.models import HISTORY_REASONS, Opportunity, StatusStep


def test_every_status_reason_the_workflow_stores_has_a_translation():
    for status in Opportunity.Status:
        assert services._reason(status) in HISTORY_REASONS, status


def test_a_reviewers_comment_is_shown_as_written():
    step = StatusStep(None, None, Opportunity.Status.REJECTED, "Name the call, please.")
    assert step.comment_display == "Name the call, please."
    assert StatusStep(None, None, "published", "published").comment_display == "published"
