"""The core: scenario model, loading, engine, scoring. Knows nothing of terminals."""
