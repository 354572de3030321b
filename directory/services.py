"""The one write path of a profile: saving it, deriving what follows from it, publishing it.

- `save_profile()` saves a profile's own facts with who and why in its history, then
  `refresh_profiles()`.
- `refresh_profiles()` derives completeness and the search index of any number of profiles
  from what is stored, in a fixed number of queries. Whoever changes a profile's facts,
  related rows (contacts, members, terms, languages, social links, tags) or many profiles at
  once (imports, demo data) calls it once afterwards: there are no derivation signals.
- `submit_for_review()`, `publish()`, `request_changes()` and `withdraw()` are the only ways
  its `status` changes; each checks where the profile stands under a row lock, writes the
  history row with the reason, and sends its e-mail once the change is committed.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from taggit.models import TaggedItem

from eca_site.lib import content_version
from eca_site.lib.languages import in_sentence
from eca_site.lib.mail import absolute_url, send_after_commit, staff_recipients

from . import search as search_engine
from .models import (
    SEARCH_TEXT_FIELDS,
    Contact,
    Membership,
    Organisation,
    SocialLink,
    Term,
    sort_key,
    split_aliases,
)

Status = Organisation.Status
BATCH = 1000


class TransitionError(Exception):
    """The profile is not in a status the requested step can start from."""


# ----- saving and deriving -----------------------------------------------------------------
def save_profile(organisation, *, fields=None, by=None, reason=""):
    """Save `organisation` (only `fields` when given) with `by` and `reason` in its history,
    then refresh what is derived from it."""
    if by is not None:
        organisation._history_user = by
    if reason:
        organisation._change_reason = reason
    if fields is not None:
        fields = {*fields, "updated"}
    organisation.save(update_fields=fields)
    refresh_profiles([organisation.pk])
    return organisation


def _related_facts(pks):
    """({pk: completeness facts of related rows}, {pk: term names}, {pk: tag names})."""
    links = (
        Organisation.terms.through.objects.filter(organisation_id__in=pks)
        .order_by("term__vocabulary", "term__position", "term__name")
        .values_list(
            "organisation_id", "term__vocabulary", "term__name", "term__parent__name",
            "term__aliases",
        )
    )  # fmt: skip
    vocabularies, term_names = defaultdict(set), defaultdict(list)
    for pk, vocabulary, name, parent_name, aliases in links:
        vocabularies[pk].add(vocabulary)
        if parent_name:
            term_names[pk].append(parent_name)
        term_names[pk].append(name)
        term_names[pk] += split_aliases(aliases)  # found by every name of the term
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation), object_id__in=pks
    ).values_list("object_id", "tag__name")
    tag_names = defaultdict(list)
    for pk, name in tagged.order_by("tag__name"):
        tag_names[pk].append(name)
    return vocabularies, term_names, tag_names


def refresh_profiles(pks):
    """Recompute completeness and the search index of the organisations `pks`.

    Five queries per thousand profiles (four on SQLite): the profiles with what their related
    rows hold, their terms, their tags, the update, and the search vectors (PostgreSQL). The
    derived fields are not profile facts: no history row is written.
    """
    pks = list(pks)
    for start in range(0, len(pks), BATCH):
        _refresh_batch(pks[start : start + BATCH])
    if pks:
        content_version.changed()


def _refresh_batch(pks):
    languages = Organisation.languages.through.objects.filter(organisation_id=OuterRef("pk"))
    rows = list(
        Organisation.objects.filter(pk__in=pks)
        .defer("about_html", "membership_info", "membership_info_html", "search_vector")
        .annotate(
            has_contacts=Exists(Contact.objects.filter(organisation_id=OuterRef("pk"))),
            has_languages=Exists(languages),
            has_social_links=Exists(SocialLink.objects.filter(organisation_id=OuterRef("pk"))),
            has_members=Exists(Membership.objects.filter(network_id=OuterRef("pk"))),
        )
    )
    vocabularies, term_names, tag_names = _related_facts(pks)
    term_translations = search_engine.translated_term_names(
        name for names in term_names.values() for name in names
    )
    for row in rows:
        related = {
            "vocabularies": vocabularies[row.pk],
            "contacts": row.has_contacts,
            "languages": row.has_languages,
            "social_links": row.has_social_links,
            "members": row.has_members,
        }
        row.completeness = row.compute_completeness(related)
        row.sort_name = sort_key(row.name)  # also set by save(); bulk_create skips save()
        texts = search_engine.search_fields(
            row, term_names[row.pk], tag_names[row.pk], term_translations
        )
        for name, value in texts.items():
            setattr(row, name, value)
    Organisation.objects.bulk_update(rows, ["completeness", "sort_name", *SEARCH_TEXT_FIELDS])
    Organisation.objects.filter(pk__in=pks).update_search_vectors()


# ----- taxonomy ----------------------------------------------------------------------------
def merge_term(duplicate, term):
    """Fold the term `duplicate` into `term`: whatever was linked to it (profiles, and the
    other apps' events, news, opportunities, subscriptions ...) is linked to `term`, whose
    aliases get the duplicate's name, and the duplicate is deleted. Returns the pks of the
    profiles it touched, re-derived (they are found by the alias still)."""
    with transaction.atomic():
        for relation in Term._meta.related_objects:
            if relation.many_to_many:
                accessor = relation.get_accessor_name()
                getattr(term, accessor).add(*getattr(duplicate, accessor).all())
            else:  # a foreign key to a term (a sub-area's parent ...)
                name = relation.field.name
                relation.related_model._base_manager.filter(**{name: duplicate}).update(
                    **{name: term}
                )
        pks = list(duplicate.organisations.values_list("pk", flat=True))
        if duplicate.name not in term.alias_list:
            term.aliases = "; ".join([*term.alias_list, duplicate.name])
            term.save(update_fields=["aliases"])
        duplicate.delete()
        refresh_profiles(pks)
    return pks


# ----- members of a network ---------------------------------------------------------------
def set_member(network, member, *, listed, by=None):
    """List `member` among the members of the network `network` (`listed=True`) or stop
    listing it; True when that changed something (a double click changes nothing).

    The one write path of a network's member list outside the admin: under the network's row
    lock, with the membership's and the network's history rows saying who and why, then the
    network's derived facts (completeness counts listed members) refreshed. The committed
    write bumps the content version, so the public profile shows the change at once.
    """
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=network.pk)
        existing = Membership.objects.filter(network=locked, member=member).first()
        if listed and existing is None:
            last = Membership.objects.filter(network=locked).order_by("-position").first()
            membership = Membership(
                network=locked, member=member, position=(last.position + 1) if last else 0
            )
            membership._history_user = by
            membership.save()
            reason = f"self-service: member {member.name} added"
        elif not listed and existing is not None:
            existing._history_user = by
            existing.delete()
            reason = f"self-service: member {member.name} removed"
        else:
            return False
        save_profile(locked, fields=[], by=by, reason=reason)
    network.updated = locked.updated
    return True


# ----- publication -------------------------------------------------------------------------
def _locked(organisation, allowed_from, refusal):
    """The locked row; `refusal` (with %(name)s and %(status)s) is the error when its status
    is not in `allowed_from`."""
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if current.status not in allowed_from:
        raise TransitionError(
            refusal % {"name": current, "status": in_sentence(current.get_status_display())}
        )
    return current


def _set_status(organisation, current, status, by, reason, **fields):
    """Save the new status on the locked row `current` (so its history row holds what is
    stored, not what the caller may have loaded earlier), and tell the caller's object."""
    fields["status"] = status
    for obj in (current, organisation):
        for name, value in fields.items():
            setattr(obj, name, value)
    current._history_user = by
    current._change_reason = reason
    current.save(update_fields=list(fields))


def manager_emails(organisation):
    return list(organisation.managers.exclude(email="").values_list("email", flat=True))


def submit_for_review(organisation, by):
    """A manager sends a draft (or a returned or withdrawn profile) to staff for validation."""
    with transaction.atomic():
        current = _locked(
            organisation,
            Organisation.SUBMITTABLE,
            # Translators: status is the profile's status in lower case, e.g. "needs review".
            gettext("“%(name)s” is %(status)s: it cannot be submitted."),
        )
        _set_status(
            organisation, current, Status.NEEDS_REVIEW, by, "submitted for review",
            submitted_at=timezone.now(),
        )  # fmt: skip
        link = absolute_url(reverse("admin:directory_organisation_change", args=[organisation.pk]))
        send_after_commit(
            lambda: gettext("New profile to review: %(name)s") % {"name": organisation.name},
            "directory/email/submitted.txt",
            {"organisation": organisation, "user": by, "link": link},
            staff_recipients(),
        )


def publish(organisation, by):
    """Publish a profile; False (nothing changed) when criteria are unmet and not waived.

    The one way to publish: the admin's button, its bulk action and any admin form use it.
    """
    with transaction.atomic():
        current = _locked(
            organisation,
            set(Status) - {Status.PUBLISHED},
            gettext("“%(name)s” is %(status)s: it cannot be published."),
        )
        if not current.can_be_published:
            return False
        _set_status(
            organisation, current, Status.PUBLISHED, by, "published",
            reviewed_by=by, reviewed_at=timezone.now(),
        )  # fmt: skip
        send_after_commit(
            lambda: gettext("Your profile is published: %(name)s") % {"name": organisation.name},
            "directory/email/published.txt",
            {"organisation": organisation, "link": absolute_url(organisation.get_absolute_url())},
            manager_emails(organisation),
        )
    return True


def request_changes(organisation, by, comment):
    """Send a profile back to its managers with what to change (kept in its history)."""
    comment = comment.strip()
    if not comment:
        raise TransitionError(gettext("Write the comment the managers will get."))
    with transaction.atomic():
        current = _locked(
            organisation,
            {Status.NEEDS_REVIEW, Status.PUBLISHED},
            gettext("“%(name)s” is %(status)s: it cannot be sent back for changes."),
        )
        _set_status(
            organisation, current, Status.CHANGES_REQUESTED, by, f"changes requested: {comment}",
            reviewer_comment=comment, reviewed_by=by, reviewed_at=timezone.now(),
        )  # fmt: skip
        link = absolute_url(reverse("my:organisation_edit", args=[organisation.slug]))
        send_after_commit(
            lambda: (
                gettext("Changes requested for your profile: %(name)s")
                % {"name": organisation.name}
            ),
            "directory/email/changes_requested.txt",
            {"organisation": organisation, "comment": comment, "link": link},
            manager_emails(organisation),
        )


def withdraw(organisation, by, reason=""):
    """Take a published profile off the public site (its managers are told)."""
    with transaction.atomic():
        current = _locked(
            organisation,
            {Status.PUBLISHED},
            gettext("“%(name)s” is %(status)s: it cannot be withdrawn."),
        )
        _set_status(
            organisation, current, Status.WITHDRAWN, by, f"withdrawn: {reason}".rstrip(": "),
            reviewed_by=by, reviewed_at=timezone.now(),
        )  # fmt: skip
        send_after_commit(
            lambda: (
                gettext("Your profile was taken offline: %(name)s") % {"name": organisation.name}
            ),
            "directory/email/withdrawn.txt",
            {"organisation": organisation, "reason": reason},
            manager_emails(organisation),
        )
