"""House rules that a reviewer would otherwise have to remember."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_CORE = {"streamlit", "streamlit_folium", "components", "pages"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_never_imports_streamlit_or_the_ui_edge():
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN_IN_CORE)
        for path in (ROOT / "atlas").rglob("*.py")
        if imported_roots(path) & FORBIDDEN_IN_CORE
    }
    assert offenders == {}


def test_nothing_imports_pages():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("atlas", "components", "pages")
        for path in (ROOT / folder).rglob("*.py")
        if "pages" in imported_roots(path)
    ]
    assert offenders == []


def test_requirements_are_pinned_exactly():
    lines = [
        line.split("#")[0].strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.split("#")[0].strip()
    ]
    assert lines, "requirements.txt lists nothing"
    assert [line for line in lines if "==" not in line] == []
