"""serve.py: the start-up changes it makes to ``streamlit run`` are safe on this installation."""

import os
import subprocess
import sys

from streamlit.components.v2 import manifest_scanner

import serve


def test_no_installed_package_provides_a_components_v2_manifest():
    """serve.py skips Streamlit's scan for such manifests; that is only right while there are none."""
    assert serve.no_component_manifests is not manifest_scanner.scan_component_manifests
    assert manifest_scanner.scan_component_manifests() == []


def test_the_early_warm_up_imports_declare_no_custom_component():
    """Imports before the runtime exists must not declare a component: it could not be registered, and its
    iframe would stay empty (404). The page modules, which do, come later (browser tests draw the map)."""
    script = (
        "import sys\n"
        "from components import warmup\n"
        "warmup.import_modules(warmup.MODULES)\n"
        "from atlas.filters import Filters\n"
        "bad = [name for name in sys.modules if name.startswith(('streamlit_folium', 'components.clicker', "
        "'components.map_view', 'components.tour'))]\n"
        "print(repr(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stdout


def test_warm_up_fills_the_caches_a_first_visitor_needs(monkeypatch):
    """After the warm-up, the first view's join, key figures and map payload come without computing."""
    from atlas import filters as atlas_filters
    from atlas import joincache, mapbuild
    from components import data, warmup

    warmup.warm()

    def must_not_run(*args, **kwargs):
        raise AssertionError("computed again although the warm-up should have cached it")

    monkeypatch.setattr(joincache, "cached_join", must_not_run)
    monkeypatch.setattr(mapbuild, "compact_payload", must_not_run)
    monkeypatch.setattr(atlas_filters, "key_figures", must_not_run)
    join = data.atlas_join()
    ids = mapbuild.payload_ids(join.links)
    assert ids and len(ids) == len(join.links)
    assert tuple(data.map_payload(ids, "de")["links"]["id"]) == ids
    assert data.key_figures(join.links).shown == len(join.links)


def test_the_warmed_heap_is_frozen_unless_switched_off():
    """What the warm-up filled is moved out of the collector's sight (Streamlit collects after every run);
    ``ATLAS_GC_FREEZE=0`` leaves the collector as it is. Run in fresh interpreters: freezing is for good."""
    script = (
        "import gc\n"
        "from components import warmup\n"
        "warmup.import_modules(warmup.EARLY_MODULES)\n"
        "before = len(gc.get_objects())\n"
        "warmup.freeze_heap()\n"
        "print(gc.get_freeze_count(), before, len(gc.get_objects()))\n"
    )
    frozen, before, after = map(int, subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                                    check=True, timeout=120).stdout.split())
    assert frozen >= before // 2 and after < before // 10
    env = {**os.environ, "ATLAS_GC_FREEZE": "0"}
    frozen_off = int(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                    timeout=120, env=env).stdout.split()[0])
    assert frozen_off == 0
