"""`coop-tui serve`: coop-tui in a web browser (the optional `web` extra)."""
