"""The work behind ``kaidian build``: load a shop's stored configuration (or a JSON file),
generate the project, and with ``--check`` run the official toolchain build, showing progress.

Every expected failure raises ``BuildFailed`` with a readable message; the CLI prints it and
exits non-zero.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from builder.generate import ConfigInvalid, generate, render_project, zip_project

# The platform whose package sizes matter (WeChat's 2 MB main-package limit) per target.
CHECK_PLATFORM = {"uniapp": "mp-weixin", "taro": "weapp"}


class BuildFailed(Exception):
    """``kaidian build`` could not finish; ``str()`` is the message for the terminal."""


@dataclass
class BuildReport:
    target: str
    out: Path
    files: int
    total_bytes: int
    source: str
    check_seconds: float | None = None
    package_bytes: dict[str, int] = field(default_factory=dict)


def describe_errors(errors: list[dict[str, Any]], limit: int = 20) -> str:
    lines = [f"  {error['path']}: {error['message']['en']}" for error in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"  … and {len(errors) - limit} more")
    return "the page configuration is invalid:\n" + "\n".join(lines)


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BuildFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise BuildFailed(f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise BuildFailed(f"{path} is nested too deeply to be a page configuration") from None
    if not isinstance(config, dict):
        raise BuildFailed(f"{path} must hold a JSON object (a page configuration)")
    return config


async def _stored_config(db_config: dict[str, Any], shop_id: int, base_url: str, draft: bool) -> tuple[dict[str, Any], int]:
    from builder import versions
    from core.db import close_db, init_db
    from core.errors import NotFound
    from core.shops.models import Shop

    await init_db(db_config)
    try:
        if draft:
            if not await Shop.exists(id=shop_id):
                raise NotFound(field="shop_id")
            chosen, _ = await versions.current_versions(shop_id, base_url)
        else:
            chosen = await versions.published_version(shop_id, base_url)
        return chosen.config, chosen.number
    finally:
        await close_db()


def load_shop_config(db_config: dict[str, Any], shop_id: int, base_url: str, *, draft: bool = False) -> tuple[dict[str, Any], str]:
    """The shop's published (or draft) configuration and a label such as "shop 3, version 7"."""
    from core.errors import NotFound

    try:
        config, number = asyncio.run(_stored_config(db_config, shop_id, base_url, draft))
    except NotFound:
        raise BuildFailed(f"there is no active shop with id {shop_id}") from None
    except Exception as exc:
        raise BuildFailed(f"reading shop {shop_id}'s configuration failed: {type(exc).__name__}: {exc} (did you run `kaidian db upgrade`?)") from None
    return config, f"shop {shop_id}, {'draft' if draft else 'published'} version {number}"


def run_build(
    config: dict[str, Any],
    target: str,
    out: Path,
    registries: Any,
    *,
    source: str,
    as_zip: bool = False,
    check: bool = False,
    console: Console | None = None,
    toolchain_root: Path | None = None,
) -> BuildReport:
    """Generate (and with ``check`` build) the project, showing a progress bar on ``console``."""
    steps = 2 + (2 if check else 0)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=False,
    ) as progress:
        task = progress.add_task(f"validating {source}", total=steps)
        try:
            project = render_project(config, target, registries)
        except ConfigInvalid as invalid:
            raise BuildFailed(describe_errors(invalid.errors)) from None
        progress.update(task, advance=1, description=f"writing the {target} project")
        try:
            if as_zip:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(zip_project(project))
            else:
                project = generate(config, target, out, registries)
        except (OSError, ValueError) as exc:  # FileExistsError (foreign folder) is an OSError
            raise BuildFailed(f"writing {out} failed: {exc}") from None
        progress.update(task, advance=1)
        report = BuildReport(target, out, len(project.files), project.total_bytes, source)
        if not check:
            return report

        from builder import toolchain

        progress.update(task, description=f"installing the {target} toolchain (once, cached)")
        try:
            toolchain.ensure_toolchain(target, toolchain_root)
        except toolchain.ToolchainError as exc:
            raise BuildFailed(str(exc)) from None
        platform = CHECK_PLATFORM[target]
        progress.update(task, advance=1, description=f"building for {platform} with the official CLI")
        result = toolchain.build(
            out, target, platform, [page.path for page in project.plan.pages], root=toolchain_root, texts=toolchain.expected_texts(project.plan)
        )
        if result.returncode != 0:
            raise BuildFailed(f"the {target} build for {platform} failed (exit {result.returncode}):\n{result.log[-3000:]}")
        if result.missing_pages:
            raise BuildFailed(f"the {platform} build lacks pages listed in the app config: {result.missing_pages}")
        if result.changed_texts:
            raise BuildFailed(f"the {platform} build does not show texts of the configuration as given:\n  " + "\n  ".join(result.changed_texts))
        oversized = toolchain.package_limit_problems(result.package_bytes)
        if oversized:
            raise BuildFailed(f"the {platform} build is over WeChat's package limits:\n  " + "\n  ".join(oversized))
        progress.update(task, advance=1, description=f"built for {platform}")
        report.check_seconds = result.seconds
        report.package_bytes = result.package_bytes
    return report


# The ``kaidian build`` command (registered through ``kaidian_register_commands``).
def build(
    target: str = typer.Option(..., help="uniapp or taro."),
    out_dir: Path = typer.Option(..., "--out", help="Project folder to (re)generate, or the .zip file with --zip."),
    shop_id: int = typer.Option(None, "--shop-id", "--shop", help="Build this shop's published configuration."),
    config_file: Path = typer.Option(None, "--config", help="Build a page-configuration JSON file instead."),
    draft: bool = typer.Option(False, "--draft", help="With --shop-id: build the draft, not what is published."),
    as_zip: bool = typer.Option(False, "--zip", help="Write a zip file instead of a folder."),
    check: bool = typer.Option(False, "--check", help="Also run the official toolchain build and report package sizes."),
) -> None:
    """Generate a shop's mini-program project (uni-app or Taro) from its page configuration."""
    from builder.generate import TARGETS
    from builder.versions import for_build
    from core.cli import EXIT_USAGE, build_app, err, fail, load_cli_settings, out

    if target not in TARGETS:
        fail(f"--target must be one of {', '.join(TARGETS)}, not {target!r}", EXIT_USAGE)
    if (shop_id is None) == (config_file is None):
        fail("name exactly one of --shop-id N or --config FILE", EXIT_USAGE)
    if as_zip and check:
        fail("--check builds a project folder; leave out --zip", EXIT_USAGE)
    settings = load_cli_settings()
    app = build_app(settings)
    try:
        if config_file is not None:
            config, source = read_config_file(config_file), str(config_file)
        else:
            config, source = load_shop_config(app.state.db_config, shop_id, settings.public_base_url, draft=draft)
        config = for_build(config, settings.public_base_url)
        report = run_build(config, target, out_dir, app.state.registries, source=source, as_zip=as_zip, check=check, console=err)
    except BuildFailed as exc:
        fail(str(exc))
    out.print(f"{target} project from {report.source}: {report.files} files, {report.total_bytes / 1024:.1f} KB → {report.out}")
    if report.check_seconds is not None:
        out.print(f"official build passed in {report.check_seconds:.1f} s")
        for root, size in sorted(report.package_bytes.items()):
            out.print(f"  {'main package' if not root else 'subpackage ' + root}: {size / 1024:.1f} KB")
