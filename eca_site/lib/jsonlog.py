"""A logging formatter that writes one JSON object per line (imports no app).

Log shippers (Loki, CloudWatch, Datadog …) read stdout line by line; one object per line keeps a
multi-line traceback inside its record.
"""

import datetime
import json
import logging

# Attributes every LogRecord has: everything else was passed with `extra=` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}

# gunicorn's access log passes its atoms as a dict in `record.args`: keep the useful ones.
_GUNICORN_ATOMS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "a": "user_agent",
}


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            for atom, key in _GUNICORN_ATOMS.items():
                if atom in record.args:
                    entry[key] = record.args[atom]
        for key, value in vars(record).items():
            if key in _STANDARD or key.startswith("_"):
                continue
            if key == "request":  # django.request / django.security pass the HttpRequest
                entry["method"] = getattr(value, "method", None)
                entry["path"] = getattr(value, "path", None)
                continue
            entry[key] = value if _is_json(value) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


def _is_json(value):
    return isinstance(value, str | int | float | bool | type(None) | list | dict)


def stdout_logging(formatter, level="INFO", loggers=()):
    """A dictConfig sending everything to stdout with `formatter` ("json" or "text"); each name
    in `loggers` gets the handler itself and stops propagating (Django's, gunicorn's)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": "eca_site.lib.jsonlog.JSONFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": formatter if formatter in {"json", "text"} else "json",
            },
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            name: {"handlers": ["stdout"], "level": "INFO", "propagate": False} for name in loggers
        },
    }
