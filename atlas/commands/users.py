"""``python -m atlas users add NAME --role admin|editor`` · ``users list`` · ``users remove NAME`` · ``users passwd NAME``.

The password is read from a prompt (typed twice) or, when stdin is not a terminal, from its first line.
It is never a command-line argument and there is no default. Honours ``DATABASE_URL`` / ``ATLAS_DB_PATH``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TextIO

from atlas import auth
from atlas.store import StoreError, open_store


def read_password(stdin: TextIO | None = None) -> str:
    """Prompt twice on a terminal; otherwise read one line from stdin (for scripts: ``… < secret.txt``)."""
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise auth.AuthError("the two passwords differ")
        return first
    return stdin.readline().rstrip("\r\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas users", description="manage editor accounts")
    verbs = parser.add_subparsers(dest="verb", required=True)
    add = verbs.add_parser("add", help="create a user (password from prompt or stdin)")
    add.add_argument("name")
    add.add_argument("--role", choices=auth.ROLES, required=True)
    verbs.add_parser("list", help="list users and roles")
    remove = verbs.add_parser("remove", help="delete a user")
    remove.add_argument("name")
    passwd = verbs.add_parser("passwd", help="set a new password (from prompt or stdin)")
    passwd.add_argument("name")
    args = parser.parse_args(argv)
    try:
        store = open_store()
        if args.verb == "add":
            user = store.add_user(args.name, args.role, read_password())
            print(f"added {user.username} ({user.role})")
        elif args.verb == "list":
            for user in store.list_users():
                print(f"{user.username}\t{user.role}\t{user.created_at}")
        elif args.verb == "remove":
            store.remove_user(args.name)
            print(f"removed {args.name}")
        else:
            store.set_password(args.name, read_password())
            print(f"password of {args.name} changed")
    except (auth.AuthError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
