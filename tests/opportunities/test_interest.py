"""A manager of a published profile answers an opportunity; the poster's managers get it by
e-mail and on /my/ without the sender's address; the poster answers (addresses shared) or
declines. Refusals have clear messages; answers are rate-limited."""

import pytest
from django.urls import reverse

from opportunities.models import Follow, Interest
from tests.factories import make_draft, make_opportunity

pytestmark = pytest.mark.django_db
MESSAGE = "We run a robotics test lab and would like to join your proposal."


def _answer(client, opportunity, organisation, message=MESSAGE):
    return client.post(
        reverse("opportunities:interest", args=[opportunity.slug]),
        {"organisation": organisation.pk, "message": message},
        follow=True,
    )


def test_interest_reaches_the_poster_without_the_senders_address(
    other_manager_client, other_organisation, organisation, manager_user, outbox,
    other_manager_user, manager_client,
):  # fmt: skip
    opportunity = make_opportunity(organisation)
    r = _answer(other_manager_client, opportunity, other_organisation)
    assert "Sent to Alpha Cluster" in r.text
    interest = Interest.objects.get()
    assert interest.organisation == other_organisation
    assert [m.to for m in outbox] == [[manager_user.email]]
    body = outbox[0].body
    assert MESSAGE in body
    assert other_organisation.get_absolute_url() in body
    assert other_manager_user.email not in body
    assert Follow.objects.filter(opportunity=opportunity, user=other_manager_user).exists()
    dashboard = manager_client.get(reverse("my:dashboard")).text
    assert "Interest received (1)" in dashboard
    assert MESSAGE in dashboard
    assert other_manager_user.email not in dashboard


def test_poster_answers_and_both_addresses_are_shared(
    other_manager_client, other_organisation, organisation, manager_client, manager_user,
    other_manager_user, outbox,
):  # fmt: skip
    opportunity = make_opportunity(organisation)
    _answer(other_manager_client, opportunity, other_organisation)
    interest = Interest.objects.get()
    outbox.clear()
    r = manager_client.post(
        reverse("opportunities:interest_reply", args=[interest.pk]),
        {"status": "answered", "reply": "Welcome aboard, let's talk."},
    )
    assert r.status_code == 302
    interest.refresh_from_db()
    assert interest.status == Interest.Status.ANSWERED
    assert [m.to for m in outbox] == [[other_manager_user.email]]
    assert manager_user.email in outbox[0].body
    assert "Welcome aboard" in outbox[0].body
    assert other_manager_user.email in manager_client.get(reverse("my:dashboard")).text
    sender_view = other_manager_client.get(reverse("my:dashboard")).text
    assert manager_user.email in sender_view
    assert "Welcome aboard" in sender_view


def test_poster_declines_without_sharing_an_address(
    other_manager_client, other_organisation, organisation, manager_client, manager_user, outbox
):
    opportunity = make_opportunity(organisation)
    _answer(other_manager_client, opportunity, other_organisation)
    interest = Interest.objects.get()
    outbox.clear()
    manager_client.post(
        reverse("opportunities:interest_reply", args=[interest.pk]), {"status": "declined"}
    )
    interest.refresh_from_db()
    assert interest.status == Interest.Status.DECLINED
    assert manager_user.email not in outbox[0].body
    assert "declined" in outbox[0].subject


def test_answering_needs_a_reply_text(
    other_manager_client, other_organisation, organisation, manager_client
):
    opportunity = make_opportunity(organisation)
    _answer(other_manager_client, opportunity, other_organisation)
    interest = Interest.objects.get()
    r = manager_client.post(
        reverse("opportunities:interest_reply", args=[interest.pk]),
        {"status": "answered", "reply": " "},
        follow=True,
    )
    assert "Write your answer" in r.text
    interest.refresh_from_db()
    assert interest.status == Interest.Status.NEW


def test_only_the_posters_managers_can_reply(
    other_manager_client, other_organisation, organisation
):
    opportunity = make_opportunity(organisation)
    _answer(other_manager_client, opportunity, other_organisation)
    interest = Interest.objects.get()
    r = other_manager_client.post(
        reverse("opportunities:interest_reply", args=[interest.pk]), {"status": "declined"}
    )
    assert r.status_code == 404


def test_manager_of_no_published_profile_is_refused(
    other_manager_client, other_manager_user, organisation
):
    draft = make_draft(other_manager_user)
    opportunity = make_opportunity(organisation)
    page = other_manager_client.get(opportunity.get_absolute_url()).text
    assert "Only managers of a <strong>published</strong> organisation profile can answer." in page
    r = _answer(other_manager_client, opportunity, draft)
    assert "is not published yet" in r.text
    assert not Interest.objects.exists()


def test_own_opportunity_is_refused(manager_client, organisation):
    opportunity = make_opportunity(organisation)
    assert (
        "This is your organisation's opportunity"
        in manager_client.get(opportunity.get_absolute_url()).text
    )
    r = _answer(manager_client, opportunity, organisation)
    assert "This is your own organisation&#x27;s opportunity." in r.text
    assert not Interest.objects.exists()


def test_someone_elses_organisation_is_refused(other_manager_client, organisation):
    from tests.factories import make_organisation

    opportunity = make_opportunity(organisation)
    stranger = make_organisation()
    r = _answer(other_manager_client, opportunity, stranger)
    assert "You can only answer on behalf of an organisation you manage." in r.text


def test_expired_opportunity_is_refused(other_manager_client, other_organisation, organisation):
    import datetime

    from django.utils import timezone

    opportunity = make_opportunity(
        organisation, expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    r = _answer(other_manager_client, opportunity, other_organisation)
    assert "no longer open to answers" in r.text
    assert not Interest.objects.exists()


def test_second_answer_of_the_same_organisation_is_refused(
    other_manager_client, other_organisation, organisation
):
    opportunity = make_opportunity(organisation)
    _answer(other_manager_client, opportunity, other_organisation)
    r = _answer(other_manager_client, opportunity, other_organisation)
    assert "has already answered" in r.text
    assert Interest.objects.count() == 1


def test_short_message_re_renders_the_form_with_the_input(
    other_manager_client, other_organisation, organisation
):
    opportunity = make_opportunity(organisation)
    r = _answer(other_manager_client, opportunity, other_organisation, message="Hi there")
    assert r.status_code == 200
    assert "at least 20 characters" in r.text
    assert "Hi there" in r.text


def test_interests_are_rate_limited(other_manager_client, other_organisation, settings):
    opportunities = [make_opportunity() for _ in range(11)]
    for opportunity in opportunities[:10]:
        r = _answer(other_manager_client, opportunity, other_organisation)
        assert r.status_code == 200
    r = other_manager_client.post(
        reverse("opportunities:interest", args=[opportunities[10].slug]),
        {"organisation": other_organisation.pk, "message": MESSAGE},
    )
    assert r.status_code == 429
    assert Interest.objects.count() == 10


def test_anonymous_sees_a_log_in_link_and_cannot_post(anon, organisation):
    opportunity = make_opportunity(organisation)
    assert "Log in</a> as the manager" in anon.get(opportunity.get_absolute_url()).text
    r = anon.post(reverse("opportunities:interest", args=[opportunity.slug]), {"message": MESSAGE})
    assert r.status_code == 302
    assert not Interest.objects.exists()


def test_follow_and_unfollow(other_manager_client, other_manager_user, organisation):
    opportunity = make_opportunity(organisation)
    url = reverse("opportunities:follow", args=[opportunity.slug])
    r = other_manager_client.post(url, follow=True)
    assert "You follow" in r.text
    assert Follow.objects.filter(user=other_manager_user).count() == 1
    other_manager_client.post(url, {"action": "unfollow"})
    assert not Follow.objects.exists()


def test_followers_are_told_before_expiry_once(
    other_manager_user, organisation, manager_user, outbox
):
    import datetime

    from django.utils import timezone

    from opportunities import services
    from tests.client import committed

    opportunity = make_opportunity(
        organisation, expires_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    Follow.objects.create(opportunity=opportunity, user=other_manager_user)
    make_opportunity(organisation, expires_on=timezone.localdate() + datetime.timedelta(days=30))
    with committed():
        assert services.send_expiry_notices() == 1
    assert sorted(m.to[0] for m in outbox) == sorted([other_manager_user.email, manager_user.email])
    with committed():
        assert services.send_expiry_notices() == 0


def test_re_rendered_form_offers_only_the_users_organisations(
    other_manager_client, other_organisation, organisation
):
    opportunity = make_opportunity(organisation)
    r = _answer(other_manager_client, opportunity, other_organisation, message="short")
    choices = list(r.context["interest_form"].fields["organisation"].queryset)
    assert choices == [other_organisation]


def test_the_daily_command_sends_the_expiry_notices(organisation, manager_user, outbox):
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    make_opportunity(organisation, expires_on=timezone.localdate() + datetime.timedelta(days=2))
    out = io.StringIO()
    call_command("send_opportunity_notices", stdout=out)
    from tests.client import run_commit_hooks

    run_commit_hooks()
    assert "Expiry notices sent for 1 opportunities." in out.getvalue()
    assert [m.to for m in outbox] == [[manager_user.email]]
    assert "expires on" in outbox[0].subject
