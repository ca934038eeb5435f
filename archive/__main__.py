"""``python -m archive`` is the ``newsarchive`` command."""

from archive.cli import cli

cli(prog_name="newsarchive")
