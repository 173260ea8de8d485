"""The command line. Commands that never open the TUI must not import Textual (it costs ~0.3 s)."""
