"""`python -m tui` runs coop-tui."""

from .cli import main

raise SystemExit(main())
