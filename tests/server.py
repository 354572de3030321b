"""Run the site under gunicorn with production-like settings, for Lighthouse and wrk.

Used by tests/lighthouse/run.py and tests/bench/load.py; not a test module.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
VAR = BASE_DIR / "var"


def production_env(database_url, **extra):
    """The environment of a production deployment, on 127.0.0.1 over plain HTTP."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or "local-run-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on the loopback: no redirect to https (the variable exists once the
        # production-security settings land; it is ignored before).
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        DJANGO_CONN_MAX_AGE="60",
    )
    env.update(extra)
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def has_command(env, name):
    result = subprocess.run(
        [sys.executable, "manage.py", "help", name], cwd=BASE_DIR, env=env, capture_output=True
    )
    return result.returncode == 0


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextmanager
def gunicorn(env, port, workers=None):
    """gunicorn on 127.0.0.1:port, daemonised with a pid file; stopped by that pid on exit."""
    VAR.mkdir(exist_ok=True)
    pid_file = VAR / f"gunicorn-{port}.pid"
    workers = workers or os.cpu_count() or 1
    subprocess.run(
        [
            str(VENV_BIN / "gunicorn"),
            "eca_site.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--pid={pid_file}",
            f"--error-logfile={VAR / f'gunicorn-{port}.log'}",
            "--daemon",
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if status_of(base + "/healthz") == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn did not answer on {base}; see {VAR}/gunicorn-{port}.log")
        yield base
    finally:
        _stop(pid_file)


def _stop(pid_file):
    for _ in range(50):  # the daemon writes its pid file shortly after forking
        if pid_file.exists() and pid_file.read_text().strip():
            break
        time.sleep(0.1)
    else:
        return
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, 15)
    except ProcessLookupError:
        return
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    print(f"gunicorn {pid} did not stop within 10 s", file=sys.stderr)
