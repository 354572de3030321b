"""make bench-load: how many pages a second gunicorn serves, cached and uncached, beside a
static file, in one run.

Two gunicorn servers (production settings, one worker per CPU) on 127.0.0.1 over PostgreSQL
(database eca_bench, or BENCH_DATABASE_URL) with 10,000 generated profiles: one with the
anonymous page cache on ("cached"), one with it off ("uncached": what signed-in users and the
first visitor after an edit get). wrk (127.0.0.1 only) for a bounded time per URL, each URL
against both servers in turn, each right after the static CSS file on the same server, so a
change in the machine's load hits what is compared alike. Prints req/s, p50/p95/p99 latency,
errors and each page's throughput as a ratio of that static file run's (same gunicorn).
BENCH_CACHE_URL (e.g. redis://127.0.0.1:6379/9) gives both servers a shared Redis cache, as in
production. Not a test: it gates nothing.

    make bench-load
    make bench-load BENCH_ARGS="--rounds 3 --seconds 5"   # medians of 3 rounds
    make bench-load BENCH_ARGS="--cached-only"            # only the page-cache server
"""

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.server import BASE_DIR, gunicorn, has_command, manage, production_env, status_of

PORT = int(os.environ.get("BENCH_PORT", "8115"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/eca_bench")
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "")
ORGANISATIONS = 10_000
PAGES = [  # (name, path); a page that is a 404 on this branch is skipped
    ("home", "/"),
    ("directory", "/directory/"),
    (
        "3 facets",
        "/directory/?country=ES&industrial_ecosystem=digital&service=internationalisation",
    ),
    ("profile", "/directory/european-clusters-alliance/"),
    ("partners", "/directory/european-clusters-alliance/partners/"),
    ("search", "/directory/?q=cluster"),
    ("typo search", "/directory/?q=automotiv"),
    ("events", "/events/"),
    ("calendar", f"/events/calendar/{datetime.date.today():%Y/%m}/"),
    ("news", "/news/"),
    ("site search", "/search/?q=hydrogen"),
]
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, '
    .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def ensure_database():
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def ensure_wrk():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True)


def organisation_count(env):
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from directory.models import Organisation; print(Organisation.objects.count())",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def prepare(env):
    manage(env, "migrate", "--noinput", "--verbosity=0")
    manage(env, "load_seed")
    manage(env, "collectstatic", "--noinput", "--verbosity=0")
    if not has_command(env, "generate_demo_data"):
        print("generate_demo_data does not exist on this branch: measuring on the seed data.")
    elif organisation_count(env) < ORGANISATIONS:
        manage(env, "generate_demo_data", f"--organisations={ORGANISATIONS}", "--force")
    print(f"{organisation_count(env)} organisations in {DATABASE_URL}")


def static_css_path(env):
    static_root = Path(env.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def wrk(url, seconds, script):
    result = subprocess.run(
        ["wrk", "-t2", "-c20", f"-d{seconds}s", "--timeout=5s", "--latency", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("WRK "))
    stats = json.loads(line[4:])
    stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
    return stats


def measure(servers, seconds, rounds):
    """servers: [(label, env, port)], all running at once. Each round runs every URL against each
    server in turn, so a change in the machine's load hits them alike; each figure is the
    median over the rounds (errors are summed)."""
    targets = [("static css", static_css_path(servers[0][1])), *PAGES]
    runs = {}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        bases = [(label, stack.enter_context(gunicorn(env, port))) for label, env, port in servers]
        script = Path(tmp) / "report.lua"
        script.write_text(WRK_REPORT)
        for name, path in list(targets):
            if status_of(bases[0][1] + path) == 404:
                print(f"skip {name}: {path} is a 404 on this branch")
                targets.remove((name, path))
        static_path = targets[0][1]
        for _ in range(rounds):
            for name, path in targets[1:]:
                for label, base in bases:
                    # The static file right before each page, on the same server: the ratio
                    # compares two measurements a few seconds apart, whatever the load does.
                    static_run = wrk(base + static_path, seconds, str(script))
                    runs.setdefault((label, "static css"), []).append(static_run)
                    runs.setdefault((label, f"static before {name}"), []).append(static_run)
                    status_of(base + path)  # warm up (and fill the page cache)
                    runs.setdefault((label, name), []).append(
                        wrk(base + path, seconds, str(script))
                    )
    labels = [label for label, _env, _port in servers]

    def ceiling(label, name):
        key = "static css" if name == "static css" else f"static before {name}"
        return _median(runs[(label, key)])["rps"]

    print(
        f"\n{os.cpu_count()} gunicorn workers per server, wrk -t2 -c20 -d{seconds}s per URL and"
        f" server, median of {rounds} round(s); x static = req/s over the static file's, measured"
        " on the same server just before the page (static css: median of those runs)."
    )
    line = f"{'page':<12}"
    for label in labels:
        line += f"| {label:<44}"
    print(line)
    line = f"{'':<12}"
    for _label in labels:
        line += f"| {'req/s':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'err':>5}{'x static':>9} "
    print(line)
    for name, _path in targets:
        line = f"{name:<12}"
        for label in labels:
            s = _median(runs[(label, name)])
            errors = s["errors"] + s["non_2xx"]
            line += (
                f"| {s['rps']:>7.0f}{s['p50_ms']:>8.2f}{s['p95_ms']:>8.2f}{s['p99_ms']:>8.2f}"
                f"{errors:>5}{s['rps'] / ceiling(label, name):>9.3f} "
            )
        print(line)


def _median(results):
    merged = {
        key: statistics.median(r[key] for r in results)
        for key in ("rps", "p50_ms", "p95_ms", "p99_ms")
    }
    merged.update({key: sum(r[key] for r in results) for key in ("errors", "non_2xx")})
    return merged


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument(
        "--cached-only", action="store_true", help="only the server with the page cache on"
    )
    parser.add_argument("--compare", action="store_true", help=argparse.SUPPRESS)  # the default
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 1)))
    args = parser.parse_args()
    ensure_wrk()
    ensure_database()
    extra = {"CACHE_URL": CACHE_URL} if CACHE_URL else {}
    env = production_env(DATABASE_URL, **extra)
    prepare(env)
    servers = [("cached (page cache on)", env, PORT)]
    if not args.cached_only:
        servers.append(
            ("uncached (page cache off)", {**env, "DJANGO_PAGE_CACHE_SECONDS": "0"}, PORT - 10)
        )
    measure(servers, args.seconds, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
