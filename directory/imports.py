"""Bulk import and update of profiles from a CSV or XLSX file with the export's columns.

An export (`/directory/export.csv`, or the same columns saved as XLSX by a spreadsheet) edited
and imported back changes exactly what was edited: the file has `exports.COLUMNS`, no more, no
fewer (any order). `import_profiles()` is the one entry point (the admin's import page and
`manage.py import_profiles` call it):

- rows are streamed (CSV line by line, XLSX with openpyxl's read-only reader) and imported in
  chunks of `CHUNK_SIZE`, so memory stays bounded whatever the file's length;
- a row is matched on its `slug`, or, when the slug cell is empty, on its website's domain;
  an unmatched row creates a draft profile (staff publish it after review);
- countries, languages and taxonomy terms are matched by code, slug or name; an unknown one,
  a formula cell, a repeated row or an invalid value is an error of that row and column;
- everything happens in one transaction: a dry run, or any error, rolls it all back, so a
  file is imported whole or not at all;
- a row that would change nothing is not saved (a second import of the same file writes
  nothing); a saved row goes through the profile write path: one history row with the staff
  user and "import" as its reason, then `services.refresh_profiles()` once for all of them.

The derived columns (`country_name`, `profile_url`, `member_count`, `completeness`,
`updated`) are read-only: they must be present, and are ignored.

django-import-export provides the row machinery (fields and widgets, the per-row savepoint,
validation through `full_clean()`, skipping unchanged rows, per-row results); the file
reading, matching and relations are ours, because the library reads a whole file into memory
and knows one column per many-to-many field, where our export has seven for `terms`.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django_countries import countries
from import_export import fields, resources, widgets
from import_export.results import RowResult

from eca_site.lib.csv_export import restore
from eca_site.lib.slugs import unique_slug

from . import services
from .exports import COLUMNS, VOCABULARY_COLUMNS
from .models import Language, Organisation, Term, Vocabulary, website_domain

MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 4 * MAX_BYTES
# Rows per file. Measured on PostgreSQL (2 shared cores): 2,000 unchanged rows ~4 s, updated
# ~20-27 s, created ~60 s. The admin's request must end well within gunicorn's 30 s timeout;
# the command has no such limit.
MAX_ROWS = 5000
ADMIN_MAX_ROWS = 500
CHUNK_SIZE = 500
MAX_LISTED = 200  # errors and changes listed in a report; the rest are counted
READ_ONLY_COLUMNS = ["country_name", "profile_url", "member_count", "completeness", "updated"]
RELATION_COLUMNS = ["languages", *VOCABULARY_COLUMNS.values(), "tags"]
COLUMN_VOCABULARY = {column: vocabulary for vocabulary, column in VOCABULARY_COLUMNS.items()}
FORMULA_PREFIX = "="


class ImportFileError(Exception):
    """The file as a whole cannot be imported (nothing is written)."""


# ----- the report --------------------------------------------------------------------------
@dataclass
class Problem:
    row: int | None  # the line of the file (1 is the header), None for the whole file
    column: str
    message: str


@dataclass
class Change:
    row: int
    slug: str
    name: str
    action: str  # "create" or "update"
    columns: list


@dataclass
class Report:
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    unlisted_changes: int = 0
    unlisted_problems: int = 0

    @property
    def ok(self):
        return not self.problems

    @property
    def error_count(self):
        return len(self.problems) + self.unlisted_problems

    @property
    def written(self):
        return self.ok and not self.dry_run and bool(self.created or self.updated)

    def problem(self, row, column, message):
        if len(self.problems) < MAX_LISTED:
            self.problems.append(Problem(row, column, message))
        else:
            self.unlisted_problems += 1

    def change(self, row, slug, name, action, columns):
        if action == "create":
            self.created += 1
        else:
            self.updated += 1
        if len(self.changes) < MAX_LISTED:
            self.changes.append(Change(row, slug, name, action, columns))
        else:
            self.unlisted_changes += 1

    def summary(self):
        if self.dry_run:
            outcome = gettext("dry run, nothing written")
        else:
            outcome = gettext("imported") if self.ok else gettext("nothing written")
        # Translators: the import's summary; "(s)" stands for any number (0, 1, many).
        return gettext(
            "%(rows)s row(s): %(created)s to create, %(updated)s to update, "
            "%(unchanged)s unchanged, %(errors)s error(s) (%(outcome)s)."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.error_count,
            "outcome": outcome,
        }


# ----- reading the file --------------------------------------------------------------------
def _check_header(header):
    header = [str(name or "").strip() for name in header]
    missing = [name for name in COLUMNS if name not in header]
    unknown = [name for name in header if name and name not in COLUMNS]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    problems = []
    if missing:
        problems.append(gettext("missing column(s): %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(gettext("unknown column(s): %(columns)s") % {"columns": ", ".join(unknown)})
    if repeated:
        problems.append(
            gettext("repeated column(s): %(columns)s") % {"columns": ", ".join(repeated)}
        )
    if problems:
        raise ImportFileError(
            gettext(
                "The first row must name exactly the columns of the directory's CSV export "
                "(%(columns)s): %(problems)s."
            )
            % {"columns": ", ".join(COLUMNS), "problems": "; ".join(problems)}
        )
    return header


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return restore(str(value).strip())


def _not_a_workbook(error):
    return gettext("The file is not a readable XLSX workbook (%(error)s).") % {"error": error}


def _formula(value):
    return gettext("a formula (%(value)s): type the value.") % {"value": value}


def _csv_rows(fileobj):
    text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    line = 1
    try:
        header = _check_header(next(reader, []))
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                message = gettext("%(cells)s cells, the header has %(columns)s.") % {
                    "cells": len(cells),
                    "columns": len(header),
                }
                yield line, None, [("", message)]
                continue
            cells = (restore(cell.strip()) for cell in cells)
            yield line, dict(zip(header, cells, strict=True)), []
    except UnicodeDecodeError as error:
        raise ImportFileError(
            gettext(
                "The file is not UTF-8 text (after line %(line)s: %(reason)s). Save it as "
                "“CSV UTF-8” or import the spreadsheet as .xlsx."
            )
            % {"line": line, "reason": error.reason}
        ) from error
    except csv.Error as error:
        raise ImportFileError(
            gettext("Line %(line)s is not valid CSV: %(error)s.")
            % {"line": line + 1, "error": error}
        ) from error
    finally:
        text.detach()


def _xlsx_rows(fileobj):
    from openpyxl import load_workbook  # only imports read XLSX

    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise ImportFileError(_not_a_workbook(error)) from error
    try:
        rows = workbook.worksheets[0].iter_rows()
        header = _check_header(cell.value for cell in next(rows, ()))
        for line, cells in enumerate(rows, start=2):
            values, problems = {}, []
            for column, cell in zip(header, cells, strict=False):
                if not column:
                    continue
                if cell.data_type == "f":
                    problems.append((column, _formula(cell.value)))
                values[column] = _cell_text(cell.value)
            if not any(values.values()):
                continue
            yield line, {name: values.get(name, "") for name in header if name}, problems
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(
            gettext("The XLSX workbook cannot be read (%(error)s).") % {"error": error}
        ) from error
    finally:
        workbook.close()


def _check_unpacked_size(fileobj):
    """Refuse a workbook that unpacks to far more than any real export (a zip bomb)."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError(_not_a_workbook(error)) from error
    finally:
        fileobj.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            gettext("The workbook unpacks to %(size)s MB; at most %(limit)s MB are read: split it.")
            % {"size": unpacked // 1024 // 1024, "limit": MAX_UNPACKED_BYTES // 1024 // 1024}
        )


def read_rows(fileobj, name=""):
    """(line, {column: text} or None, [(column, problem)]) for each non-empty row of the file.

    Raises ImportFileError when the file as a whole is unusable (size, type, encoding,
    columns)."""
    size = getattr(fileobj, "size", None)
    if size is None:
        size = fileobj.seek(0, io.SEEK_END)
    if size > MAX_BYTES:
        raise ImportFileError(
            gettext(
                "The file has %(size)s MB; at most %(limit)s MB can be imported at once: split it."
            )
            % {"size": f"{size / 1024 / 1024:.0f}", "limit": MAX_BYTES // 1024 // 1024}
        )
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"PK\x03\x04"):
        _check_unpacked_size(fileobj)
        return _xlsx_rows(fileobj)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            gettext("Old Excel files (.xls) are not read: save it as .xlsx or CSV.")
        )
    if name.lower().endswith((".xlsx", ".xls", ".ods")):
        raise ImportFileError(gettext("The file is not an XLSX workbook: save it as .xlsx or CSV."))
    return _csv_rows(fileobj)


# ----- values ------------------------------------------------------------------------------
class CountryWidget(widgets.Widget):
    """A country by its two-letter code or its English name."""

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if not value:
            return ""
        if value.upper() in countries:
            return value.upper()
        code = countries.by_name(value)
        if code:
            return code
        raise ValueError(
            gettext(
                "Unknown country “%(value)s”: write its two-letter code (BE) or English name "
                "(Belgium)."
            )
            % {"value": value}
        )


class ChoiceWidget(widgets.CharWidget):
    """A choice by its value or its label (case-insensitive)."""

    def __init__(self, choices):
        self.choices = {}
        for value, label in choices:
            self.choices[value.lower()] = self.choices[str(label).lower()] = value
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if not value:
            return ""
        try:
            return self.choices[value.lower()]
        except KeyError:
            allowed = ", ".join(sorted(set(self.choices.values())))
            raise ValueError(
                gettext("Unknown value “%(value)s”: use one of %(allowed)s.")
                % {"value": value, "allowed": allowed}
            ) from None


class Vocabularies:
    """Names, slugs and codes of terms and languages, read once per import."""

    def __init__(self):
        self.terms = {vocabulary: {} for vocabulary in Vocabulary}
        for term in Term.objects.only("pk", "vocabulary", "name", "slug"):
            entries = self.terms[term.vocabulary]
            for key in {term.name.casefold(), term.slug}:
                entries.setdefault(key, set()).add(term.pk)
        self.languages = {}
        for language in Language.objects.all():
            for key in (language.code.casefold(), language.name.casefold()):
                self.languages.setdefault(key, set()).add(language.pk)

    @staticmethod
    def split(text):
        seen = {}
        for part in (text or "").split(";"):
            part = part.strip()
            if part:
                seen.setdefault(part.casefold(), part)
        return list(seen.values())

    def resolve(self, column, text):
        """The set of ids a cell names; ValueError naming the unknown or ambiguous ones."""
        if column == "languages":
            entries, what = self.languages, gettext("languages")
        else:
            entries = self.terms[COLUMN_VOCABULARY[column]]
            what = str(Vocabulary(COLUMN_VOCABULARY[column]).label).lower()
        ids, unknown, ambiguous = set(), [], []
        for name in self.split(text):
            found = entries.get(name.casefold()) or entries.get(name)
            if not found:
                unknown.append(f"“{name}”")
            elif len(found) > 1:
                ambiguous.append(f"“{name}”")
            else:
                ids |= found
        messages = []
        if unknown:
            # Translators: what = a vocabulary in lower case, e.g. "sectoral industries".
            messages.append(
                gettext("Not among the %(what)s: %(names)s.")
                % {"what": what, "names": ", ".join(unknown)}
            )
        if ambiguous:
            messages.append(
                gettext("Names several %(what)s (write its slug): %(names)s.")
                % {"what": what, "names": ", ".join(ambiguous)}
            )
        if messages:
            raise ValueError(" ".join(messages))
        return ids


# ----- the resource ------------------------------------------------------------------------
def _text(column):
    return fields.Field(attribute=column, column_name=column, widget=widgets.CharWidget())


class ProfileResource(resources.ModelResource):
    """One row of the export → one profile (its own facts, terms, languages and tags)."""

    slug = _text("slug")
    name = _text("name")
    short_name = _text("short_name")
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(Organisation.Kind.choices)
    )
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    region = _text("region")
    city = _text("city")
    website = _text("website")
    date_of_establishment = fields.Field(
        attribute="date_of_establishment",
        column_name="date_of_establishment",
        widget=widgets.DateWidget(format="%Y-%m-%d"),
    )

    class Meta:
        model = Organisation
        fields = [
            "slug", "name", "short_name", "kind", "country", "region", "city", "website",
            "date_of_establishment",
        ]  # fmt: skip
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True
        clean_model_instances = True
        use_transactions = True
        store_instance = True  # the report names what changed (one chunk at a time)

    def __init__(self, user=None, vocabularies=None):
        super().__init__()
        self.user = user
        self.vocabularies = vocabularies or Vocabularies()
        self.existing = {}
        self.changed_pks = set()

    # -- matching: slug, else website domain; new profiles get a free slug from their name
    def get_import_fields(self):
        return [f for f in super().get_import_fields() if f.column_name != "slug"]

    def get_instance(self, instance_loader, row):
        slug = row["slug"].strip()
        domain = website_domain(row["website"]) if row["website"] else ""
        instance = None
        if slug:
            instance = self.existing.get(slug)
        elif domain:
            candidates = Organisation.objects.filter(website__icontains=domain).order_by("pk")
            for candidate in candidates:
                if website_domain(candidate.website) == domain:
                    instance = _with_relations(candidate)
                    break
        if instance is not None:
            # What it holds now, read from the prefetched rows: the library deep-copies the
            # instance, and a copied queryset would query again.
            instance._import_current = _relations(instance)
            del instance._prefetched_objects_cache
        return instance

    def init_instance(self, row=None):
        instance = Organisation()
        slug = row["slug"].strip()
        instance.slug = slug or unique_slug(Organisation, row["name"] or "profile")
        return instance

    # -- values: the model's fields through the widgets, the relations by name or code
    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        wanted = {}
        for column in RELATION_COLUMNS:
            try:
                if column == "tags":
                    wanted[column] = set(self.vocabularies.split(row[column]))
                else:
                    wanted[column] = self.vocabularies.resolve(column, row[column])
            except ValueError as error:
                errors[column] = [ValidationError(str(error))]
        instance._import_relations = wanted
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        changed = [
            f.column_name
            for f in self.get_import_fields()
            if f.get_value(instance) != f.get_value(original)
        ]
        current = getattr(original, "_import_current", {})
        changed += [
            column
            for column, ids in instance._import_relations.items()
            if ids != current.get(column, set())
        ]
        instance._import_changed = changed
        return original.pk is not None and not changed

    # -- writing: the profile write path, one history row per profile, derived at the end
    def do_instance_save(self, instance, is_create):
        instance._history_user = self.user
        instance._change_reason = "import"
        if is_create:
            instance.skip_history_when_saving = True
            instance.save(force_insert=True)
        else:
            instance.skip_history_when_saving = True  # relations first, then one history row
        self._save_relations(instance)
        del instance.skip_history_when_saving
        if is_create:
            instance.save()
        else:  # only the columns that changed (and `updated`); the history row has them all
            columns = {f.attribute for f in self.get_import_fields()}
            changed = [c for c in instance._import_changed if c in columns]
            instance.save(update_fields=[*changed, "updated"])
        if is_create:
            instance.history.filter(history_id=instance.history.first().history_id).update(
                history_type="+"
            )
        self.changed_pks.add(instance.pk)

    def _save_relations(self, instance):
        wanted = instance._import_relations
        current = getattr(instance, "_import_current", {})
        term_columns = list(VOCABULARY_COLUMNS.values())
        if any(wanted[c] != current.get(c, set()) for c in term_columns):
            instance.terms.set(set().union(*(wanted[c] for c in term_columns)))
        if wanted["languages"] != current.get("languages", set()):
            instance.languages.set(wanted["languages"])
        if wanted["tags"] != current.get("tags", set()):
            instance.tags.set(sorted(wanted["tags"]))

    def save_m2m(self, instance, row, **kwargs):
        """Saved with the row in do_instance_save()."""


def _with_relations(organisation):
    """Load what `_relations()` reads, for one profile matched by its website."""
    return (
        Organisation.objects.filter(pk=organisation.pk)
        .prefetch_related("terms", "languages", "tags")
        .get()
    )


def _relations(organisation):
    """{column: ids (names for tags)} of a profile whose relations are prefetched."""
    found = {column: set() for column in RELATION_COLUMNS}
    for term in organisation.terms.all():
        found[VOCABULARY_COLUMNS[term.vocabulary]].add(term.pk)
    found["languages"] = {language.pk for language in organisation.languages.all()}
    found["tags"] = {tag.name for tag in organisation.tags.all()}
    return found


# ----- the import --------------------------------------------------------------------------
def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _row_key(values):
    slug = values["slug"].strip()
    if slug:
        return "slug", slug
    domain = website_domain(values["website"]) if values["website"] else ""
    return ("website", domain) if domain else None


def import_profiles(fileobj, name="", *, by=None, dry_run=True, max_rows=MAX_ROWS):
    """Import the profiles of a CSV or XLSX file; a Report. Writes only when `dry_run` is
    False and every row is valid.

    Two passes over the file: the first only reads it (size, type, encoding, columns, row
    count, formula cells, repeated rows), so a file that cannot be imported is refused before
    any database work; the second imports it, CHUNK_SIZE rows at a time, in one transaction.
    """
    report = Report(dry_run=dry_run)
    try:
        _scan(read_rows(fileobj, name), report, max_rows)
    except ImportFileError as error:
        report.problem(None, "", str(error))
    if not report.ok:
        return report
    resource = ProfileResource(user=by)
    with transaction.atomic():
        fileobj.seek(0)
        for chunk in _chunks(read_rows(fileobj, name), CHUNK_SIZE):
            _import_chunk(resource, chunk, report)
        if report.ok and not dry_run:
            services.refresh_profiles(sorted(resource.changed_pks))
        else:
            transaction.set_rollback(True)
    return report


def _scan(rows, report, max_rows):
    """The checks that need no database: problems go to `report`."""
    seen = {}
    for count, (line, values, problems) in enumerate(rows, start=1):
        if count > max_rows:
            if max_rows >= MAX_ROWS:
                message = gettext(
                    "The file has more than %(max_rows)s rows: split it into smaller files."
                )
            else:
                message = gettext(
                    "The file has more than %(max_rows)s rows: split it into smaller files, or "
                    "use manage.py import_profiles (up to %(limit)s)."
                )
            raise ImportFileError(message % {"max_rows": max_rows, "limit": MAX_ROWS})
        report.rows = count
        for column, message in problems:
            report.problem(line, column, message)
        if values is None:
            continue
        for column, value in values.items():
            if value.startswith(FORMULA_PREFIX) and not any(c == column for c, _ in problems):
                report.problem(line, column, _formula(value))
        key = _row_key(values)
        if key in seen:
            report.problem(
                line,
                key[0],
                gettext("repeats line %(line)s (same %(column)s).")
                % {"line": seen[key], "column": key[0]},
            )
        elif key is not None:
            seen[key] = line


def _import_chunk(resource, chunk, report):
    lines, dataset = [], tablib.Dataset(headers=COLUMNS)
    for line, values, _problems in chunk:
        lines.append(line)
        dataset.append([values[column] for column in COLUMNS])
    slugs = [slug for slug in dataset["slug"] if slug]
    resource.existing = {
        organisation.slug: organisation
        for organisation in Organisation.objects.filter(slug__in=slugs).prefetch_related(
            "terms", "languages", "tags"
        )
    }
    result = resource.import_data(dataset, dry_run=False, use_transactions=True)
    for line, row_result in zip(lines, result.rows, strict=True):
        _report_row(report, line, row_result)


def _report_row(report, line, row_result):
    kind = row_result.import_type
    if kind == RowResult.IMPORT_TYPE_SKIP:
        report.unchanged += 1
    elif kind in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE):
        instance = row_result.instance
        report.change(
            line,
            instance.slug if instance else "",
            instance.name if instance else row_result.object_repr,
            "create" if kind == RowResult.IMPORT_TYPE_NEW else "update",
            instance._import_changed if instance else [],
        )
    elif kind == RowResult.IMPORT_TYPE_INVALID:
        for column, messages in row_result.validation_error.message_dict.items():
            column = "" if column == NON_FIELD_ERRORS else column
            for message in messages:
                report.problem(line, column, message)
    else:
        for error in row_result.errors:
            report.problem(line, "", gettext("cannot be saved: %(error)s") % {"error": error.error})
