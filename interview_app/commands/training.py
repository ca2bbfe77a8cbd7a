"""`interview-app training-vault DIR`: a vault of fictional cases that walks every script."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from interview_app.errors import FormError, InterviewAppError
from interview_app.training import (
    DIRECTORY_FILE,
    TRAINING_PASSPHRASE,
    TRAINING_USER,
    build_training_vault,
    training_scripts,
)


def register(commands: Any) -> None:  # argparse's _SubParsersAction is private
    parser: argparse.ArgumentParser = commands.add_parser(
        "training-vault",
        help="build a vault of fictional cases for practice",
        description="Build a training vault: one fictional case per script, each walked from "
        "start to end and finalised, with a published user and passphrase. Never record a "
        "real case in it.",
    )
    parser.add_argument("directory", type=Path, metavar="DIR", help="where to build it")
    parser.add_argument("--forms", nargs="+", type=Path, metavar="PATH",
                        help="scripts to walk (default: every script in forms/)")
    parser.add_argument("--directory-file", type=Path, metavar="FILE",
                        help=f"referral directory to copy in (default: {DIRECTORY_FILE})")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    forms = args.forms if args.forms is not None else training_scripts()
    if not forms:
        print("error: there are no scripts to walk", file=sys.stderr)
        return 1
    print("building the training vault...", file=sys.stderr)
    try:
        walked = build_training_vault(args.directory, forms=forms,
                                      directory_file=args.directory_file)
    except FormError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("error: a script is not valid; no training vault was built", file=sys.stderr)
        return 1
    except InterviewAppError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error.strerror or 'input/output error'}", file=sys.stderr)
        return 1
    print(f"Training vault built in {args.directory}: one fictional, finalised case for each "
          f"of {len(walked)} script(s) ({', '.join(f.id for f in walked)}).")
    print(f"  user:       {TRAINING_USER}")
    print(f"  passphrase: {TRAINING_PASSPHRASE}")
    print("The passphrase is public: record only fictional cases in this vault.")
    return 0
