"""Developer tools: models built on the spot for tests and benchmarks (never shipped to users)."""
