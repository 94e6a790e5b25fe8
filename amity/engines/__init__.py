"""Engines: where the pipeline runs (this process, local worker processes, a Ray cluster)."""

from __future__ import annotations

from amity.engines.base import Engine, EngineOptions
from amity.errors import InputError

ENGINES = ("local", "ray")


def get_engine(name: str, options: EngineOptions) -> Engine:
    if name == "local":
        from amity.engines.local import LocalEngine

        return LocalEngine(options)
    if name == "ray":
        try:
            from amity.engines.ray_engine import RayEngine
        except ImportError as exc:
            raise InputError("the Ray engine needs the ray extra",
                             hint="pip install 'amity[ray]' (make test installs it)") from exc
        return RayEngine(options)
    raise InputError(f"unknown engine {name!r}", hint=f"Choose one of: {', '.join(ENGINES)}.")
