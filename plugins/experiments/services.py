"""The rules of experiments: variants validated like any block by the component registry, one
running experiment per block (or per page, for page experiments), start and stop."""

from __future__ import annotations

import secrets
from typing import Any

import jsonschema
from tortoise.transactions import in_transaction

from core import clock
from core.errors import Conflict, InvalidInput, NotFound
from plugins.experiments.models import Experiment, ExperimentKind, ExperimentStatus


def _check_block(components: Any, field: str, component: str | None, props: Any) -> None:
    definition = components.get(component) if component else None
    if definition is None:
        raise InvalidInput(field=field, reason={"zh-CN": f"未知组件 {component}", "en": f"unknown component {component}"})
    if not isinstance(props, dict):
        raise InvalidInput(field=field, reason={"zh-CN": "缺少组件属性", "en": "props are missing"})
    # a required prop left out is reported missing, not quietly given its default
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(definition.props_schema).iter_errors(definition.with_defaults(props, fill_required=False))
    )
    if error is not None:
        where = ".".join(str(part) for part in error.absolute_path)
        raise InvalidInput(
            field=f"{field}.{where}" if where else field,
            reason={"zh-CN": f"属性不符合组件定义：{error.message}", "en": f"props do not fit the component: {error.message}"},
        )


def check_variants(data: dict[str, Any], components: Any) -> None:
    """Every variant is a valid block (block experiments) or a list of valid blocks (pages)."""
    keys = [variant["key"] for variant in data["variants"]]
    if len(set(keys)) != len(keys):
        raise InvalidInput(field="variants", reason={"zh-CN": "变体标识重复", "en": "variant keys repeat"})
    if sum(variant["weight"] for variant in data["variants"]) <= 0:
        raise InvalidInput(field="variants", reason={"zh-CN": "流量比例之和须大于 0", "en": "weights must add up to more than 0"})
    for index, variant in enumerate(data["variants"]):
        field = f"variants[{index}]"
        if data["kind"] == ExperimentKind.BLOCK:
            if not data.get("block_id"):
                raise InvalidInput(field="block_id", reason={"zh-CN": "组件实验需指定组件", "en": "a block experiment names its block"})
            _check_block(components, f"{field}.props", data.get("component"), variant.get("props"))
        else:
            blocks = variant.get("components")
            if not isinstance(blocks, list) or not blocks:
                raise InvalidInput(field=f"{field}.components", reason={"zh-CN": "页面实验的变体需要组件列表", "en": "a page variant lists its blocks"})
            for position, block in enumerate(blocks):
                if not isinstance(block, dict):
                    raise InvalidInput(field=f"{field}.components[{position}]", reason={"zh-CN": "组件格式错误", "en": "not a block"})
                _check_block(components, f"{field}.components[{position}].props", block.get("type"), block.get("props"))


async def create_experiment(shop_id: int, data: dict[str, Any], components: Any) -> Experiment:
    check_variants(data, components)
    data = {name: value for name, value in data.items() if name != "component"} | {
        "variants": [
            {name: value for name, value in variant.items() if value is not None} | ({"component": data["component"]} if data.get("component") else {})
            for variant in data["variants"]
        ]
    }
    return await Experiment.create(shop_id=shop_id, key=secrets.token_hex(8), **data)


async def get_experiment(shop_id: int, experiment_id: int) -> Experiment:
    experiment = await Experiment.get_or_none(id=experiment_id, shop_id=shop_id)
    if experiment is None:
        raise NotFound(field="experiment_id")
    return experiment


async def list_experiments(shop_id: int) -> list[Experiment]:
    return await Experiment.filter(shop_id=shop_id).order_by("-id")


async def start_experiment(shop_id: int, experiment_id: int) -> Experiment:
    """Start a draft; refused while another experiment runs on the same block (or page)."""
    async with in_transaction():
        experiment = await get_experiment(shop_id, experiment_id)
        if experiment.status != ExperimentStatus.DRAFT:
            raise Conflict(field="status", reason={"zh-CN": "只有草稿实验可以开始", "en": "only a draft experiment can start"})
        same_target = Experiment.filter(shop_id=shop_id, status=ExperimentStatus.RUNNING, page_route=experiment.page_route)
        if experiment.kind == ExperimentKind.BLOCK:
            same_target = same_target.filter(block_id=experiment.block_id)
        if await same_target.exists():
            raise Conflict(field="block_id", reason={"zh-CN": "该组件已有进行中的实验", "en": "another experiment is running on this block"})
        experiment.status = ExperimentStatus.RUNNING
        experiment.started_at = clock.now()
        await experiment.save(update_fields=["status", "started_at"])
    return experiment


async def stop_experiment(shop_id: int, experiment_id: int) -> Experiment:
    experiment = await get_experiment(shop_id, experiment_id)
    if experiment.status != ExperimentStatus.RUNNING:
        raise Conflict(field="status", reason={"zh-CN": "实验未在进行中", "en": "the experiment is not running"})
    experiment.status = ExperimentStatus.STOPPED
    experiment.stopped_at = clock.now()
    await experiment.save(update_fields=["status", "stopped_at"])
    return experiment
