"""Logs are one JSON object per line on stdout."""

import json
import logging

from eca_site.lib.jsonlog import JSONFormatter


def format_record(**kwargs):
    record = logging.makeLogRecord({"name": "eca", "levelname": "INFO", **kwargs})
    return json.loads(JSONFormatter().format(record))


def test_a_record_becomes_one_json_line_with_time_level_logger_and_message():
    line = JSONFormatter().format(
        logging.makeLogRecord(
            {"name": "eca", "levelname": "WARNING", "msg": "a\nb %s", "args": (1,)}
        )
    )
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "eca"
    assert entry["message"] == "a\nb 1"
    assert entry["time"].endswith("+00:00")


def test_extra_fields_are_kept_and_exceptions_are_included():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        entry = format_record(msg="failed", exc_info=sys.exc_info(), form="ContactForm")
    assert entry["form"] == "ContactForm"
    assert "ValueError: boom" in entry["exception"]


def test_gunicorn_access_lines_carry_the_request_fields():
    entry = format_record(
        name="gunicorn.access",
        msg="%(h)s %(s)s",
        args={"h": "127.0.0.1", "m": "GET", "U": "/", "s": "200", "M": "3", "a": "curl"},
    )
    assert entry["message"] == "127.0.0.1 200"
    assert (entry["method"], entry["path"], entry["status"], entry["duration_ms"]) == (
        "GET",
        "/",
        "200",
        "3",
    )


def test_django_request_records_carry_method_and_path_and_odd_values_become_text():
    from django.test import RequestFactory

    request = RequestFactory().post("/accounts/login/?next=/my/")
    entry = format_record(
        name="django.request",
        msg="Forbidden",
        request=request,
        status_code=403,
        when=object,
    )
    assert (entry["method"], entry["path"], entry["status_code"]) == (
        "POST",
        "/accounts/login/",
        403,
    )
    assert "request" not in entry
    assert entry["when"] == "object"


def test_the_time_is_utc_with_milliseconds():
    entry = format_record(msg="x", created=1_780_000_000.1234)
    assert entry["time"] == "2026-05-28T20:26:40.123+00:00"


def test_behind_the_unix_socket_the_address_is_the_one_nginx_appended():
    entry = format_record(
        name="gunicorn.access",
        msg="%(h)s %(s)s",
        args={"h": "", "s": "200", "{x-forwarded-for}i": "10.9.9.9, 198.51.100.7"},
    )
    assert entry["remote_addr"] == "198.51.100.7"
    entry = format_record(name="gunicorn.access", msg="%(s)s", args={"h": "", "s": "200"})
    assert entry["remote_addr"] == ""
