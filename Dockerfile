# One image for the web, worker and beat services (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 \
      fonts-dejavu-core postgresql-client xmlsec1 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 navet
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY . .
RUN pip install -c constraints.txt . \
 && DEBUG=1 python manage.py compilemessages --ignore=.venv -v0 \
 && DEBUG=1 python manage.py collectstatic --no-input -v0
USER navet
EXPOSE 8000
CMD ["gunicorn", "navet_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
