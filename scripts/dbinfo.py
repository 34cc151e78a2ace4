"""Print the configured database and media root as shell variables (for backup/restore)."""

import os
import shlex
import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "navet_portal.settings")

from django.conf import settings  # noqa: E402

db = settings.DATABASES["default"]
values = {
    "DB_ENGINE": "postgresql" if "postgresql" in db["ENGINE"] else "sqlite",
    "DB_NAME": str(db["NAME"]),
    "DB_HOST": db.get("HOST") or "127.0.0.1",
    "DB_PORT": str(db.get("PORT") or 5432),
    "DB_USER": db.get("USER") or "",
    "DB_PASSWORD": db.get("PASSWORD") or "",
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
}
for name, value in values.items():
    print(f"{name}={shlex.quote(value)}")
