"""What keeps the dashboard safe to open: loopback by default, a token for anything else,
and headers that forbid inline script, framing and content sniffing."""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from amity.errors import AmityError, InputError

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
COOKIE = "amity_token"
MIN_TOKEN = 16


class Unauthorized(AmityError):
    code = "unauthorized"
    hint = "Send `Authorization: Bearer TOKEN`, or open /?token=TOKEN once in the browser."


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, allow_remote: bool, token: str | None) -> None:
    """Refuse a non-loopback address unless --allow-remote and a long enough token are given."""
    if is_loopback(host):
        return
    if not allow_remote:
        raise InputError(f"{host} is not a loopback address",
                         hint="The dashboard listens on 127.0.0.1 by default; to expose it, add "
                              "--allow-remote and --token (or $AMITY_TOKEN).")
    if not token or len(token) < MIN_TOKEN:
        raise InputError(f"--allow-remote needs a --token of at least {MIN_TOKEN} characters",
                         hint="For example: --token \"$(openssl rand -hex 16)\".")


class SecurityHeaders:
    """Adds HEADERS to every HTTP response that does not set them itself (plain ASGI: no extra
    task or body copy per request)."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


def _presented(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.cookies.get(COOKIE)


class TokenGate:
    """Every request needs the token: a bearer header, the cookie, or ?token= (which sets the
    cookie and redirects to the same page without it)."""

    def __init__(self, app: ASGIApp, token: str):
        self.app = app
        self.token = token

    def _ok(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode(), self.token.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        query_token = request.query_params.get("token")
        if query_token is not None and self._ok(query_token):
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            response: Response = RedirectResponse(target, status_code=303)
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
        elif not self._ok(_presented(request)):
            body = Unauthorized("a valid token is required").to_dict()
            response = JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        else:
            await self.app(scope, receive, send)
            return
        await response(scope, receive, send)
