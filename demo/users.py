"""One login per role; the password is printed by `seed_demo` and listed in the README."""

from accounts.models import Role, User
from centers.models import Center

from .centers import DEMO_CIPO_LICENSE, DEMO_CPO_LICENSE

DEMO_PASSWORD = "navet-demo-2025"  # noqa: S105 - demo data, printed on purpose

DEMO_USERS = [
    ("centre@demo.navet.bg", "Мария Иванова", Role.CENTER_STAFF),
    ("expert@demo.navet.bg", "Георги Петров", Role.EXPERT),
    ("admin@demo.navet.bg", "Елена Димитрова", Role.ADMINISTRATOR),
]


def seed_users():
    """Create the demo users once; an existing user keeps the password it has."""
    users = []
    for email, full_name, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": full_name, "role": role}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role == Role.CENTER_STAFF:
            user.centers.add(
                *Center.objects.filter(license_number__in=[DEMO_CPO_LICENSE, DEMO_CIPO_LICENSE])
            )
        users.append(user)
    return users
