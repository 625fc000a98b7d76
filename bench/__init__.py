"""Benchmarks that print numbers (``python -m bench``, ``python -m bench.load``); never timed asserts in tests."""
