"""Sync through a shared folder: per-device journals of immutable segments, merged by
stable ids and hybrid logical clocks (see docs/SYNC.md). Qt-free."""
