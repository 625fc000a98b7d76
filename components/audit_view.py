"""Tables of the audit log for the audit page (plain DataFrames: Streamlit shows them as text)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from atlas.store import AuditEntry
from components.i18n import t


def changed_columns(entry: AuditEntry) -> list[str]:
    """The columns an entry changed (all of them for an insert or a delete)."""
    before, after = entry.before or {}, entry.after or {}
    return [column for column in sorted(set(before) | set(after)) if before.get(column) != after.get(column)]


def audit_table(entries: Sequence[AuditEntry]) -> pd.DataFrame:
    return pd.DataFrame({
        "#": [entry.id for entry in entries],
        t("data.audit.at"): [entry.at[:19].replace("T", " ") for entry in entries],
        t("data.audit.actor"): [entry.actor for entry in entries],
        t("data.audit.table"): [t(f"data.table.{entry.table_name}") for entry in entries],
        t("data.audit.record"): [entry.record_id for entry in entries],
        t("data.audit.action"): [t(f"data.action.{entry.action}") for entry in entries],
        t("data.audit.columns"): [", ".join(changed_columns(entry)) for entry in entries],
    })


def change_table(entry: AuditEntry) -> pd.DataFrame:
    columns = changed_columns(entry)
    return pd.DataFrame({
        t("data.edit.column"): columns,
        t("data.audit.before"): [(entry.before or {}).get(column, "") for column in columns],
        t("data.audit.after"): [(entry.after or {}).get(column, "") for column in columns],
    })
