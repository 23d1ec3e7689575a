"""Signing in to Salesforce from a desktop app: OAuth 2.0 web-server flow with PKCE in the
system browser and a loopback redirect; tokens only in the keyring.

1. ``AuthFlow.begin()`` makes a verifier, its S256 challenge and a state, and the authorize URL
   on the login host (``login.salesforce.com``, ``test.salesforce.com`` or a My Domain URL).
2. ``LoopbackReceiver`` listens on ``127.0.0.1:<port>`` (the port registered in the app's callback
   URL, ``http://localhost:<port>/OauthRedirect``) for the one redirect carrying ``code``.
3. ``AuthFlow.finish(code)`` exchanges it (with the verifier) for tokens, which go to the keyring.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from desktop import credentials
from sync.connector import ConnectorError, ErrorKind

from .rest import DEFAULT_TIMEOUT, error_code, loads

PRODUCTION = "https://login.salesforce.com"
SANDBOX = "https://test.salesforce.com"
DEFAULT_PORT = 1717
SCOPES = "api refresh_token"


class SignInFailed(ConnectorError):
    """Signing in failed; ``cause``: ``denied`` | ``unreachable`` | ``address`` | ``server`` |
    ``keyring`` | ``cancelled`` | ``port``."""

    def __init__(self, message: str, cause: str, kind: ErrorKind = ErrorKind.SIGN_IN):
        super().__init__(kind, message)
        self.cause = cause


def login_host(choice: str) -> str:
    """``production`` | ``sandbox`` | a My Domain URL -> the login host URL."""
    if choice in ("", "production"):
        return PRODUCTION
    if choice == "sandbox":
        return SANDBOX
    url = choice.strip().rstrip("/")
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SignInFailed("Enter the login address (https://...).", "address")
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost"):
        raise SignInFailed("The login address must start with https://.", "address")
    return f"{parts.scheme}://{parts.netloc}"


def secret_key(login_url: str, consumer_key: str, what: str) -> str:
    """The keyring entry of the tokens for one connected app on one login host."""
    return f"salesforce:{consumer_key}@{login_url}:{what}"


@dataclass
class Tokens:
    access_token: str
    instance_url: str
    refresh_token: str | None
    identity: str

    @property
    def user_id(self) -> str:
        return self.identity.rstrip("/").rsplit("/", 1)[-1]


def parse_token_reply(body: Any, previous_refresh: str | None = None) -> Tokens:
    """A token endpoint answer, validated (documented: no ``expires_in``; ``issued_at`` ms)."""
    if not isinstance(body, dict):
        raise SignInFailed("Salesforce sent an unexpected sign-in answer.", "server")
    access, instance = body.get("access_token"), body.get("instance_url")
    identity = body.get("id")
    if not (isinstance(access, str) and access and isinstance(instance, str)):
        raise SignInFailed("Salesforce sent an unexpected sign-in answer.", "server")
    parts = urlsplit(instance)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SignInFailed("Salesforce sent an unexpected instance address.", "server")
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost"):
        raise SignInFailed("Salesforce sent an instance address without https.", "server")
    if body.get("token_type", "Bearer") != "Bearer" or not isinstance(identity, str):
        raise SignInFailed("Salesforce sent an unexpected sign-in answer.", "server")
    refresh = body.get("refresh_token", previous_refresh)
    if refresh is not None and not isinstance(refresh, str):
        raise SignInFailed("Salesforce sent an unexpected sign-in answer.", "server")
    return Tokens(access, instance.rstrip("/"), refresh, identity)


class AuthFlow:
    """One sign-in: PKCE verifier and state, the authorize URL, the code exchange."""

    def __init__(
        self,
        login_url: str,
        consumer_key: str,
        port: int = DEFAULT_PORT,
        *,
        timeout=DEFAULT_TIMEOUT,
        verify: bool | str = True,
    ):
        if not consumer_key.strip():
            raise SignInFailed("Enter the consumer key of your connected app.", "address")
        self.login_url = login_host(login_url)
        self.consumer_key = consumer_key.strip()
        self.port = port
        self.redirect_uri = f"http://localhost:{port}/OauthRedirect"
        self.verifier = secrets.token_urlsafe(64)[:96]
        self.state = secrets.token_urlsafe(16)
        self.timeout = timeout
        self.verify = verify

    @property
    def challenge(self) -> str:
        digest = hashlib.sha256(self.verifier.encode()).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def authorize_url(self) -> str:
        params = {
            "response_type": "code",
            "client_id": self.consumer_key,
            "redirect_uri": self.redirect_uri,
            "code_challenge": self.challenge,
            "code_challenge_method": "S256",
            "scope": SCOPES,
            "state": self.state,
            "prompt": "login consent",
        }
        return f"{self.login_url}/services/oauth2/authorize?{urlencode(params)}"

    def finish(self, redirect: dict[str, str], remember: bool = True) -> Tokens:
        """Exchange the redirect's code for tokens; keeps them in the keyring."""
        if redirect.get("state") != self.state:
            raise SignInFailed("The sign-in answer did not match this sign-in.", "server")
        if "error" in redirect:
            cause = "denied" if redirect["error"] == "access_denied" else "server"
            raise SignInFailed(redirect.get("error_description") or redirect["error"], cause)
        code = redirect.get("code")
        if not code:
            raise SignInFailed("Salesforce sent no authorization code.", "server")
        body = token_request(
            self.login_url,
            {
                "grant_type": "authorization_code",
                "code": code,
                "client_id": self.consumer_key,
                "redirect_uri": self.redirect_uri,
                "code_verifier": self.verifier,
            },
            self.timeout,
            self.verify,
        )
        tokens = parse_token_reply(body)
        if remember:
            save_tokens(self.login_url, self.consumer_key, tokens)
        return tokens


def token_request(login_url: str, form: dict[str, str], timeout, verify) -> Any:
    try:
        response = requests.post(
            f"{login_url}/services/oauth2/token", data=form, timeout=timeout, verify=verify
        )
    except requests.RequestException as exc:
        raise SignInFailed(
            f"Salesforce is not reachable ({type(exc).__name__}).",
            "unreachable",
            ErrorKind.TRANSIENT,
        ) from None
    body = loads(response.content) if response.content else None
    if response.status_code != 200:
        code, message = error_code(body)
        if code in ("invalid_grant", "invalid_client_id", "invalid_client"):
            raise SignInFailed("Sign in to Salesforce again.", "denied")
        if response.status_code >= 500:
            raise SignInFailed(message or "Salesforce error", "server", ErrorKind.TRANSIENT)
        raise SignInFailed(message or code or "Salesforce refused the sign-in.", "server")
    return body


def revoke(login_url: str, token: str, timeout=DEFAULT_TIMEOUT, verify: bool | str = True) -> None:
    """``POST /services/oauth2/revoke`` (best effort: a failure leaves the token to expire)."""
    try:
        requests.post(
            f"{login_url}/services/oauth2/revoke",
            data={"token": token},
            timeout=timeout,
            verify=verify,
        )
    except requests.RequestException:
        pass


def save_tokens(login_url: str, consumer_key: str, tokens: Tokens) -> None:
    session = json.dumps(
        {
            "access_token": tokens.access_token,
            "instance_url": tokens.instance_url,
            "id": tokens.identity,
        }
    )
    credentials.save_secret(secret_key(login_url, consumer_key, "session"), session)
    if tokens.refresh_token:
        credentials.save_secret(
            secret_key(login_url, consumer_key, "refresh"), tokens.refresh_token
        )


def load_tokens(login_url: str, consumer_key: str) -> Tokens | None:
    raw = credentials.load_secret(secret_key(login_url, consumer_key, "session"))
    refresh = credentials.load_secret(secret_key(login_url, consumer_key, "refresh"))
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Tokens(data["access_token"], data["instance_url"], refresh, data.get("id", ""))
    except (ValueError, KeyError, TypeError):
        return None


def forget_tokens(login_url: str, consumer_key: str) -> None:
    for what in ("session", "refresh"):
        credentials.forget_secret(secret_key(login_url, consumer_key, what))


class LoopbackReceiver:
    """Waits on 127.0.0.1 for the browser's one redirect to ``/OauthRedirect``."""

    def __init__(self, port: int = DEFAULT_PORT, page: str = "You can close this window."):
        receiver = self
        self.result: dict[str, str] | None = None
        self._done = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                if parts.path != "/OauthRedirect":
                    self.send_error(404)
                    return
                payload = f"<html><body><p>{page}</p></body></html>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                receiver.result = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                receiver._done.set()

        try:
            self._httpd = HTTPServer(("127.0.0.1", port), Handler)
        except OSError:
            raise SignInFailed(
                f"Port {port} on this computer is in use; close what uses it and try again.",
                "port",
            ) from None
        self._step = 0.5
        self._httpd.timeout = self._step

    def wait(self, seconds: float, cancelled=lambda: False) -> dict[str, str]:
        """The redirect's query; SignInFailed(cancelled) when cancelled or out of time."""
        waited = 0.0
        try:
            while not self._done.is_set():
                if cancelled() or waited >= seconds:
                    raise SignInFailed("Sign-in was cancelled.", "cancelled")
                self._httpd.handle_request()
                waited += self._step
            return self.result or {}
        finally:
            self._httpd.server_close()

    def close(self) -> None:
        self._httpd.server_close()


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
