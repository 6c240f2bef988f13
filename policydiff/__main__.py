"""`python -m policydiff` runs the CLI."""

from policydiff.cli import run

run()
