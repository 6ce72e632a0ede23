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


def place_in_subpackages(files: dict[str, str], roots: list[str], imports: list[tuple[str, str]]) -> dict[str, str]:
    """``files`` with every component folder that only one subpackage uses moved into it.

    WeChat counts a component under ``src/components/`` towards the main package even when only
    subpackage pages use it (uni-app leaves it there); under ``src/<root>/components/`` it
    loads with its subpackage. Users are found from the generated imports, so page, slot and
    shared components are placed alike: a component used by a moved component follows it, and
    anything the main package or two subpackages use stays where it is.
    """
    folder_of = {path: "/".join(path.split("/")[:3]) for path in files if path.startswith("src/components/") and path.count("/") >= 3}
    users: dict[str, set[str]] = {}
    for source, target in imports:
        folder = folder_of.get(target)
        if folder and folder_of.get(source) != folder:
            users.setdefault(folder, set()).add(source)
    placed: dict[str, str] = {}

    def package_of(path: str, seen: frozenset[str]) -> str:
        if path in folder_of:
            return placement(folder_of[path], seen)
        first = path.split("/")[1] if path.startswith("src/") and path.count("/") >= 2 else ""
        return first if first in roots else ""

    def placement(folder: str, seen: frozenset[str] = frozenset()) -> str:
        if folder not in placed:
            if folder in seen:  # an import cycle: keep it in the main package
                return ""
            packages = {package_of(user, seen | {folder}) for user in users.get(folder, ())}
            placed[folder] = packages.pop() if len(packages) == 1 else ""
        return placed[folder]

    moves = {folder: f"src/{placement(folder)}/components/{folder.split('/')[2]}" for folder in set(folder_of.values()) if placement(folder)}
    if not moves:
        return files
    rewrites: dict[str, list[tuple[str, str]]] = {}  # importer -> (old prefix, new prefix)
    for old, new in moves.items():
        for user in users.get(old, ()):
            rewrites.setdefault(user, []).append((import_path(old) + "/", import_path(new) + "/"))
    moved: dict[str, str] = {}
    for path, content in files.items():
        folder = folder_of.get(path)
        for old, new in rewrites.get(path, ()):
            content = content.replace(old, new)
        moved[moves[folder] + path[len(folder):] if folder in moves else path] = content
    return moved
