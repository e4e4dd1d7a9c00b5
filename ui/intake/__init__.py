"""The receptionist's intake form (登记): one keyboard-first screen that registers a complaint."""
