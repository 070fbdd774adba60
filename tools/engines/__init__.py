"""Multi-engine fixture corpus generator (see docs/engines.md and build.py)."""
