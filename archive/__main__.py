"""``python -m archive`` is the ``newsarchive`` command."""

from archive.cli.main import cli

cli(prog_name="newsarchive")
