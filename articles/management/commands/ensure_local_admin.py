import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure a local superuser exists and print its login. The generated "
        "password is kept in .local/admin-password (git-ignored), never fixed in code."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--password-file", type=Path, default=settings.BASE_DIR / ".local" / "admin-password"
        )

    def handle(self, *args, username, password_file, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        password = password_file.read_text().strip() if password_file.exists() else ""

        if user is None:
            password = secrets.token_urlsafe(18)
            User.objects.create_superuser(username=username, email="", password=password)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        elif not password or not user.check_password(password):
            # The account was made elsewhere or its password changed since: keep it.
            self.stdout.write(
                f"Admin login: username {username!r}; its password is not the one saved "
                f"in {password_file}. To set a new one: python manage.py changepassword {username}"
            )
            return

        self.stdout.write(f"Admin login: username {username!r}, password {password!r}")
        self.stdout.write(f"(kept in {password_file})")
