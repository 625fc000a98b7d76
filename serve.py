"""Start the app: ``python serve.py [streamlit run options]`` is ``streamlit run app.py`` with one fix.

Why: Streamlit treats a folder named ``pages/`` beside the main script as a sign of its older
multipage mode until the main script has once called ``st.navigation``. On a freshly started server,
a first request for a bookmarked sub-page (``/table?country=PL``, a QR code from the stage) would then
run that page file alone, without ``app.py``'s frame, language and filters. Our routing is always
``st.navigation`` in ``app.py``, so we say so before the server starts. Checked against streamlit 1.67.0;
``tests/browser/test_deep_link.py`` proves the bookmark works on a cold server.
"""

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.exit(cli.main(args=["run", "app.py", *sys.argv[1:]], prog_name="streamlit"))
