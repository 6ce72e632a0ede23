"""The rules of experiments: variants validated like any block by the component registry, one
running experiment per block (or per page, for page experiments), start and stop."""

from __future__ import annotations

import json
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


def called_winner(results: dict[str, Any]) -> str | None:
    """The variant the statistics call the winner, or None: the best variant that beats the
    control significantly (after the minimum sample, with a sound split); the control when every
    variant loses to it significantly; else nobody yet."""
    arms = [arm for arm in results["variants"][1:] if arm["key"] != "holdout" and "verdict" in arm]
    if not arms:
        return None
    winners = [arm for arm in arms if arm["verdict"] == "variant_wins"]
    if winners:
        return max(winners, key=lambda arm: arm["comparison"]["difference"])["key"]
    if all(arm["verdict"] == "control_wins" for arm in arms):
        return results["variants"][0]["key"]
    return None


def _apply_variant(config: dict[str, Any], experiment: Experiment, variant: dict[str, Any]) -> dict[str, Any]:
    """The configuration with ``variant`` written over the experiment's block (or page)."""
    page = next((page for page in config.get("pages", []) if isinstance(page, dict) and page.get("route") == experiment.page_route), None)
    if page is None:
        raise Conflict(field="page_route", reason={"zh-CN": f"草稿中已没有页面 {experiment.page_route}", "en": f"the draft has no page {experiment.page_route} any more"})
    if experiment.kind == ExperimentKind.PAGE:
        page["components"] = [dict(block) for block in variant["components"]]
        return config
    block = next((block for block in page.get("components", []) if isinstance(block, dict) and block.get("id") == experiment.block_id), None)
    if block is None:
        raise Conflict(field="block_id", reason={"zh-CN": "草稿中已没有实验的组件", "en": "the draft no longer has the experiment's block"})
    block["props"] = dict(variant["props"])
    return config


async def ship_variant(
    shop_id: int, experiment_id: int, registries: Any, store: Any, *, variant: str | None, confirm: bool, staff_id: int | None, base_url: str
) -> tuple[Experiment, Any]:
    """Write a variant into the page's draft as a new version, stop the experiment and keep its
    result with it. ``variant`` defaults to the statistically called winner. Shipping anything
    else — no winner called yet (below the minimum sample, split off, no significant
    difference) or a variant that is not the winner — is a 409 unless ``confirm`` says the
    merchant chose it knowingly; the experiment then records that it shipped without a winner.
    ``store`` is the app's analytics store the results are read from."""
    from builder import versions
    from plugins.experiments.results import experiment_results

    experiment = await get_experiment(shop_id, experiment_id)
    if experiment.status == ExperimentStatus.DRAFT:
        raise Conflict(field="status", reason={"zh-CN": "实验尚未开始，没有结果可上线", "en": "the experiment has not started; there is nothing to ship"})
    if experiment.shipped_variant is not None:
        raise Conflict(field="status", reason={"zh-CN": f"实验已上线变体 {experiment.shipped_variant}", "en": f"variant {experiment.shipped_variant} was shipped already"})
    results = await experiment_results(experiment, store)
    winner = called_winner(results)
    chosen = variant or winner
    if chosen is None:
        raise Conflict(field="variant", reason={"zh-CN": "尚无胜出版本：请指定要上线的变体并确认", "en": "no winner yet: name the variant to ship and confirm"})
    chosen_variant = next((item for item in experiment.variants if item["key"] == chosen), None)
    if chosen_variant is None:
        raise InvalidInput(field="variant", reason={"zh-CN": f"没有变体 {chosen}", "en": f"no variant {chosen}"})
    if chosen != winner and not confirm:
        raise Conflict(
            field="confirm",
            reason={
                "zh-CN": f"变体 {chosen} 不是统计上的胜出版本，确认后才能上线",
                "en": f"variant {chosen} is not the statistically called winner; confirm to ship it anyway",
            },
        )
    draft, _ = await versions.current_versions(shop_id, base_url)
    config = _apply_variant(json.loads(json.dumps(draft.config)), experiment, chosen_variant)
    note = f"实验 #{experiment.id}「{experiment.name}」上线变体 {chosen}"[:200]
    async with in_transaction():
        version = await versions.save_draft(
            shop_id, config, registries, staff_id=staff_id, base_url=base_url, note=note, base_number=draft.number
        )
        now = clock.now()
        if experiment.status == ExperimentStatus.RUNNING:
            experiment.status, experiment.stopped_at = ExperimentStatus.STOPPED, now
        experiment.shipped_variant, experiment.shipped_version, experiment.shipped_at = chosen, version.number, now
        experiment.shipped_without_winner = chosen != winner
        experiment.result = results | {"winner": winner}
        await experiment.save(update_fields=["status", "stopped_at", "shipped_variant", "shipped_version", "shipped_at", "shipped_without_winner", "result"])
    return experiment, version
