# The European cluster directory: nginx in front of gunicorn on a slim Python, as a non-root
# user. One container runs both (`manage.py serve` supervises them): nginx buffers slow clients
# and serves static files and public uploads; gunicorn listens on a unix socket only nginx uses.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000 \
    WEB_CONCURRENCY=2 \
    DJANGO_TASKS_BACKEND=database

# pg_dump/pg_restore for `python -m eca_site.lib.backup` (make backup / make restore); nginx.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client nginx \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings to load: a throwaway key, never used at run time.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --no-create-home --home-dir /app eca \
    && mkdir -p /app/var/media /app/var/backups /app/var/serve && chown -R eca /app/var

USER eca
EXPOSE 8000
# /healthz answers before host validation and the HTTPS redirect: probing 127.0.0.1 works.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, sys, urllib.request; sys.exit(urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4).status != 200)"
# The web process. Workers run the same image with another command, on as many machines as
# needed (README, "Background workers"): `python manage.py db_worker --queue-name '*'`.
CMD ["python", "manage.py", "serve"]
