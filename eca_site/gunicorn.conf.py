"""gunicorn settings, shared by the container (Dockerfile CMD) and `make serve`.

    gunicorn --config eca_site/gunicorn.conf.py eca_site.wsgi

Everything a deployment tunes comes from the environment.
"""

import os

from eca_site.lib.jsonlog import stdout_logging

bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never grows unbounded.
max_requests = 1000
max_requests_jitter = 100
# Heartbeat files in memory, not on a (possibly slow) container overlay filesystem.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Logs: access and errors on stdout/stderr as JSON lines, like Django's (DJANGO_LOG_FORMAT).
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms'
logconfig_dict = stdout_logging(
    os.environ.get("DJANGO_LOG_FORMAT", "json"), loggers=["gunicorn.error", "gunicorn.access"]
)
