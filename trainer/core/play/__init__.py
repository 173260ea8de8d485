"""Playing a run: the `transitions` engine, its scorecard and the debrief's turning points."""
