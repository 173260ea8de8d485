"""The Textual app: a thin layer over trainer.core (library, play, debrief, help)."""
