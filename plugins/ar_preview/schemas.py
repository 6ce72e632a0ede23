"""Request and response shapes of the AR preview API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ModelFiguresRead(BaseModel):
    """What the check measured, shown to the merchant beside the preview."""

    format: str = Field(description="glb or gltf")
    size_bytes: int
    triangles: int
    texture_count: int
    max_texture_width: int = Field(description="the largest texture's width in px (0: no texture)")
    max_texture_height: int
    warnings: list[dict[str, str]] = Field(description="{zh-CN, en} notes that did not refuse the model")


class ArModelRead(BaseModel):
    id: int
    product_id: int
    product_title: str
    model_media_id: int
    model_url: str
    model_filename: str
    poster_media_id: int
    poster_url: str
    ios_src: str | None = Field(description="the USDZ for iOS Quick Look, when one was uploaded")
    usdz_bytes: int
    figures: ModelFiguresRead
    updated_at: datetime


class ArLimitsRead(BaseModel):
    """The shop's limits, for the upload form."""

    max_model_bytes: int
    max_texture_px: int
    formats: list[str]


class ShopArModel(BaseModel):
    """What a customer's viewer needs: the model, its poster, the iOS Quick Look file."""

    # Closed, so the OpenAPI document spells it out (core's schema plugin details closed models
    # only; an open one is documented as {}, and "{} or null" would make null ambiguous).
    model_config = ConfigDict(extra="forbid")

    product_id: int
    title: str
    src: str
    poster: str
    ios_src: str | None
    format: str
