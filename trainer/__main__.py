"""Allow ``python -m trainer``."""

from trainer.cli.main import main

raise SystemExit(main())
