"""Notice windows: what a version promises about notice of changes (and, later, checks against it)."""
