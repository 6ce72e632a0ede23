"""The experiments plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.hookspecs import hookimpl

ADMIN_BUNDLE = Path(__file__).parent / "admin" / "dist"


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


@hookimpl
async def kaidian_collect_block_variants(shop_id: int) -> list[dict[str, Any]]:
    """Every running block experiment's variants, compiled into the generated app; the page
    picks one per device through ``experiments.assignments`` in its usual batch read."""
    from plugins.experiments.models import Experiment, ExperimentKind, ExperimentStatus

    offered = []
    for experiment in await Experiment.filter(shop_id=shop_id, status=ExperimentStatus.RUNNING, kind=ExperimentKind.BLOCK).order_by("id"):
        variants = experiment.variants
        offered.append({
            "page": experiment.page_route,
            "block_id": experiment.block_id,
            "component": variants[0].get("component"),
            "source": "experiments.assignments",
            "variants": {variant["key"]: variant["props"] for variant in variants},
        })
    return offered


def _block_ids(route: str, control: list[dict[str, Any]], blocks: list[dict[str, Any]]) -> list[str] | None:
    """A page variant's blocks as the ids events (and generation) name them: a block's own id,
    else ``<route>.<index>`` of the equal block in the control (the page when the experiment
    was made); None when a block is neither."""
    ids = []
    for block in blocks:
        if block.get("id"):
            ids.append(str(block["id"]))
            continue
        position = next((index for index, own in enumerate(control) if own == block), None)
        if position is None:
            return None
        ids.append(f"{route}.{position}")
    return ids


@hookimpl
async def kaidian_collect_page_variants(shop_id: int) -> list[dict[str, Any]]:
    """Every running page experiment's block orders, compiled into the generated app; the page
    picks one per device through ``experiments.assignments`` in its usual batch read."""
    from plugins.experiments.models import Experiment, ExperimentKind, ExperimentStatus

    offered = []
    for experiment in await Experiment.filter(shop_id=shop_id, status=ExperimentStatus.RUNNING, kind=ExperimentKind.PAGE).order_by("id"):
        route, control = experiment.page_route, experiment.variants[0]["components"]
        orders = {variant["key"]: _block_ids(route, control, variant["components"]) for variant in experiment.variants}
        if all(ids for ids in orders.values()):
            offered.append({"page": route, "source": "experiments.assignments", "variants": orders})
    return offered


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("experiments", {"zh-CN": "A/B 实验", "en": "A/B experiments"}, "/experiments", icon="data-analysis", roles=("owner", "operator"), order=45)


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/experiments", "ExperimentsScreen", ADMIN_BUNDLE)


@hookimpl
def kaidian_register_admin_extensions(register: Callable[..., None]) -> None:
    # the page editor: "新建实验" on the selected block, a mark on blocks under an experiment,
    # "页面实验" in the toolbar
    register("editor.block-actions", "ExperimentBlockAction", ADMIN_BUNDLE)
    register("editor.block-badges", "ExperimentBlockBadge", ADMIN_BUNDLE)
    register("editor.page-actions", "ExperimentPageAction", ADMIN_BUNDLE)
