"""`python -m policydiff` runs the CLI."""

from policydiff.cli import main

raise SystemExit(main())
