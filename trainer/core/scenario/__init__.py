"""The scenario format and its loading: YAML in, a validated model and its compiled rules out."""
