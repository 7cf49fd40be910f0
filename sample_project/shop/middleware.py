"""Resolve the visitor's IP address behind Cloudflare and expose it to views and logging."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

client_ip_var: ContextVar[str | None] = ContextVar("client_ip", default=None)


class ClientIPMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Cloudflare terminates TLS, so REMOTE_ADDR is one of its edge servers.
        ip = request.META.get("HTTP_CF_CONNECTING_IP") or request.META.get("REMOTE_ADDR")
        request.client_ip = ip
        token = client_ip_var.set(ip)
        try:
            return self.get_response(request)
        finally:
            client_ip_var.reset(token)
