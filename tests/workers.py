"""Real infrastructure for the background-task tests: a fake SMTP server and a worker process.

with fake_smtp(refuse=2) as smtp:      # answers 451 to the first two messages
    settings.MAILERS = smtp.mailers
    ...
    smtp.wait_for(1)

with database_tasks(settings), worker_process(smtp):   # django-tasks-db + `db_worker`
    ...
"""

import email
import email.policy
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from aiosmtpd.controller import Controller
from asgiref.local import Local
from django.db import connection
from django.tasks import task_backends

REPO = Path(__file__).resolve().parent.parent
# Ports of this feature's servers (the lead's port plan gives issue 17 8220-8239).
PORTS = range(8220, 8240)


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {PORTS}")


class FlakyHandler:
    """Refuses (451, "try again later") the first `refuse` messages, then accepts; with
    `hang` seconds it waits that long before answering the first message."""

    def __init__(self, refuse=0, hang=0):
        self.refuse = refuse
        self.hang = hang
        self.attempts = 0
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        self.attempts += 1
        if self.hang and self.attempts == 1:
            await asyncio.sleep(self.hang)
        if self.attempts <= self.refuse:
            return "451 4.3.0 Mail server busy, try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 2.0.0 OK"


class FakeSMTP:
    def __init__(self, handler, port):
        self.handler = handler
        self.port = port

    @property
    def messages(self):
        return self.handler.messages

    @property
    def attempts(self):
        return self.handler.attempts

    @property
    def mailers(self):
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "use_tls": False, "timeout": 5},
            }
        }

    @property
    def env(self):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_USE_TLS": "0",
            "EMAIL_TIMEOUT": "2",
        }

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@contextmanager
def fake_smtp(refuse=0, hang=0):
    handler = FlakyHandler(refuse=refuse, hang=hang)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield FakeSMTP(handler, port)
    finally:
        controller.stop()


def _reset_task_backends():
    task_backends.__dict__.pop("settings", None)
    task_backends._settings = None
    task_backends._connections = Local(False)


@contextmanager
def database_tasks(settings):
    """Enqueue into django-tasks-db (as production does) for the rest of the block."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    _reset_task_backends()
    try:
        yield
    finally:
        _reset_task_backends()


def worker_env(smtp, **extra):
    """The environment of a worker process on this test's database and fake SMTP server."""
    db = connection.settings_dict
    url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return {
        **os.environ,
        "DATABASE_URL": f"{url}/{db['NAME']}",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "x"),
        "DJANGO_TASKS_BACKEND": "database",
        "DJANGO_MAIL_RETRY_SECONDS": "1",
        "DJANGO_LOG_FORMAT": "text",
        **smtp.env,
        **extra,
    }


@contextmanager
def worker_process(smtp, **extra_env):
    """`manage.py db_worker` in its own process, polling every 0.1 s, stopped at the end."""
    process = start_worker(smtp, **extra_env)
    try:
        yield process
    finally:
        stop_worker(process)


def start_worker(smtp, **extra_env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1"],
        cwd=REPO,
        env=worker_env(smtp, **extra_env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop_worker(process, kill=False):
    if process.poll() is None:
        process.kill() if kill else process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.stderr.read().decode(errors="replace") if process.stderr else ""
