# Familieschool: one image for web (gunicorn), worker and beat (celery). See docs/deployment.md.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    FAMILIESCHOOL_DATA_DIR=/app/data \
    FAMILIESCHOOL_PRIVATE_MEDIA_ROOT=/app/data/private

# Pango and a font for WeasyPrint (PDF reports); no compilers: every pinned dependency ships a wheel.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Runtime dependencies only: the [project] dependencies of pyproject.toml, pinned by
# requirements.lock (which also lists the dev tools; as a constraints file those stay out).
COPY pyproject.toml requirements.lock ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/runtime-requirements.txt \
    && pip install --no-cache-dir -r /tmp/runtime-requirements.txt -c requirements.lock \
    && pip check \
    && rm /tmp/runtime-requirements.txt

COPY . .

# Static files are collected into the image (whitenoise serves them with hashed names).
# Settings refuse to load without these variables when DEBUG is off but never connect at
# import, so dummy values are given to this one command only; nothing of them stays in the image.
RUN DJANGO_DEBUG=0 \
    DJANGO_SECRET_KEY=build-only-not-a-secret \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/data/private \
    && chown -R app:app /app/data

# The code stays owned by root and read-only for the app; only /app/data is writable.
USER app

EXPOSE 8000

CMD ["gunicorn", "familieschool.wsgi", "-b", "0.0.0.0:8000", "-w", "3"]
