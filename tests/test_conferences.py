"""Conferences: timeline, keys from ``?conference=``, the 6th in full, host city placement, story layers."""

import folium
import pandas as pd

from atlas import conferences, records, storylayers

RECORDS = records.load_conferences()


def test_timeline_in_date_order_with_unconfirmed_last():
    rows = conferences.timeline(RECORDS)
    assert len(rows) == 13
    dated = [row.start for row in rows if row.start]
    assert dated == sorted(dated)
    assert rows[-1].key == "skew-4" and not rows[-1].confirmed
    assert [row.city for row in rows if row.kind == "conference" and row.start][:3] == ["Odesa", "Leipzig", "Berlin"]


def test_bare_number_means_the_skew_series_and_keys_reach_the_rest():
    assert conferences.find_conference(RECORDS, "6")["city"] == "Leipzig"
    assert conferences.find_conference(RECORDS, "6")["start_date"] == "2023-11-13"
    assert conferences.find_conference(RECORDS, "civil-2")["start_date"] == "2011-10-06"
    assert conferences.find_conference(RECORDS, "3")["city"] == "Freiburg im Breisgau"
    assert conferences.find_conference(RECORDS, "civil-3")["city"] == "Berlin"
    assert conferences.find_conference(RECORDS, "1")["city"] == "Odesa"  # no SKEW no. 1 recorded
    assert conferences.find_conference(RECORDS, "junk") is None
    assert conferences.find_conference(RECORDS, None) is None


def test_sixth_conference_in_full():
    item = conferences.detail(conferences.find_conference(RECORDS, "6"))
    assert (item.conference.start, item.conference.end) == ("2023-11-13", "2023-11-15")
    assert item.conference.venue == "Kongresshalle am Zoo"
    assert item.conference.title.startswith("Gemeinsam für Europa")
    assert item.title_uk.startswith("Спільно до Європи")
    assert "Steinmeier" in item.patron
    assert [day.date for day in item.programme] == ["2023-11-13", "2023-11-14", "2023-11-15"]
    assert {"Reinhard Sager", "Vitali Klitschko", "Svenja Schulze"} <= {speaker.name for speaker in item.speakers}
    # where sources disagree, each claim is kept
    assert [claim.who for claim in item.participant_claims] == [
        "SKEW",
        "Landkreis Saalfeld-Rudolstadt report",
        "Ukrainian municipal report",
    ]
    assert [figure.value for figure in item.figures] == [">190", "190", "186", "184"]
    assert all(figure.source_url.startswith("https://") for figure in item.figures)
    assert item.announcements[0].who == "Svenja Schulze"
    assert len(item.conference.sources) == 14


def test_landkreistag_statement_has_its_source_and_our_words_in_every_language():
    from atlas.i18n import LANGUAGES, translate

    item = conferences.detail(conferences.find_conference(RECORDS, "6"))
    assert item.statements
    assert all(statement.source_url == conferences.DLT_PRESS_RELEASE for statement in item.statements)
    assert conferences.DLT_PRESS_RELEASE in item.conference.sources
    for statement in item.statements:
        for language in LANGUAGES:
            assert translate(statement.text_key, language) != statement.text_key
    assert "polnischen" in translate("story.conf.dlt.poland", "de")


def test_participants_claims_split_by_source():
    claims = conferences.participant_claims("A: more than 550; B report: 540")
    assert claims == (conferences.Claim("A", "more than 550"), conferences.Claim("B report", "540"))
    assert conferences.participant_claims("about 230") == (conferences.Claim("", "about 230"),)


def test_city_spellings_for_lookup():
    assert conferences.city_queries("Lviv (Lwiw)") == ("Lviv", "Lwiw", "Lviv (Lwiw)")
    assert conferences.city_queries("Leipzig") == ("Leipzig",)


def test_host_cities_grouped_by_municipality_and_unplaced_reported():
    places = {("Leipzig", "DE"): ("gn:2879139", 51.34, 12.37), ("Lwiw", "UA"): ("gn:702550", 49.84, 24.02)}

    def resolve(name, country):
        return places.get((name, country))

    hosts, unplaced = conferences.host_cities(conferences.timeline(RECORDS), resolve)
    by_id = {host.municipality_id: host for host in hosts}
    assert by_id["gn:2879139"].conference_keys == ("civil-2", "skew-6")
    assert by_id["gn:702550"].city == "Lviv (Lwiw)"
    assert "Münster" in unplaced and "Leipzig" not in unplaced


def gazetteer_table():
    columns = [
        "municipality_id",
        "country",
        "kind",
        "name_local",
        "name_de",
        "name_en",
        "name_pl",
        "name_uk",
        "alt_names",
        "lat",
        "lon",
        "population",
    ]
    rows = [
        ("gn:702550", "UA", "city", "Львів", "Lwiw", "Lviv", "Lwów", "Львів", "Lemberg|Lvov", 49.84, 24.02, 717273),
        ("gn:2879139", "DE", "city", "Leipzig", "Leipzig", "Leipzig", "Lipsk", "Лейпциг", "", 51.34, 12.37, 504971),
        ("gn:9", "DE", "municipality", "Leipzig", "Leipzig", "Leipzig", "", "", "", 50.0, 10.0, 10),
        ("gn:2925177", "DE", "city", "Freiburg", "Freiburg", "Freiburg", "", "", "Freiburg im Breisgau", 48.0, 7.85, 230000),
        ("de-gemeinde:1", "DE", "municipality", "Kleindorf", "Kleindorf", "", "", "", "", 52.0, 9.0, 0),
    ]
    return pd.DataFrame(rows, columns=columns)


def test_gazetteer_resolver_finds_every_spelling_and_prefers_cities():
    resolve = conferences.gazetteer_resolver(gazetteer_table())
    assert resolve("Lviv", "UA")[0] == resolve("Lwiw", "UA")[0] == resolve("lemberg", "")[0] == "gn:702550"
    assert resolve("Leipzig", "DE")[0] == "gn:2879139"
    assert resolve("Freiburg im Breisgau", "DE")[0] == "gn:2925177"
    assert resolve("Kleindorf", "DE")[0] == "de-gemeinde:1"
    assert resolve("Leipzig", "PL") is None and resolve("", "") is None
    hosts, unplaced = conferences.host_cities(conferences.timeline(RECORDS), resolve)
    assert {host.city for host in hosts} == {"Leipzig", "Lviv (Lwiw)", "Freiburg im Breisgau"}
    assert "Odesa" in unplaced


def test_conference_layer_is_offline_and_escaped():
    rows = conferences.timeline(RECORDS)
    hosts = [conferences.HostCity("gn:1", "<b>Leipzig</b>", "DE", 51.34, 12.37, ("skew-6",))]
    layer = storylayers.conference_layer(hosts, rows, "de")
    assert isinstance(layer, folium.FeatureGroup)
    geojson = next(child for child in layer._children.values() if isinstance(child, folium.GeoJson))
    tooltip = geojson.data["features"][0]["properties"]["tooltip_html"]
    assert "&lt;b&gt;Leipzig&lt;/b&gt;" in tooltip and "<b>&lt;b&gt;" in tooltip
    assert "13.–15. November 2023" in tooltip
    assert_offline(layer)


def assert_offline(layer):
    """No element of the layer asks the browser to load anything from elsewhere."""
    page = folium.Map(tiles=None)
    page.default_js, page.default_css = [], []
    layer.add_to(page)
    page.get_root().render()
    stack = [layer]
    while stack:
        element = stack.pop()
        for _, url in list(getattr(element, "default_js", [])) + list(getattr(element, "default_css", [])):
            assert not url.startswith("http"), url
        stack.extend(element._children.values())


def test_geocoder_adapter_takes_only_clear_matches():
    from atlas.geocode import Match

    class Geocoder:
        def resolve(self, name, country=None, kind=None, admin1=None):
            if name == "Lviv" and kind == "city":
                return Match("matched", "gn:702550", 49.84, 24.02)
            return Match("ambiguous" if name == "Lwiw" else "unmatched", None, None, None)

    resolve = conferences.geocoder_resolver(Geocoder())
    assert resolve("Lviv", "UA") == ("gn:702550", 49.84, 24.02)
    assert resolve("Lwiw", "UA") is None and resolve("Atlantis", "") is None


def test_timeline_writes_the_city_of_a_close_next_event_below_its_point():
    """Lviv (2016-04) and Nürnberg (2016-11) of one series would overwrite each other's names: the second
    goes below; an event long after, or in another series, stays above."""
    import pandas as pd

    from components.story_charts import _staggered

    table = pd.DataFrame(
        {
            "start": ["2016-04-01", "2016-11-01", "2018-10-01", "2016-06-01", "2022-10-01", "2023-10-01", "2024-06-01"],
            "series": ["skew", "skew", "skew", "event", "skew", "skew", "skew"],
        },
        index=[10, 11, 12, 13, 14, 15, 16],
    )
    assert _staggered(table) == [False, True, False, False, False, True, False]
    assert _staggered(pd.DataFrame()) == []  # no dated event: nothing to write
