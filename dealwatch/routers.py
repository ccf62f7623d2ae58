"""Reads scale out, writes stay on one primary.

With DATABASE_REPLICA_URLS set, public reads go to a replica; writes, and
every read made while serving the admin or a non-GET request, go to the
primary, so a curator always sees what they just saved.

For DATABASE_REPLICA_LAG seconds after a curated change, public reads go to
the primary too: a replica may not have the change yet, and what a page
reads then would be cached under the archive's new version (articles.freshness)
as if it were current.
"""

import random
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase

from articles.freshness import changed_within

_use_primary: ContextVar[bool] = ContextVar("use_primary", default=False)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class PrimaryReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        replicas = settings.DATABASE_REPLICAS
        if not replicas or _use_primary.get():
            return "default"
        return random.choice(replicas)

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Replicas hold the same data as the primary.
        return True

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool:
        return db == "default"


class PrimaryForCuratorsMiddleware:
    """Pins the admin, every non-GET request, and every request in the
    moments after a curated change to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        admin = request.path.startswith(settings.ADMIN_URL_PREFIXES)
        primary = admin or request.method not in SAFE_METHODS
        if not primary and settings.DATABASE_REPLICAS:
            primary = changed_within(settings.DATABASE_REPLICA_LAG)
        token = _use_primary.set(primary)
        try:
            return self.get_response(request)
        finally:
            _use_primary.reset(token)
