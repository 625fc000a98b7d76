"""Command line: ``python -m atlas <command> …``; each command lives in ``atlas/commands/``."""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "geocode": ("atlas.commands.geocode", "geocode a partnerships CSV and write coordinates"),
    "validate": ("atlas.commands.validate", "check geodata/: ids, resolution, coordinates"),
    "export": ("atlas.commands.export", "export filtered records as csv, xlsx, geojson or html"),
    "import": ("atlas.commands.importer", "import partnerships from CSV/XLSX into the database"),
    "users": ("atlas.commands.users", "manage editor accounts"),
    "db": ("atlas.commands.db", "database: migrate, seed, backup, restore"),
    "gazetteer": ("atlas.commands.gazetteer", "build the gazetteer from the registry packages"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in COMMANDS:
        lines = ["usage: python -m atlas <command> [options]", "", "commands:"]
        lines += [f"  {name:<10} {summary}" for name, (_, summary) in COMMANDS.items()]
        print("\n".join(lines), file=sys.stderr if argv and argv[0] not in {"-h", "--help"} else sys.stdout)
        return 0 if argv and argv[0] in {"-h", "--help"} else 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
