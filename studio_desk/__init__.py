"""StudioDesk core (影楼客怨处理台): everything a user can do, without Qt.

The GUI in ``ui/`` and the command line in :mod:`studio_desk.cli` are thin layers over
the services in :mod:`studio_desk.services`.
"""

__version__ = "0.1.0"  # the one place; pyproject.toml repeats it (a test checks they match)


def version_line() -> str:
    """What ``--version`` prints."""
    return f"StudioDesk（影楼客怨处理台）{__version__}"
