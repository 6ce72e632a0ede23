"""Where every generated file lives: the one place that turns a component or a shared runtime
part into a project path, and the file set that refuses to put two things at one path.

Page components (core's and plugins') and the shared runtime components (the lazy image, the
per-block guard) live side by side under ``src/components/kd-<name>/``, so a component whose
name matches a shared part would overwrite it; ``ProjectFiles`` turns that into an error naming
both, instead of an app whose every image renders the wrong component.
"""

from __future__ import annotations

from dataclasses import dataclass

# Shared runtime components: name -> template stem under miniprogram_templates/<target>/components/.
SHARED_COMPONENTS = {"lazy_image": "image_base", "block": "block"}
EXTENSIONS = {"uniapp": ".vue", "taro": ".jsx"}


class PathCollision(ValueError):
    """Two different parts of the project would be written to the same file."""


def component_tag(name: str) -> str:
    """``product_grid`` -> ``kd-product-grid``: the custom element name and folder."""
    return "kd-" + name.replace("_", "-")


def component_folder(name: str) -> str:
    return f"src/components/{component_tag(name)}"


def component_source(target: str, name: str) -> str:
    """The component's source file: ``kd-x/kd-x.vue`` (uni-app) or ``kd-x/index.jsx`` (Taro)."""
    tag = component_tag(name)
    stem = tag if target == "uniapp" else "index"
    return f"{component_folder(name)}/{stem}{EXTENSIONS[target]}"


def component_style(name: str) -> str:
    """The Taro component's stylesheet (uni-app styles are inside the .vue file)."""
    return f"{component_folder(name)}/index.css"


def import_path(project_path: str) -> str:
    """``src/x/y.js`` as the ``@/x/y.js`` import both toolchains resolve."""
    assert project_path.startswith("src/"), project_path
    return "@/" + project_path[len("src/") :]


def shared_imports(target: str) -> dict[str, str]:
    """Import paths of the shared runtime components, given to every template as ``shared``
    (``import KdImage from '[[ shared.lazy_image ]]'``)."""
    return {name: import_path(component_source(target, name)) for name in SHARED_COMPONENTS}


@dataclass(frozen=True)
class _Entry:
    content: str
    owner: str


class ProjectFiles:
    """The generated files by project path, each with who wrote it ("page component 'image' of
    plugin 'core'", "shared runtime component 'lazy_image'"). ``add`` refuses a second writer."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def add(self, path: str, content: str, owner: str) -> None:
        existing = self._entries.get(path)
        if existing is not None:
            raise PathCollision(
                f"{path} would be written twice: by {existing.owner} and by {owner}. "
                "Rename one of them (a page component may not take the name of a shared "
                f"runtime component: {sorted(SHARED_COMPONENTS)})"
            )
        self._entries[path] = _Entry(content, owner)

    def update(self, files: dict[str, str], owner: str) -> None:
        for path, content in files.items():
            self.add(path, content, owner)

    def as_dict(self) -> dict[str, str]:
        return {path: entry.content for path, entry in self._entries.items()}
