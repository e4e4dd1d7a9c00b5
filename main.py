"""StudioDesk (影楼客怨处理台). No arguments or GUI options → the desktop program;
a subcommand → the command line (``python main.py --help``)."""

from __future__ import annotations

import sys

GUI_OPTIONS = {"--db", "--demo", "--database-url", "--lang"}


def _wants_gui(argv: list[str]) -> bool:
    return not argv or argv[0].startswith("-") and argv[0].split("=")[0] in GUI_OPTIONS


def _render_screen(*args):
    """The screenshot command's drawing: the desk (and Qt) loads only when that command runs."""
    from ui.screenshot import shoot

    return shoot(*args)


if __name__ == "__main__":
    argv = sys.argv[1:]
    if _wants_gui(argv):
        from ui.app import run

        sys.exit(run(argv))
    from studio_desk.cli import main

    sys.exit(main(argv, render_screen=_render_screen))
