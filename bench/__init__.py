"""Benchmarks: each module measures one part and prints its figures for docs/performance.md."""
