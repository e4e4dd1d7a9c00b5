"""StudioDesk's Qt widgets. Qt only: every rule and every write goes through ``studio_desk``."""

from ui.none_guard import protect_none

protect_none()  # before any Qt model can answer None (see ui/none_guard.py)
