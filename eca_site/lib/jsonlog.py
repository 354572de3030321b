"""One JSON object per line on stdout, for Django and gunicorn (imports no app).

Log shippers (Loki, CloudWatch, Datadog …) read stdout line by line; one object per line keeps a
multi-line traceback inside its record. python-json-logger does the formatting (fields passed
with `extra=`, exceptions, values JSON cannot encode); `JSONFormatter` only names the fields
and unpacks the two objects our stack logs: gunicorn's access atoms and Django's request.
"""

from pythonjsonlogger.json import JsonFormatter

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


class JSONFormatter(JsonFormatter):
    """{"time", "level", "logger", "message", extras…, "exception"} with the time in UTC."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["levelname", "name", "message"])
        kwargs.setdefault(
            "rename_fields",
            {
                "levelname": "level",
                "name": "logger",
                "exc_info": "exception",
                "stack_info": "stack",
            },
        )
        kwargs.setdefault("timestamp", "time")
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        fields = {"time": log_data.pop("time").isoformat(timespec="milliseconds"), **log_data}
        log_data.clear()
        log_data.update(fields)  # time first, as people read a line
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            for atom, key in _GUNICORN_ATOMS.items():
                if atom in record.args:
                    log_data[key] = record.args[atom]
            forwarded = record.args.get("{x-forwarded-for}i") or ""
            if not log_data.get("remote_addr") and forwarded.strip("- "):
                # Behind `manage.py serve`'s nginx (a unix socket: no peer address), the
                # visitor is the address nginx appended, the last one.
                log_data["remote_addr"] = forwarded.rsplit(",", 1)[-1].strip()
        request = log_data.pop("request", None)  # django.request / django.security pass it
        if request is not None:
            log_data["method"] = getattr(request, "method", None)
            log_data["path"] = getattr(request, "path", None)


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
