"""Searching organisations: the texts a profile is found by, and the two engines.

`OrganisationQuerySet.search(q)` is the only entry point; it picks the engine from the
database vendor:

* PostgreSQL: full-text search over the stored, GIN-indexed `search_vector` (name weight A,
  taxonomy terms and tags B, about text and place C), ranked with `ts_rank`, OR'ed with pg_trgm
  word similarity over `search_document` (an accent-free, lower-case copy of name and place)
  so that typos ("automotiv") and missing accents ("Baden-Wurtemberg") still match.
* SQLite (`make run`): every query word must occur, case-insensitively, in the name and
  place (`search_document`, accent-free), the terms and tags (`search_keywords`) or the about
  text; a match in the name ranks first.

Snippets: `ts_headline` on PostgreSQL, a small escaped highlighter elsewhere. Both return HTML
that is safe to render: the text is escaped first and only our own `<mark>` is added.
"""

import html
import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connections
from django.db.models import Case, F, FloatField, Q, Value, When
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from eca_site.lib.sanitize import plain_text

SEARCH_CONFIG = "english"
# Private-use characters: ts_headline marks matches with them; we escape, then swap in <mark>.
MARK_START, MARK_STOP = "\ue000", "\ue001"
SNIPPET_CHARS = 220
TRIGRAM_MAX_WORDS = 2

# Words people type for a term whose name spells them out: added to the indexed keywords.
ABBREVIATIONS = {
    "artificial intelligence": "AI",
    "information and communication": "ICT",
    "internet of things": "IoT",
    "key enabling technolog": "KET",
    "research and development": "R&D",
}


def normalise(text):
    """Lower-case, accent-free, single-spaced: 'Baden-Württemberg ' -> 'baden-wurttemberg'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("ß", "ss").split())


def keyword_texts(term_names, tag_names):
    """The weight-B text: term names, their usual abbreviations, and tags."""
    words = list(term_names)
    for name in term_names:
        lowered = name.lower()
        words += [abbr for key, abbr in ABBREVIATIONS.items() if key in lowered]
    words += tag_names
    return " · ".join(dict.fromkeys(words))


def search_fields(organisation, term_names, tag_names, term_translations=None):
    """The stored search texts of one organisation (a dict of field -> value).

    `term_translations`: {term name: [its names in the site's languages]}
    (`translated_term_names`), so a profile is found by a term's name in any language."""
    place = " ".join(
        part
        for part in (
            organisation.country.name if organisation.country else "",
            organisation.region,
            organisation.city,
            organisation.get_kind_display(),
        )
        if part
    )
    keywords = keyword_texts(term_names, tag_names)
    if term_translations:
        translated = [t for name in term_names for t in term_translations.get(name, ())]
        keywords = " · ".join(dict.fromkeys([keywords, *translated])) if translated else keywords
    # Short on purpose: trigram similarity is re-checked row by row, and costs per character.
    document = normalise(f"{organisation.name} {organisation.short_name} {place}")
    translations = " ".join(plain_text(text) for text in organisation.translation_texts("about"))
    return {
        "search_keywords": keywords,
        "search_place": place,
        "search_document": document,
        "search_translations": translations,
    }


def translated_term_names(names):
    """{name: [its other names in the languages of settings.LANGUAGES]} for the taxonomy term
    names `names`, from the catalogues (message context "taxonomy"): one language switch per
    language for a whole batch of profiles."""
    names = sorted(set(names))
    found = {name: [] for name in names}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in names:
                translated = pgettext("taxonomy", name)
                if translated != name and translated not in found[name]:
                    found[name].append(translated)
    return found


def is_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def search_vector():
    """The expression `search_vector` is stored from (PostgreSQL only)."""
    return (
        SearchVector("name", "short_name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("search_keywords", weight="B", config=SEARCH_CONFIG)
        + SearchVector(
            "search_place", "about_html", "search_translations", weight="C", config=SEARCH_CONFIG
        )
    )


def search_query(q):
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


def postgresql_search(queryset, q):
    query = search_query(q)
    plain = normalise(q)
    if len(plain.split()) > TRIGRAM_MAX_WORDS:
        # Long queries: full text only. Their trigrams hit nearly every row, and a typo in
        # one word of several is rarer than in a lone word ("automotiv").
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    # A typo in a taxonomy term ("automotiv"): the names of similar terms join the query as
    # alternatives (TermExpandedQuery), so both branches below stay GIN index scans.
    term_table = queryset.model.terms.field.related_model._meta.db_table
    query = TermExpandedQuery(q, plain, term_table)
    matches = Q(search_vector=query) | Q(search_document__trigram_word_similar=plain)
    # Ranked by full text only: a word-similarity term costs a trigram comparison per row.
    return queryset.filter(matches).annotate(rank=SearchRank(F("search_vector"), query))


class TermExpandedQuery(SearchQuery):
    """`websearch_to_tsquery(q)` OR the names of the terms whose names are trigram-similar to
    `plain`, computed once per statement in a scalar subquery (PostgreSQL runs it as an
    InitPlan), so the per-row recheck compares against a ready tsquery."""

    def __init__(self, q, plain, term_table):
        super().__init__(q, search_type="websearch", config=SEARCH_CONFIG)
        self.q, self.plain, self.term_table = q, plain, term_table

    def as_sql(self, compiler, connection, **extra_context):
        names = (
            "SELECT COALESCE(string_agg('\"' || replace(name, '\"', '') || '\"', ' or '), '')"
            f" FROM {connection.ops.quote_name(self.term_table)} WHERE name %%> %s"
        )
        sql = (
            "(SELECT websearch_to_tsquery(%s::regconfig, %s)"
            f" || websearch_to_tsquery(%s::regconfig, ({names})))"
        )
        return sql, [SEARCH_CONFIG, self.q, SEARCH_CONFIG, self.plain]


def fallback_search(queryset, q):
    words = normalise(q).split()
    for word in words:
        queryset = queryset.filter(
            Q(search_document__contains=word)
            | Q(search_keywords__icontains=word)
            | Q(about_html__icontains=word)
            | Q(search_translations__icontains=word)
        )
    name_match = Q()
    for word in words:
        name_match &= Q(name__icontains=word)
    return queryset.annotate(
        rank=Case(When(name_match, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
    )


def snippets(queryset, pks, q):
    """{pk: safe HTML snippet of the about text with the matches marked}, in one query."""
    if not pks or not q:
        return {}
    rows = queryset.model.objects.filter(pk__in=pks)
    if is_postgresql(queryset):
        rows = rows.annotate(
            snippet=SearchHeadline(
                "about_html",
                search_query(q),
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_fragments=2,
                max_words=22,
                min_words=8,
                fragment_delimiter=" … ",
            )
        ).values_list("pk", "snippet")
        return {pk: _marked_html(text) for pk, text in rows if text}
    return {
        pk: highlight(about, q)
        for pk, about in rows.values_list("pk", "about_html")
        if about.strip()
    }


def _marked_html(text):
    plain = " ".join(html.unescape(strip_tags(text)).split())
    escaped = str(escape(plain))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def highlight(about_html, q):
    """A short escaped extract of `about_html` around the first query word, words marked."""
    text = " ".join(html.unescape(strip_tags(about_html)).split())
    words = [re.escape(w) for w in q.split() if len(w) > 1]
    if not text:
        return ""
    pattern = re.compile("|".join(words), re.IGNORECASE) if words else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - SNIPPET_CHARS // 3) if first else 0
    end = start + SNIPPET_CHARS
    if start:  # whole words only: start after a space, end before one
        space = text.find(" ", start, first.start() if first else end)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    extract = text[start:end]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    if pattern:
        extract = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", extract)
    escaped = str(escape(prefix + extract + suffix))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))
