"""``python -m osl_plan.installation zainstaluj --pakiet DIR`` / ``odinstaluj``: run by the bundle's
installer and uninstaller scripts from the private environment. Prints what was done, in Polish."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from osl_plan.i18n import _
from osl_plan.installation import install, uninstall
from osl_plan.installation.places import current_layout


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m osl_plan.installation")
    parser.add_argument("krok", choices=["zainstaluj", "odinstaluj"])
    parser.add_argument("--pakiet", type=Path, default=None)
    arguments = parser.parse_args(argv)
    layout = current_layout()
    try:
        if arguments.krok == "zainstaluj":
            outcome = install(layout, arguments.pakiet or Path.cwd())
        else:
            outcome = uninstall(layout)
    except OSError as error:
        print(_("Error: {message}").format(message=error), file=sys.stderr)
        return 1
    for line in outcome.done:
        print(f"✓ {line}")
    for line in outcome.notes:
        print(f"! {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
