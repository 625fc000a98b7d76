"""The sources page through AppTest: credits, data quality counted from the records, unresolved rows."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from atlas import quality, records
from components import state

PAGE = "../pages/sources.py"
TIMEOUT = 300  # the first run in a process builds the join


def run_page(language: str = "de", **params: str) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    app.session_state[state.KEY_LANGUAGE] = language
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, [item.message for item in app.exception]
    return app


def table_with(app: AppTest, column: str):
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def test_sources_page_credits_every_source_and_counts_the_records():
    app = run_page()
    real = records.load_partnerships()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Datensätze"] == str(len(real))
    assert metrics["aus W3I (CC BY 4.0)"] == str(int(quality.is_w3i(real).sum()))
    credits = table_with(app, "licence")
    assert {"GeoNames", "Leaflet", "Hromada Strategy Collaboration Mapping (W3I)"} <= set(credits["name"])
    assert "CC BY 4.0" in set(credits["licence"]) and "gemeinfrei (Public Domain)" in set(credits["licence"])
    assert table_with(app, "domain")["rows"].sum() == len(real)
    doubtful = table_with(app, "reason").set_index("id")
    assert set(doubtful.index) == set(quality.DOUBTFUL_ROWS)
    assert "borken.de" in doubtful.loc["P0046", "settled"]  # placed by a record hint, with its evidence
    assert any("Stichprobe" in item.value for item in app.markdown)  # DE–PL is a sample


def test_unresolved_rows_of_the_join_are_listed():
    from components import data

    unresolved = data.atlas_join().unresolved
    app = run_page()
    if unresolved.empty:
        assert any("Alle Datensätze sind einem Ort zugeordnet" in item.value for item in app.markdown)
    else:
        listed = table_with(app, "candidates")
        assert sorted(listed["partnership_id"]) == sorted(unresolved["partnership_id"])
        # counted as "label: number", right for one record as for many ("1 Datensätze" read wrong)
        records = unresolved["partnership_id"].nunique()
        assert any(f"Datensätze: {records}, Seiten: {len(unresolved)}." in item.value for item in app.markdown)


def test_filters_in_the_url_change_the_count_the_page_mentions():
    from components import data

    links = data.atlas_join().links
    with_polish_side = int(((links["a_country"] == "PL") | (links["b_country"] == "PL")).sum())
    captions = " ".join(item.value for item in run_page(country="PL").caption)
    assert f"(sie zeigen gerade {with_polish_side})" in captions
    assert f"(sie zeigen gerade {len(links)})" in " ".join(item.value for item in run_page().caption)


def test_sources_page_in_ukrainian():
    app = run_page("uk")
    assert app.title[0].value == "Джерела та якість даних"
    assert "Записи" in {metric.label for metric in app.metric}
