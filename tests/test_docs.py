"""The README and docs/ match the code (as sqlite-utils and Datasette test their docs): every
command they show exists with the options shown, and the command reference is the CLI's own
``--help``."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from archive.cli.main import cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]}

#: Every command by the words that call it: ``crawl``, ``export articles``, ...
COMMANDS = {f"{name} {sub}" if sub else name: command
            for name, group in cli.commands.items()
            for sub, command in (getattr(group, "commands", {}) or {"": group}).items()}


def shown_lines(tool: str):
    """(document, line) for each line of a code block that runs ``tool``."""
    for name, text in DOCS.items():
        for block in re.findall(r"```(?:sh|console|bash)?\n(.*?)```", text, re.S):
            for line in block.splitlines():
                line = line.split(" #")[0].strip().removeprefix("$ ")
                if line.startswith(tool + " "):
                    yield name, line


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name):
    assert f"newsarchive {name}" in README


def test_every_command_shown_exists_with_its_options():
    """A ``newsarchive ...`` line in a code block names a command, and only its options."""
    shown = 0
    for document, line in shown_lines("newsarchive"):
        words = shlex.split(line)[1:]
        name = " ".join(words[:2]) if " ".join(words[:2]) in COMMANDS else words[0]
        assert name in COMMANDS, f"{document}: {line!r} names no command"
        options = {opt for param in COMMANDS[name].params for opt in param.opts} | {"--help"}
        used = {w.split("=")[0] for w in words if re.match(r"--?[a-zA-Z]", w)}
        assert used <= options, f"{document}: {line!r}: {used - options} not options of {name}"
        shown += 1
    assert shown >= len(COMMANDS)


def test_the_readme_commands_are_make_targets():
    targets = set(re.findall(r"(?m)^([\w-]+):", (ROOT / "Makefile").read_text()))
    shown = set(re.findall(r"(?m)^make (\w+)", README))
    assert {"run", "test"} <= shown <= targets


def test_the_scrapy_lines_name_the_spider():
    for document, line in shown_lines("scrapy"):
        assert shlex.split(line)[1:3] == ["crawl", "news"], f"{document}: {line!r}"


def test_the_readme_is_short():
    assert README.count("\n") < 250


def test_links_between_documents_resolve():
    for name, text in DOCS.items():
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            assert (ROOT / name).parent.joinpath(target).exists(), f"{name} links {target}"


def test_the_command_reference_is_the_clis_help():
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "docs/cli.md"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "docs/cli.md is out of date: run cog -r docs/cli.md\n" + \
        result.stdout + result.stderr
