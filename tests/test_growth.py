"""Growth per year from ``since`` and the published figures, which are never merged with our counts."""

import pandas as pd

from atlas import growth, records


def frame(rows):
    return pd.DataFrame(rows, columns=["id", "pair", "since_year"]).astype({"since_year": "Int64"})


def test_cumulative_counts_per_pair_with_undated_apart():
    links = frame([("P1", "DE-UA", 2020), ("P2", "DE-UA", 2022), ("P3", "DE-UA", None), ("P4", "PL-UA", 2021)])
    result = growth.cumulative_by_year(links)
    table = result.per_year.set_index(["year", "pair"])
    assert table.loc[(2020, "DE-UA"), "cumulative"] == 1
    assert table.loc[(2021, "DE-UA"), "cumulative"] == 1
    assert table.loc[(2022, "DE-UA"), "cumulative"] == 2
    assert table.loc[(2022, "PL-UA"), "cumulative"] == 1
    assert table.loc[(2022, "DE-PL"), "cumulative"] == 0
    assert result.undated == {"DE-UA": 1, "DE-PL": 0, "PL-UA": 0}
    assert result.dated_total == 3


def test_series_extends_to_the_year_asked_for():
    result = growth.cumulative_by_year(frame([("P1", "DE-UA", 2020)]), until=2024)
    assert result.per_year["year"].max() == 2024
    assert result.per_year.query("pair == 'DE-UA' and year == 2024")["cumulative"].item() == 1


def test_stood_in_leaves_out_later_and_undated_rows():
    links = frame([("P1", "DE-UA", 2020), ("P2", "DE-UA", 2023), ("P3", "DE-UA", None)])
    assert list(growth.stood_in(links, 2022)["id"]) == ["P1"]


def test_real_records_per_year():
    result = growth.cumulative_by_year(records.load_partnerships())
    last = result.per_year[result.per_year["year"] == result.per_year["year"].max()].set_index("pair")["cumulative"]
    # 456 rows: 342 with a since year, 114 without (48 DE-UA, 29 DE-PL, 37 PL-UA)
    assert result.dated_total == 342
    assert result.undated == {"DE-UA": 48, "DE-PL": 29, "PL-UA": 37}
    assert last.sum() == 342
    new_2023 = result.per_year.query("year == 2023 and pair == 'DE-UA'")["new"].item()
    assert new_2023 == 76


def test_published_values_kept_as_published_and_read_for_charts():
    assert growth.parse_value(">250") == growth.PublishedValue(250, ">")
    assert growth.parse_value("~80") == growth.PublishedValue(80, "~")
    assert growth.parse_value("~1,400").number == 1400
    assert growth.parse_value("128 (+6)").number == 128
    assert growth.parse_value(87).number == 87
    for not_one_number in ("33 twinnings + 26 friendships", "+50%", "39 -> 250"):
        assert growth.parse_value(not_one_number).number is None


def test_figure_dates():
    assert growth.figure_date("2015-12") == 2015 + 11 / 12
    assert growth.figure_date("c. 2012") == 2012.0
    assert growth.figure_date("2015-10/2018-06") is None
    assert growth.figure_date("undated") is None
    assert growth.figure_date("Nov 201x (year truncated on page)") is None


def test_published_table_keeps_every_figure_with_its_source():
    figures = records.load_figures()
    table = growth.published_figures(figures)
    assert len(table) == len(figures) == 42
    assert set(table["value"]) >= {">190", "~80", "33 twinnings + 26 friendships"}
    leipzig = table[(table["date"] == "2023-11") & (table["value"] == "184")].iloc[0]
    assert leipzig["source_org"].startswith("BMZ")
    assert leipzig["source_url"].startswith("https://bmz.de/")


def test_chart_only_shows_partnership_counts():
    table = growth.published_figures(records.load_figures())
    chart = growth.chartable_figures(table, "DE-UA")
    assert not chart["metric"].str.contains("participants").any()
    assert not chart["metric"].str.contains("before the war").any()
    assert ">190" in set(chart["value"]) and "~80" in set(chart["value"])
    assert chart["when"].is_monotonic_increasing
