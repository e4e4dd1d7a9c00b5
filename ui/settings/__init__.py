"""The manager's settings page (设置, 店长+)."""
