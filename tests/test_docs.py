"""The README's command reference matches the CLI (as sqlite-utils tests its docs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


#: Every command by the words that call it: ``crawl``, ``export articles``, ...
COMMANDS = {f"{name} {sub}" if sub else name: command
            for name, group in cli.commands.items()
            for sub, command in (getattr(group, "commands", {}) or {"": group}).items()}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented(name):
    assert f"newsarchive {name}" in README


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_documented_options_exist(name):
    """Every ``--option`` the README shows on a ``newsarchive NAME`` line is an option of NAME."""
    options = {opt for param in COMMANDS[name].params for opt in param.opts}
    options |= {"--help"}
    for line in README.splitlines():
        match = re.search(rf"newsarchive {name}\b(.*)", line)
        if match:
            used = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", match.group(1).split("#")[0]))
            assert used <= options, f"{line!r}: {used - options} not options of {name}"
