"""Fixtures of the experiments tests: an app with core, the builder (the component registry)
and this plugin only, and a shop."""

from __future__ import annotations

from typing import Any

import pytest

from core.testing import make_shop


@pytest.fixture
async def client(kaidian_client_for: Any) -> Any:
    import builder.plugin
    import core.builtin
    import plugins.experiments

    async with kaidian_client_for(plugins=[core.builtin, builder.plugin, plugins.experiments], entry_points=False) as client:
        yield client


@pytest.fixture
async def shop(client: Any) -> Any:
    return await make_shop(client, name="实验店")
