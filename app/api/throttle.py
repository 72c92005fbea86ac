"""Sign-in throttling: failed attempts counted per account and per client address.

Only failures count. While an account or an address is over its limit every attempt is
refused with 429 before the password is checked, a right one too: otherwise the throttle would
still answer "right" or "wrong" and an attacker could keep guessing. A success clears the
account's count (its owner mistyped); the address's count stays, so signing in to one's own
account does not reset the count of an address that is guessing at others.

The counts live in the `limits` storage named by CONSENSO_RATE_LIMIT_STORAGE: memory:// keeps
them in this process (per worker), redis://... shares them between workers. The `limits`
library reads its own time for its windows; the services never see it.
"""

from __future__ import annotations

import contextlib
import hashlib
import unicodedata
from typing import Annotated

from fastapi import Depends, Request
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from app.errors import TooManyRequests, Unavailable
from app.settings import Settings

UNREACHABLE = "Sign-in is unavailable for now: the throttle's store does not answer."


class LoginThrottle:
    def __init__(self, settings: Settings) -> None:
        self.per_account: RateLimitItem = parse(settings.login_failures_per_account)
        self.per_address: RateLimitItem = parse(settings.login_failures_per_address)
        self.storage_uri = settings.rate_limit_storage
        self._limiter: MovingWindowRateLimiter | None = None

    @property
    def limiter(self) -> MovingWindowRateLimiter:
        # Made on the first sign-in, so an app that never signs anyone in starts no timer.
        if self._limiter is None:
            storage = storage_from_string(self.storage_uri, wrap_exceptions=True)
            if not isinstance(storage, Storage):
                raise ValueError("CONSENSO_RATE_LIMIT_STORAGE must be a synchronous storage")
            self._limiter = MovingWindowRateLimiter(storage)
        return self._limiter

    def check(self, *, username: str, address: str) -> None:
        """429 with Retry-After when the account or the address has failed too often."""
        try:
            account_ok = self.limiter.test(self.per_account, "login-account", _key(username))
            address_ok = self.limiter.test(self.per_address, "login-address", address)
        except StorageError as exc:
            raise Unavailable(UNREACHABLE, code="auth.throttle_unreachable") from exc
        if not account_ok:
            raise _refusal("this account", self.per_account, "auth.too_many_account")
        if not address_ok:
            raise _refusal("your network address", self.per_address, "auth.too_many_address")

    def failed(self, *, username: str, address: str) -> None:
        try:
            self.limiter.hit(self.per_account, "login-account", _key(username))
            self.limiter.hit(self.per_address, "login-address", address)
        except StorageError as exc:
            raise Unavailable(UNREACHABLE, code="auth.throttle_unreachable") from exc

    def succeeded(self, *, username: str) -> None:
        # Should the store fail here, the count expires by itself; the user is signed in anyway.
        with contextlib.suppress(StorageError):
            self.limiter.clear(self.per_account, "login-account", _key(username))


def _key(username: str) -> str:
    """A fixed-length key for the account as the sign-in looks it up (any text may be typed)."""
    normal = unicodedata.normalize("NFC", username.strip().lower())
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()


def _refusal(whom: str, limit: RateLimitItem, code: str) -> TooManyRequests:
    # A moving window: once `window` seconds pass with no new failure, every counted one is gone.
    window = limit.get_expiry()
    return TooManyRequests(
        f"Too many failed sign-ins for {whom} ({limit.amount} within {window} seconds). "
        f"Wait {window} seconds and try again.",
        retry_after=window,
        code=code,
        params={"amount": limit.amount, "window": window},
    )


def client_address(request: Request, settings: Settings) -> str:
    """The address the request came from; behind a trusted proxy, the one it saw (the last
    X-Forwarded-For entry, which the proxy appended and the client cannot forge)."""
    if settings.trust_proxy_headers:
        forwarded = request.headers.get("x-forwarded-for", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.client.host if request.client else "unknown"


def get_throttle(request: Request) -> LoginThrottle:
    throttle: LoginThrottle = request.app.state.login_throttle  # set by create_app
    return throttle


ThrottleDep = Annotated[LoginThrottle, Depends(get_throttle)]
