"""Every answer of the API is JSON, whatever the Accept header asks."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rest_framework.negotiation import DefaultContentNegotiation

if TYPE_CHECKING:  # REST framework's views import this module
    from rest_framework.renderers import BaseRenderer
    from rest_framework.request import Request


class JSONOnly(DefaultContentNegotiation):
    """No 406: a client that asks for HTML or XML gets JSON all the same."""

    def select_renderer(
        self, request: "Request", renderers: Sequence["BaseRenderer"], format_suffix: Any = None
    ) -> tuple["BaseRenderer", str]:
        renderer = renderers[0]
        return renderer, renderer.media_type
