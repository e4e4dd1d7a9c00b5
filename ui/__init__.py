"""StudioDesk's Qt widgets. Qt only: every rule and every write goes through ``studio_desk``."""
