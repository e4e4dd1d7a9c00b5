"""Read-mostly data (settings, the working calendar) read once per service call, not once per rule.

A service call is short and writes in one transaction, so what it reads of the settings
cannot usefully change under it; re-reading them for every rule cost more than the work.
Outside a service call nothing is cached, so a change made at the other desk is seen at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

_cache: ContextVar[dict[str, Any] | None] = ContextVar("studio_desk_call_cache", default=None)
F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def service_call() -> Iterator[None]:
    if _cache.get() is not None:  # nested call: share the outer one's cache
        yield
        return
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def cached_per_call(fn: F) -> F:
    """Decorator for a service function: its reads of settings and calendar are shared."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with service_call():
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def memo(key: str, compute: Callable[[], Any]) -> Any:
    cache = _cache.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def forget(key: str) -> None:
    cache = _cache.get()
    if cache is not None:
        cache.pop(key, None)
