"""Benchmarks: ``python -m tests.bench`` (not part of the normal test run)."""
