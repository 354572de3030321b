"""Streamed CSV downloads (imports no app): the one CSV writer of the site's exports."""

import csv
import io

from django.http import StreamingHttpResponse

LINES_PER_CHUNK = 500


def csv_lines(header, rows, lines_per_chunk=LINES_PER_CHUNK):
    """CSV text in chunks of `lines_per_chunk` lines: `header`, then each row (a list)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for index, row in enumerate(rows, start=1):
        writer.writerow(row)
        if index % lines_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_response(header, rows, filename):
    """A streamed `text/csv` attachment named `filename`."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
