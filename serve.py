"""Start the app: ``python serve.py [streamlit run options]`` is ``streamlit run app.py`` with four changes.

1. **Bookmarks of sub-pages.** Streamlit treats a folder named ``pages/`` beside the main script as a
   sign of its older multipage mode until the main script has once called ``st.navigation``. On a
   freshly started server, a first request for a bookmarked sub-page (``/table?country=PL``, a QR code
   from the stage) would then run that page file alone, without ``app.py``'s frame, language and
   filters. Our routing is always ``st.navigation`` in ``app.py``, so we say so before the server starts.
   ``tests/browser/test_deep_link.py`` proves the bookmark works on a cold server.
2. **Warm-up.** A background thread (:mod:`components.warmup`) imports the map page's libraries and
   computes the join and the first map while the first browser still loads Streamlit's scripts
   (``ATLAS_WARM_UP=0`` switches it off).
3. **Compiled templates.** folium compiles about 85 Jinja templates while it is imported;
   :mod:`atlas.templatecache` keeps the compiled code from an earlier start (0.5 s -> 0.25 s to import
   folium, its plugins and streamlit-folium).
4. **Two start-up costs we do not need** (measured with py-spy on a cold start, ``bench/bench_map.py``):
   - Streamlit scans the metadata of every installed distribution for "components v2" manifests when
     its runtime starts (0.3 s with the 570 packages of this machine). The app uses no such component;
     ``tests/test_serve.py`` fails if an installed package ever provides one.
   - On the first element of the process Streamlit walks the whole call stack to decide whether it runs
     in a REPL, to print a warning that never applies to ``streamlit run`` (0.1 s).

Checked against streamlit 1.67.0.
"""

import os
import sys

import streamlit.delta_generator
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from atlas import templatecache


def no_component_manifests(max_workers: int | None = None) -> list:
    return []


def prepare() -> None:
    templatecache.install()  # folium's templates compiled by an earlier start (saved by the warm-up)
    PagesManager.uses_pages_directory = False
    manifest_scanner.scan_component_manifests = no_component_manifests
    streamlit.delta_generator._use_warning_has_been_displayed = True
    if os.environ.get("ATLAS_WARM_UP", "1") != "0":
        from components import warmup

        warmup.start_in_background()  # the first visitor finds the join and the first map ready


if __name__ == "__main__":
    prepare()
    sys.exit(cli.main(args=["run", "app.py", *sys.argv[1:]], prog_name="streamlit"))
