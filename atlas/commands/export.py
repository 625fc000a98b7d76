"""``python -m atlas export --format csv|xlsx|geojson|html --out FILE [filters]``.

The filter options are the URL parameters of the app (``--country PL``, ``--pair DE-UA``, ``--admin1``,
``--district``, ``--relation``, ``--status``, ``--from``, ``--to``, ``--q``, ``--aid``), so a view
seen in the browser can be exported from the command line. Unlike the lenient URL reading, a value
the filter would ignore is an error here (exit 2): a script should not export everything by mistake.
Exit 0 on success, 2 on bad options, 1 when the records cannot be loaded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.export import EXPORT_FORMATS, export_bytes
from atlas.filters import Filters, apply_filters
from atlas.i18n import LANGUAGES

_LIST_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("country", "country", "ISO codes, comma-separated: DE, PL, UA"),
    ("pair", "pair", "country pairs: DE-UA, DE-PL, PL-UA"),
    ("admin1", "admin1", "ISO 3166-2 codes of Land / voivodeship / oblast, e.g. DE-SN,PL-06"),
    ("district", "district", "district ids (Landkreis / powiat / raion), as in the app's URL"),
    ("relation", "relation", "twinning, friendship, project, solidarity, intent"),
    ("status", "status", "active, planned, ended"),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m atlas export",
        description="Export the partnerships a filter selects, as the app shows them.",
    )
    parser.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="file format")
    parser.add_argument("--out", required=True, type=Path, help="file to write ('-' for standard output)")
    parser.add_argument("--lang", default="de", choices=LANGUAGES, help="language of the HTML map (default de)")
    for name, _, help_text in _LIST_OPTIONS:
        parser.add_argument(f"--{name}", help=help_text)
    parser.add_argument("--from", dest="year_from", metavar="YEAR", help="since this year (rows without a year drop out)")
    parser.add_argument("--to", dest="year_to", metavar="YEAR", help="up to this year: the network as it stood then")
    parser.add_argument("--q", help="free text, any spelling of either side (Kiew, Kyiv, Київ)")
    parser.add_argument("--aid", action="store_true", help="only partnerships with recorded aid")
    return parser


def filter_params(options: argparse.Namespace) -> dict[str, str]:
    """The URL parameters the options stand for (only those given)."""
    params: dict[str, str] = {}
    for name, param, _ in _LIST_OPTIONS:
        value = getattr(options, name)
        if value is not None:
            params[param] = value
    if options.year_from is not None:
        params["from"] = options.year_from
    if options.year_to is not None:
        params["to"] = options.year_to
    if options.q is not None:
        params["q"] = options.q
    if options.aid:
        params["aid"] = "1"
    return params


def rejected_values(params: dict[str, str]) -> list[str]:
    """Messages for every value the filters would silently ignore."""
    problems = []
    for name, value in params.items():
        tokens = [value] if name == "q" else [token.strip() for token in value.split(",")]
        for token in tokens:
            if not token or not Filters.from_query_params({name: token}).to_query_params().get(name):
                option = {"from": "--from", "to": "--to"}.get(name, f"--{name}")
                problems.append(f"{option}: {token!r} is not a valid value")
    return problems


def main(argv: list[str]) -> int:
    parser = build_parser()
    options = parser.parse_args(argv)  # exits 2 with a usage message on unknown or missing options
    params = filter_params(options)
    problems = rejected_values(params)
    if options.out != Path("-") and not options.out.parent.exists():
        problems.append(f"--out: folder {str(options.out.parent)!r} does not exist")
    if problems:
        parser.error("; ".join(problems))
    filters = Filters.from_query_params(params)
    try:
        from atlas.join import load_default_join
        from atlas.records import load_aid

        join = load_default_join()
        aid_ids = frozenset(load_aid()["partnership_id"]) if filters.aid_only else frozenset()
    except (OSError, ValueError) as error:
        print(f"export: cannot load the records: {error}", file=sys.stderr)
        return 1
    links = apply_filters(join.links, filters, aid_ids, join.places)
    data = export_bytes(options.format, links, join.places, options.lang, filters.to_query_params())
    if options.out == Path("-"):
        sys.stdout.buffer.write(data)
    else:
        options.out.write_bytes(data)
        print(f"export: {len(links)} of {len(join.links)} partnerships, {len(data):,} bytes -> {options.out}", file=sys.stderr)
    unresolved = join.unresolved["partnership_id"].nunique() if len(join.unresolved) else 0
    if unresolved:
        print(f"export: {unresolved} partnership(s) whose places are not resolved are not on the map and not exported "
              "(python -m atlas validate lists them)", file=sys.stderr)
    return 0
