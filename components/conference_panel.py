"""The conference side panel: everything recorded about one conference, each part with its sources.

``conference_panel(record)`` draws into the current container, so the map page can place it in a
column beside the map when ``?conference=<number>`` is in the URL.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from atlas import conferences
from atlas.formatting import format_date, format_date_range
from atlas.i18n import catalog
from atlas.storylayers import conference_label
from components import state
from components.i18n import t
from components.story_text import md_escape, md_link, numbered_links


def _sources_caption(urls: tuple[str, ...]) -> None:
    if urls:
        st.caption(t("story.conf.sources_inline", links=numbered_links(urls)))


def _figure_label(label: str) -> str:
    key = f"story.conf.figure.{label}"
    return t(key) if key in catalog(state.language()) else label.replace("_", " ")


def conference_panel(record: Mapping[str, object]) -> None:
    """Draw the panel of one record of ``conferences.json`` (see :func:`atlas.conferences.detail`)."""
    language = state.language()
    item = conferences.detail(record)
    conference = item.conference
    sources = conference.sources
    with st.container(border=True, key=f"conference_panel_{conference.key}"):
        st.markdown(f"#### {md_escape(conference_label(conference, language))}")
        if not conference.confirmed:
            st.warning(t("story.conf.unconfirmed"))
        facts = []
        if conference.start:
            facts.append(
                f"**{t('story.conf.dates')}:** {md_escape(format_date_range(conference.start, conference.end or None, language))}"
            )
        if conference.city:
            facts.append(f"**{t('story.conf.city')}:** {md_escape(conference.city)}")
        if conference.venue:
            facts.append(f"**{t('story.conf.venue')}:** {md_escape(conference.venue)}")
        if conference.title:
            facts.append(f"**{t('story.conf.motto_de')}:** {md_escape(conference.title)}")
        if item.title_uk:
            facts.append(f"**{t('story.conf.motto_uk')}:** {md_escape(item.title_uk)}")
        if item.patron:
            facts.append(f"**{t('story.conf.patron')}:** {md_escape(item.patron)}")
        if item.format:
            facts.append(f"**{t('story.conf.format')}:** {md_escape(item.format)}")
        if facts:
            st.markdown("  \n".join(facts))
            _sources_caption(sources)
        if item.organisers:
            st.markdown(f"**{t('story.conf.organisers')}**")
            st.markdown("\n".join(f"- {md_escape(name)}" for name in item.organisers))
            _sources_caption(sources)
        if item.participants or item.participant_claims:
            line = f"**{t('story.conf.participants')}:** {md_escape(item.participants or '–')}"
            st.markdown(line)
            if len(item.participant_claims) > 1:
                st.markdown(t("story.conf.participants_disagree"))
            st.markdown(
                "\n".join(
                    f"- {md_escape(claim.who) + ': ' if claim.who else ''}{md_escape(claim.what)}"
                    for claim in item.participant_claims
                )
            )
            _sources_caption(sources)
        if item.programme:
            st.markdown(f"**{t('story.conf.programme')}**")
            for day in item.programme:
                st.markdown(f"*{md_escape(format_date(day.date, language))}*")
                st.markdown("\n".join(f"- {md_escape(entry)}" for entry in day.items))
            _sources_caption(sources)
        if item.speakers:
            st.markdown(f"**{t('story.conf.speakers')}**")
            st.markdown("\n".join(f"- **{md_escape(speaker.name)}** – {md_escape(speaker.role)}" for speaker in item.speakers))
            _sources_caption(sources)
        if item.topics:
            st.markdown(f"**{t('story.conf.topics')}:** " + "; ".join(md_escape(topic) for topic in item.topics))
        if item.figures:
            st.markdown(f"**{t('story.conf.figures')}**")
            st.markdown(
                "\n".join(
                    f"- {md_escape(_figure_label(figure.label))}: **{md_escape(figure.value)}**"
                    + (f" – {md_escape(figure.by)}" if figure.by else "")
                    + f" ({md_link(t('story.source'), figure.source_url)})"
                    for figure in item.figures
                )
            )
            if len({figure.value for figure in item.figures}) > 1:
                st.caption(t("story.conf.figures_disagree"))
        if item.announcements:
            st.markdown(f"**{t('story.conf.announcements')}**")
            st.markdown("\n".join(f"- {md_escape(claim.who)}: {md_escape(claim.what)}" for claim in item.announcements))
            _sources_caption(sources)
        if item.outcomes:
            st.markdown(f"**{t('story.conf.outcomes')}**")
            st.markdown("\n".join(f"- {md_escape(outcome)}" for outcome in item.outcomes))
            _sources_caption(sources)
        for heading in dict.fromkeys(statement.heading_key for statement in item.statements):
            said = [statement for statement in item.statements if statement.heading_key == heading]
            st.markdown(f"**{t(heading)}**")
            st.markdown("\n".join(f"- {md_escape(t(statement.text_key))}" for statement in said))
            st.caption(t("story.conf.own_words", link=md_link(t("story.conf.press_release"), said[0].source_url)))
        for note in item.notes:
            st.caption(md_escape(note))
        if sources:
            with st.expander(t("story.conf.all_sources", count=len(sources))):
                st.markdown("\n".join(f"{index}. {md_link(url, url)}" for index, url in enumerate(sources, start=1)))
        else:
            st.caption(t("story.conf.no_sources"))
