"""The one way the site writes CSV (imports no app).

    from eca_site.lib.csv_export import csv_response
    return csv_response(header, rows, "cluster-directory.csv")  # a streamed attachment

Every cell goes through `neutralise`: a text that a spreadsheet would run as a formula (it
starts with `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's "CSV injection" rule) gets a
leading single quote, so `=HYPERLINK(...)` typed as a profile name is shown as text, never
evaluated (issue 12, vulnerability 4). Numbers, dates and empty cells are written as they are;
the JSON exports are not concerned and stay exact.
"""

import csv
import io

from django.http import StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value`, with a leading `'` when it is text a spreadsheet would treat as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


LINES_PER_CHUNK = 500


def restore(value):
    """The text `neutralise` was given: what an import of our own export must read back."""
    if value.startswith("'") and value[1:2] and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def csv_chunks(header, rows, lines_per_chunk=LINES_PER_CHUNK):
    """The CSV text of `header` and `rows` (iterables of cells), streamed in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    for index, row in enumerate(rows, start=1):
        writer.writerow([neutralise(cell) for cell in row])
        if index % lines_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_response(header, rows, filename):
    """A streamed `text/csv` attachment named `filename`, every cell neutralised."""
    response = StreamingHttpResponse(
        csv_chunks(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
