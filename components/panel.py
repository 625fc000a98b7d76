"""The side panel: what the clicked link or place is, with its source and its aid actions.

Everything that comes from data is escaped for Markdown before Streamlit renders it; URLs become
link buttons only when they are http(s).
"""

from __future__ import annotations

import math
import re

import pandas as pd
import streamlit as st

from atlas.aid import actions_of
from atlas.formatting import format_currency, format_date
from atlas.mapbuild import partnership_ids
from atlas.placenames import display_label, display_name
from components import data, state
from components.i18n import t

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md(value: object) -> str:
    """Plain text made safe for ``st.markdown`` (every Markdown and HTML character backslash-escaped)."""
    text = "" if _blank(value) else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def _is_web_link(url: object) -> bool:
    return isinstance(url, str) and url.startswith(("https://", "http://"))


def _url(url: str) -> str:
    """A URL safe inside a Markdown link target (spaces and brackets percent-encoded)."""
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _blank(value: object) -> bool:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return True
    return str(value).strip() == ""


def _side(row: dict, side: str, language: str) -> None:
    name, local = display_name(row, side, language)
    st.markdown(f"**{md(name)}**" + (f"  \n{md(local)}" if local else ""))
    admin1 = row.get(f"{side}_admin1") or row.get(f"{side}_admin1_code")
    lines = [
        t(f"country.{row[f'{side}_country']}"),
        t(f"map.kind.{row[f'{side}_kind']}"),
        md(admin1) if not _blank(admin1) else t("map.panel.unknown"),
    ]
    district = row.get(f"{side}_district_name")
    if not _blank(district) and district != name and district != local:
        lines.append(md(district))
    st.caption("  \n".join(lines))


def _aid_lines(partnership_id: str, language: str) -> None:
    st.markdown(f"**{t('map.panel.aid')}**")
    actions = actions_of(data.aid_actions(), partnership_id)
    if actions.empty:
        st.caption(t("map.panel.no_aid"))
        return
    for action in actions.to_dict("records"):
        details = [format_date(action["date"], language), t(f"map.aid.category.{action['category']}")]
        if not _blank(action.get("quantity")):
            details.append(md(action["quantity"]))
        if not _blank(action.get("amount_eur")):
            details.append(format_currency(float(action["amount_eur"]), language))
        source = ""
        if _is_web_link(action.get("source_url")):
            source = f" · [{t('map.panel.source_short')}]({_url(action['source_url'])})"
        st.markdown(f"- {md(action['what'])}  \n  {' · '.join(details)}{source}")


def _partnership(links: pd.DataFrame, shown_ids: set[str], partnership_id: str, language: str) -> None:
    matches = links[partnership_ids(links) == partnership_id]
    if matches.empty:
        st.info(t("map.panel.not_found", id=md(partnership_id)))
        return
    row = matches.iloc[0].to_dict()
    st.markdown(f"#### {md(display_label(row, 'a', language))} – {md(display_label(row, 'b', language))}")
    caption = t("map.panel.partnership", id=md(partnership_id))
    if partnership_id not in shown_ids:
        caption += " · " + t("map.panel.hidden")
    st.caption(caption)
    left, right = st.columns(2)
    with left:
        _side(row, "a", language)
    with right:
        _side(row, "b", language)
    since = row.get("since_year")
    st.markdown(
        f"{t('map.panel.relation')}: **{t('map.relation.' + row['relation'])}**  \n"
        f"{t('map.panel.since')}: **{since if not _blank(since) else t('map.panel.unknown')}**  \n"
        f"{t('map.panel.status')}: **{t('map.status.' + row['status'])}**"
    )
    if not _blank(row.get("note")):
        st.caption(f"{t('map.panel.note')}: {md(row['note'])}")
    if _is_web_link(row.get("source_url")):
        st.link_button(t("map.panel.source"), row["source_url"], use_container_width=True)
    _aid_lines(partnership_id, language)


def _place(links: pd.DataFrame, places: pd.DataFrame, shown_ids: set[str], municipality_id: str, language: str) -> None:
    known = places[places["municipality_id"] == municipality_id] if places is not None else places
    involved = links[(links["a_municipality_id"] == municipality_id) | (links["b_municipality_id"] == municipality_id)]
    if (known is None or known.empty) and involved.empty:
        st.info(t("map.panel.not_found", id=md(municipality_id)))
        return
    if known is not None and not known.empty:
        place = known.iloc[0].to_dict()
        st.markdown(f"#### {md(display_label(place, None, language))}")
        lines = [t(f"country.{place['country']}"), t(f"map.kind.{place['kind']}")]
        for column in ("admin1_name", "district_name"):
            if not _blank(place.get(column)):
                lines.append(md(place[column]))
        st.caption("  \n".join(lines))
    st.markdown(f"**{t('map.panel.place_partnerships', count=len(involved))}**")
    for row in involved.sort_values("id").to_dict("records"):
        other = "b" if row["a_municipality_id"] == municipality_id else "a"
        pid = str(row["id"])
        year = row.get("since_year")
        label = " · ".join(
            part for part in (display_label(row, other, language), t(f"map.relation.{row['relation']}"),
                              "" if _blank(year) else str(int(year)))
            if part
        )
        if pid not in shown_ids:
            label += " (" + t("map.panel.hidden") + ")"
        st.button(label, key=f"map_panel_pick_{pid}", on_click=state.select_partnership, args=(pid,), use_container_width=True)


def show_panel(links: pd.DataFrame, places: pd.DataFrame | None, links_shown: pd.DataFrame) -> None:
    """The details of the selected partnership or place (``state.selected_*``), or a hint to click."""
    language = state.language()
    shown_ids = set(partnership_ids(links_shown))
    st.subheader(t("map.panel.title"))
    partnership_id, municipality_id = state.selected_partnership_id(), state.selected_place_id()
    if partnership_id:
        _partnership(links, shown_ids, partnership_id, language)
    elif municipality_id:
        _place(links, places, shown_ids, municipality_id, language)
    else:
        st.caption(t("map.panel.empty"))
        return
    st.button(t("map.panel.clear"), key="map_panel_clear", on_click=state.select_partnership, args=(None,))
