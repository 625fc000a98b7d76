"""The edit form for one partnership or aid action, with optimistic locking.

The record is loaded once into a snapshot (values + version) when it is picked; saving sends that
version along, so a change someone else made meanwhile is reported as a conflict instead of being
overwritten. Texts are shown through widgets and ``st.text`` only — never as Markdown or HTML.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

from atlas.schema import AID_CATEGORIES, AID_COLUMNS, COUNTRIES, KINDS, PARTNERSHIP_COLUMNS, RELATIONS, STATUSES
from atlas.store import ConflictError, NotFoundError, ValidationError
from components import data, state
from components.i18n import t

TableName = Literal["partnerships", "aid_actions"]
COLUMNS = {"partnerships": PARTNERSHIP_COLUMNS, "aid_actions": AID_COLUMNS}
CHOICES: dict[str, tuple[str, ...]] = {
    "a_country": COUNTRIES, "b_country": COUNTRIES, "a_kind": KINDS, "b_kind": KINDS,
    "relation": RELATIONS, "status": STATUSES, "category": AID_CATEGORIES,
}
LONG_TEXT = {"note", "what"}
NEW = ""


def _labels(table_name: TableName) -> dict[str, str]:
    """Record id → what the picker shows (id, both names and the relation for partnerships)."""
    if table_name == "aid_actions":
        frame = data.aid_actions()
        labels = {row.id: f"{row.id} · {row.partnership_id} · {row.date} · {row.what[:60]}" for row in frame.itertuples()}
    else:
        frame = data.partnerships()
        labels = {row.id: f"{row.id} · {row.a_name} – {row.b_name} ({t('data.relation.' + row.relation)})"
                  for row in frame.itertuples()}
    return {NEW: t("data.edit.new"), **labels}


def _pick(table_name: TableName) -> dict:
    """The record picker; returns the snapshot of the picked record (fresh for a new one)."""
    labels = _labels(table_name)
    picked = st.selectbox(t("data.edit.pick"), list(labels), format_func=labels.__getitem__,
                          key=f"data_edit_pick_{table_name}")
    snapshot = state.data_edit_snapshot(table_name)
    if snapshot is None or snapshot["id"] != picked:
        if picked == NEW:
            snapshot = {"id": NEW, "version": None, "values": {column: "" for column in COLUMNS[table_name]}}
        else:
            record = data.store().get_record(table_name, picked)
            snapshot = {"id": picked, "version": record["version"],
                        "values": {column: str(record[column]) for column in COLUMNS[table_name]}}
        state.data_set_edit_snapshot(table_name, snapshot)
    return snapshot


def _field(table_name: TableName, column: str, value: str, form_key: str) -> str:
    label = t(f"data.field.{column}")
    key = f"{form_key}_{column}"
    if column in CHOICES:
        options = CHOICES[column]
        return st.selectbox(label, options, index=options.index(value) if value in options else 0, key=key)
    if column == "partnership_id":
        labels = _labels("partnerships")
        options = [rid for rid in labels if rid != NEW]
        return st.selectbox(label, options, index=options.index(value) if value in options else 0, key=key,
                            format_func=labels.__getitem__)
    if column in LONG_TEXT:
        return st.text_area(label, value=value, max_chars=2000, key=key)
    return st.text_input(label, value=value, max_chars=500, key=key)


def _save(table_name: TableName, snapshot: dict, values: dict[str, str], actor: str, end: bool) -> None:
    db = data.store()
    try:
        if snapshot["id"] == NEW:
            new_id = (db.add_partnership if table_name == "partnerships" else db.add_aid)(values, actor)
            message = t("data.edit.added", id=new_id)
        elif end:
            db.end_partnership(snapshot["id"], snapshot["version"], actor)
            message = t("data.edit.ended", id=snapshot["id"])
        else:
            update = db.update_partnership if table_name == "partnerships" else db.update_aid
            update(snapshot["id"], values, snapshot["version"], actor)
            message = t("data.edit.saved", id=snapshot["id"])
    except ConflictError:
        # Show both versions and load the current one: the editor re-applies the change knowingly.
        st.error(t("data.edit.conflict", id=snapshot["id"]))
        current = db.get_record(table_name, snapshot["id"])
        st.dataframe({
            t("data.edit.column"): list(values),
            t("data.edit.yours"): [values[column] for column in values],
            t("data.edit.current"): [str(current[column]) for column in values],
        }, hide_index=True)
        state.data_set_edit_snapshot(table_name, None)
        return
    except ValidationError as error:
        st.error(t("data.edit.invalid"))
        for problem in error.problems:
            st.text(problem)
        return
    except NotFoundError:
        st.error(t("data.edit.gone", id=snapshot["id"]))
        state.data_set_edit_snapshot(table_name, None)
        return
    state.data_set_edit_snapshot(table_name, None)
    state.auth_flash(message)
    st.rerun()


def record_editor(table_name: TableName, actor: str) -> None:
    """Pick a record (or "new"), edit it in a form, save it (partnerships can also be ended)."""
    flash = state.auth_flash()
    if flash:
        st.success(flash)
    snapshot = _pick(table_name)
    form_key = f"data_form_{table_name}_{snapshot['id'] or 'new'}_{snapshot['version']}"
    with st.form(form_key):
        columns = [column for column in COLUMNS[table_name] if column != "id"]
        values = {column: _field(table_name, column, snapshot["values"][column], form_key) for column in columns}
        if snapshot["id"] == NEW:
            values["id"] = ""
        saved = st.form_submit_button(t("data.edit.save"), type="primary")
        ended = (table_name == "partnerships" and snapshot["id"] != NEW
                 and st.form_submit_button(t("data.edit.end")))
    if saved or ended:
        _save(table_name, snapshot, values, actor, end=bool(ended))
