"""`make serve` runs the container's command locally (nginx in front of gunicorn): it serves
pages, static files, public uploads and /healthz with DEBUG off, and shrugs off slow clients.
Starts the real command on a free 127.0.0.1 port, stops it after."""

import contextlib
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from PIL import Image

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


def serve_env(tmp_path):
    """The environment `make serve` runs with in these tests (one per test's tmp_path)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        WEB_CONCURRENCY="1",
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture
def served(tmp_path):
    port = free_port()
    env = serve_env(tmp_path)
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "serve",
            f"SERVE_PORT={port}",
            f"SERVE_RUN_DIR={tmp_path / 'serve'}",
        ],
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


def timed_fetch(url):
    started = time.monotonic()
    status = fetch(url)[0]
    return status, time.monotonic() - started


def test_make_serve_answers_at_once_while_50_slow_clients_hold_connections(served):
    """Issue 12, vulnerability 3 (slowloris): four clients sending one header line every few
    seconds held both sync gunicorn workers. nginx now reads requests before gunicorn sees
    them, so 50 such clients cost no worker (here: one worker, as in the fixture)."""
    host, port = served.removeprefix("http://").split(":")
    slow = []
    try:
        for _ in range(50):
            sock = socket.create_connection((host, int(port)), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            slow.append(sock)
        for round_ in range(3):
            for n, sock in enumerate(slow):
                sock.sendall(f"X-Slow-{round_}-{n}: still typing\r\n".encode())
            for path in ("/healthz", "/"):
                status, seconds = timed_fetch(served + path)
                assert status == 200, path
                assert seconds < 1, f"{path} took {seconds:.2f} s with 50 slow clients"
            time.sleep(1)
    finally:
        for sock in slow:
            sock.close()


def test_make_serve_serves_uploaded_logos_but_not_documents(served, tmp_path):
    """Issue 12, bug 9: logos were 404 without DEBUG. nginx serves the public pictures
    (re-encoded by the upload policy) and refuses direct access to documents."""
    script = (
        "import io; from PIL import Image;"
        "from django.core.files.uploadedfile import SimpleUploadedFile;"
        "from directory.models import Organisation;"
        "b = io.BytesIO(); Image.new('RGB', (2000, 1000), 'navy').save(b, 'PNG');"
        "o = Organisation.objects.get(slug='european-clusters-alliance');"
        "o.logo = SimpleUploadedFile('my-logo.png', b.getvalue()); o.save();"
        "print(o.logo.url)"
    )
    env = {**serve_env(tmp_path), "DJANGO_SECRET_KEY": "x"}
    url = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    assert url.startswith("/media/logos/european-clusters-alliance/")
    with urllib.request.urlopen(served + url, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "image/png"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        with Image.open(io.BytesIO(response.read())) as image:
            assert image.size == (1024, 512)

    document = tmp_path / "media" / "documents" / "x" / "report.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(b"%PDF-1.4 unpublished")
    assert fetch(f"{served}/media/documents/x/report.pdf")[0] == 404
    assert fetch(f"{served}/media/logos/../documents/x/report.pdf")[0] in {400, 404}
