"""Tools for scenario authors: lint, analysis, the story graph and the starter scenario."""
