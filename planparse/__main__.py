"""``python -m planparse`` runs the CLI."""

from .cli import run

run()
