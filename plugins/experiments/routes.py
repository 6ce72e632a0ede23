"""Admin HTTP routes of experiments: create (variants validated by the component registry),
list, read, start, stop, results and shipping the winner. Controllers parse and authorise; services hold the rules."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from core.auth import AuthUser, managers, staff_only
from core.openapi import AUTHED, problems
from core.settings import Settings
from plugins.experiments import services
from plugins.experiments.schemas import ExperimentCreate, ExperimentRead, ShipRead, ShipVariant

AuthedRequest = Request[AuthUser, Any, Any]


class ExperimentAdminController(Controller):
    path = "/api/admin/experiments"
    tags = ["plugin: experiments"]
    guards = [staff_only]

    @get("", operation_id="experimentsList", responses=problems(*AUTHED))
    async def list_experiments(self, request: AuthedRequest) -> list[ExperimentRead]:
        """The shop's experiments, newest first."""
        return [ExperimentRead.model_validate(e) for e in await services.list_experiments(request.user.shop_id)]

    @post("", operation_id="experimentsCreate", guards=[managers], responses=problems(*AUTHED))
    async def create_experiment(self, request: AuthedRequest, data: JSONBody[ExperimentCreate]) -> ExperimentRead:
        """Create a draft experiment on a block (variants with other props) or a page (variants
        with other blocks); every variant is validated like a block of the page editor."""
        components = request.app.state.registries.components
        experiment = await services.create_experiment(request.user.shop_id, data.model_dump(), components)
        return ExperimentRead.model_validate(experiment)

    @get("/{experiment_id:int}", operation_id="experimentsGet", responses=problems(*AUTHED))
    async def get_experiment(self, request: AuthedRequest, experiment_id: FromPath[int]) -> ExperimentRead:
        """One experiment of the shop."""
        return ExperimentRead.model_validate(await services.get_experiment(request.user.shop_id, experiment_id))

    @post("/{experiment_id:int}/start", operation_id="experimentsStart", guards=[managers], status_code=200, responses=problems(*AUTHED, 409))
    async def start_experiment(self, request: AuthedRequest, experiment_id: FromPath[int]) -> ExperimentRead:
        """Start a draft (409 while another experiment runs on the same block)."""
        return ExperimentRead.model_validate(await services.start_experiment(request.user.shop_id, experiment_id))

    @post("/{experiment_id:int}/stop", operation_id="experimentsStop", guards=[managers], status_code=200, responses=problems(*AUTHED, 409))
    async def stop_experiment(self, request: AuthedRequest, experiment_id: FromPath[int]) -> ExperimentRead:
        """Stop a running experiment."""
        return ExperimentRead.model_validate(await services.stop_experiment(request.user.shop_id, experiment_id))

    @post("/{experiment_id:int}/ship", operation_id="experimentsShip", guards=[managers], status_code=200, responses=problems(*AUTHED, 409))
    async def ship(
        self, request: AuthedRequest, experiment_id: FromPath[int], data: JSONBody[ShipVariant], settings: NamedDependency[Settings]
    ) -> ShipRead:
        """Ship the winner: write the variant (default: the statistically called winner) into the
        page's draft as a new version, stop the experiment and keep its results with it. A
        variant that is not the called winner (or no winner yet) is a 409 unless ``confirm``."""
        from core.analytics.store import app_store

        experiment, version = await services.ship_variant(
            request.user.shop_id, experiment_id, request.app.state.registries, app_store(request.app),
            variant=data.variant, confirm=data.confirm, staff_id=request.user.account_id, base_url=settings.public_base_url,
        )
        return ShipRead(experiment=ExperimentRead.model_validate(experiment), version=version.number)

    @get("/{experiment_id:int}/results", operation_id="experimentsResults", responses=problems(*AUTHED))
    async def results(self, request: AuthedRequest, experiment_id: FromPath[int]) -> dict[str, Any]:
        """Per variant: visitors (devices exposed), conversions, rate, GMV per visitor; against
        the control: difference with its 95 % interval, p-value, chance to beat control and a
        verdict that stays ``collecting`` below the minimum sample; the sample-ratio check."""
        from core.analytics.store import app_store
        from plugins.experiments.results import experiment_results

        return await experiment_results(await services.get_experiment(request.user.shop_id, experiment_id), app_store(request.app))
