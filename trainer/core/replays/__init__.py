"""Replays and reports: recording runs as they happen, verifying them, scoring and history."""
