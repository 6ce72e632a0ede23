"""The experiments plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable

from core.hookspecs import hookimpl


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.experiments.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.experiments.routes import ExperimentAdminController

    register(ExperimentAdminController)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from plugins.experiments.sources import page_assignments

    register("experiments.assignments", page_assignments)
