"""`make serve` runs the container's gunicorn command locally: it serves pages, static files
and /healthz with DEBUG off. Starts the real command on a free 127.0.0.1 port, stops it after."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

START_TIMEOUT = 180  # migrate + load_seed + collectstatic + gunicorn boot on a busy 2-core box


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def served(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        WEB_CONCURRENCY="1",
        DJANGO_LOG_LEVEL="WARNING",
    )
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"SERVE_PORT={port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: make and gunicorn stop together
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("make serve did not start:\n" + (tmp_path / "serve.log").read_text())
            time.sleep(0.5)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


def test_make_serve_runs_gunicorn_with_debug_off_and_serves_pages(served):
    status, headers, html = fetch(f"{served}/")
    assert status == 200
    assert "<h1>Find Europe's cluster organisations</h1>" in html
    assert "Development mode" not in html  # DEBUG is off
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert headers["X-Frame-Options"] == "DENY"

    status, _, html = fetch(f"{served}/directory/european-clusters-alliance/")
    assert status == 200
    assert "<h1>European Clusters Alliance</h1>" in html

    # whitenoise serves the collected, hashed stylesheet with a long cache lifetime
    css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html)
    assert css, "the stylesheet link is not the hashed, collected file"
    status, headers, _ = fetch(served + css.group(1))
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]

    status, _, html = fetch(f"{served}/no-such-page/")
    assert status == 404
    assert "Page not found" in html
