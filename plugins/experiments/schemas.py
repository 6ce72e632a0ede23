"""Request and response shapes of the experiments admin API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from core.schemas import ReadModel, WriteModel
from plugins.experiments.models import ExperimentGoal, ExperimentKind, ExperimentStatus


class VariantIn(WriteModel):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,15}$", description="control is the first variant")
    weight: int = Field(ge=0, le=10_000, description="share of traffic, relative to the others")
    props: dict[str, Any] | None = Field(default=None, description="block experiments: the block's props in this variant")
    components: list[dict[str, Any]] | None = Field(default=None, description="page experiments: the page's blocks in this variant")


class ExperimentCreate(WriteModel):
    name: str = Field(min_length=1, max_length=60)
    kind: ExperimentKind
    page_route: str = Field(min_length=1, max_length=64)
    block_id: str | None = Field(default=None, max_length=64)
    component: str | None = Field(default=None, description="block experiments: the block's component type")
    goal: ExperimentGoal
    variants: list[VariantIn] = Field(min_length=2, max_length=5)
    holdout_percent: int = Field(default=0, ge=0, le=50)
    minimum_sample: int = Field(default=1000, ge=100, le=10_000_000)


class ExperimentRead(ReadModel):
    id: int
    key: str
    name: str
    kind: ExperimentKind
    page_route: str
    block_id: str | None
    goal: ExperimentGoal
    variants: list[dict[str, Any]]
    holdout_percent: int
    minimum_sample: int
    status: ExperimentStatus
    started_at: datetime | None
    stopped_at: datetime | None
    created_at: datetime
    shipped_variant: str | None = None
    shipped_version: int | None = Field(default=None, description="the page-config draft version shipping wrote")
    shipped_at: datetime | None = None
    shipped_without_winner: bool = Field(default=False, description="shipped on the merchant's confirmation, no winner called")
    result: dict[str, Any] | None = Field(default=None, description="the results when the winner shipped, kept with the page's history")


class ShipVariant(WriteModel):
    variant: str | None = Field(default=None, max_length=16, description="default: the statistically called winner")
    confirm: bool = Field(default=False, description="ship although it is not the called winner (none yet, or another variant)")


class ShipRead(BaseModel):
    experiment: ExperimentRead
    version: int = Field(description="the new draft version of the page configuration")


class Assignment(BaseModel):
    experiment_key: str
    variant: str
