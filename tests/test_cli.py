"""The command line as a cron job and a new user meet it: one clear line and a non-zero exit
for every ordinary mistake, exit codes a scheduler can act on, a demo that can run twice, and
the sample sites served for ``scrapy crawl``."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import signal
import socket
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
import sqlite_utils
from _archive_checks import FAST, crawl_command
from click.testing import CliRunner

from archive.cli.main import EXIT_CRAWL_FAILED, EXIT_NOTHING_FETCHED, cli
from archive.store.paths import ArchivePaths

ROOT = Path(__file__).parent.parent


def free_ports(count: int = 3) -> int:
    """The first of ``count`` consecutive free ports on 127.0.0.1."""
    for start in range(18700, 19700, count):
        with contextlib.ExitStack() as stack:
            try:
                for port in range(start, start + count):
                    sock = stack.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return start
    raise RuntimeError("no free ports")


@pytest.fixture
def mistakes(tmp_path):
    bad_seed = tmp_path / "bad.toml"
    bad_seed.write_text('name = "x"\nstart_urls = [\n')
    no_urls = tmp_path / "empty.toml"
    no_urls.write_text('name = "x"\n')
    bad_pattern = tmp_path / "pattern.toml"
    bad_pattern.write_text('start_urls = ["http://127.0.0.1:9/"]\narticle_pattern = "(["\n')
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    not_archive = tmp_path / "not-an-archive"
    not_archive.mkdir()
    return {"bad_seed": bad_seed, "no_urls": no_urls, "bad_pattern": bad_pattern,
            "page": page, "dir": not_archive, "missing": tmp_path / "missing.warc.gz"}


MISTAKES = [
    (["crawl", "-s", "FOO"], "is not NAME=VALUE"),
    (["crawl", "-s", "CLOSESPIDER_PAGECOUNT=many"], "wants a number"),
    (["crawl", "-s", "ROBOTSTXT_OBEY=perhaps"], "wants true or false"),
    (["crawl", "{bad_seed}"], "bad seed file"),
    (["crawl", "{no_urls}"], "no start_urls, feeds or sitemaps"),
    (["crawl", "{bad_pattern}"], "bad seed file"),
    (["crawl", "{missing}"], "does not exist"),
    (["crawl", "--data", "{bad_seed}"], "is a file"),
    (["reprocess", "--data", "{dir}"], "is not an archive"),
    (["reprocess", "{missing}"], "does not exist"),
    (["reprocess", "{dir}", "--data", "{dir}", "--seeds", "{bad_seed}"], "bad seed file"),
    (["reprocess", "--jobs", "-1"], "-1 is not in the range"),
    (["stats", "--data", "{dir}"], "no archive at"),
    (["serve", "--data", "{dir}"], "no archive at"),
    (["clean", "{missing}", "--url", "http://x/"], "No such file"),
    (["clean", "{page}", "--url", "http://x/"], "no article"),
    (["clean", "{page}"], "Missing option '--url'"),
    (["demo", "--port", "70000"], "not in the range"),
    (["frobnicate"], "No such command"),
]


@pytest.mark.parametrize(("args", "message"), MISTAKES, ids=[" ".join(a) for a, _ in MISTAKES])
def test_a_mistake_is_one_clear_line_not_a_traceback(mistakes, args, message, monkeypatch,
                                                     tmp_path):
    monkeypatch.chdir(tmp_path)  # no seeds/ here
    args = [a.format(**mistakes) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code not in (0, None), result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_crawl_without_seed_files_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["crawl", "--data", str(tmp_path / "data")])
    assert result.exit_code == 1 and "no seed files" in result.output


def test_a_taken_port_is_named(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["demo", "--data", str(tmp_path), "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port} of 127.0.0.1 is taken" in result.output
    assert not (tmp_path / "index.db").exists()


def test_a_crawl_that_reaches_nothing_exits_4(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, never listening: connections are refused
        seed = tmp_path / "down.toml"
        seed.write_text(f'name = "down"\nstart_urls = ["http://127.0.0.1:{port}/"]\n')
        result = subprocess.run(crawl_command([seed], tmp_path / "data", "-s", "RETRY_TIMES=0"),
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == EXIT_NOTHING_FETCHED, result.stderr[-2000:]
    assert "nothing could be fetched (" in result.stderr
    assert "ConnectionRefusedError" in result.stderr.rsplit("Error: ", 1)[1]
    assert "Traceback" not in result.stderr


def test_a_crawl_stopped_early_exits_1_and_says_why(sample_seeds, tmp_path):
    result = subprocess.run(crawl_command(sample_seeds, tmp_path / "data",
                                          "-s", "CLOSESPIDER_PAGECOUNT=5"),
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == EXIT_CRAWL_FAILED
    assert "the crawl did not finish: stopped at CLOSESPIDER_PAGECOUNT" in result.stderr


def test_the_demo_twice_adds_nothing_the_second_time(tmp_path):
    port = str(free_ports())
    command = [sys.executable, "-m", "archive", "demo", "--data", str(tmp_path), "--port", port]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "articles indexed by this crawl: 71" in first.stdout
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "articles indexed by this crawl: 0" in second.stdout
    assert "known articles not fetched again: 71" in second.stdout
    db = sqlite_utils.Database(ArchivePaths(tmp_path).index)
    assert db.execute("select count(*), count(distinct url) from articles").fetchone() == (71, 71)
    assert db["crawls"].count == 2

    def stats() -> list[str]:
        result = CliRunner().invoke(cli, ["stats", "--data", str(tmp_path)])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()

    before = stats()
    reprocess = CliRunner().invoke(cli, ["reprocess", "--data", str(tmp_path), "--jobs", "0"])
    assert reprocess.exit_code == 0, reprocess.output
    after = stats()
    skipped = [line for line in before if line.startswith("skipped:")]
    assert skipped == [line for line in after if line.startswith("skipped:")]  # written once
    runs = after[after.index("reprocess runs (newest first):") + 1]
    assert " 71 unchanged" in runs and " 0 articles written" in runs
    crawls = after[after.index("crawls (newest first):") + 1:][:2]
    assert [" 0 articles" in line for line in crawls] == [True, False]  # newest first
    sites = {line.split()[0]: line.split() for line in after
             if line.startswith("  ") and line.split()[0] in ("zerkalo", "bild", "turkeytoday")}
    assert sites["turkeytoday"][4] != "0"  # its 500s, as the last crawl met them


def test_sample_sites_serve_seed_files_for_scrapy_crawl(tmp_path):
    port = free_ports()
    seeds_dir = tmp_path / "seeds"
    server = subprocess.Popen(
        [sys.executable, "-m", "archive", "sample-sites", "--port", str(port),
         "--seeds-dir", str(seeds_dir)], stdout=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in server.stdout:
            lines.append(line)
            if "Ctrl-C" in line:
                break
        command = next(line.strip() for line in lines if line.strip().startswith("scrapy crawl"))
        assert f"127.0.0.1:{port}" in (seeds_dir / "zerkalo.toml").read_text()
        scrapy = [sys.executable, "-m", "scrapy", *command.split()[1:],
                  "-s", f"ARCHIVE_DATA_DIR={tmp_path / 'data'}", *FAST]
        result = subprocess.run(scrapy, cwd=ROOT, capture_output=True, text=True, timeout=240,
                                env={k: v for k, v in os.environ.items()
                                     if k != "SCRAPY_SETTINGS_MODULE"})  # scrapy.cfg says
        assert result.returncode == 0, result.stderr[-3000:]
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
    db = sqlite_utils.Database(ArchivePaths(tmp_path / "data").index)
    assert db["articles"].count == 71


def run_on_a_terminal(command: list[str], timeout: float = 240) -> str:
    """Run ``command`` with stderr on a pseudo-terminal of 100x24, as a person would see it."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=slave)
    os.close(slave)
    chunks = []
    with contextlib.suppress(OSError):  # EIO once the process has closed its end
        while chunk := os.read(master, 65536):
            chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=timeout) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_crawl_on_a_terminal_shows_a_progress_line_and_a_log_file_does_not(sample_seeds,
                                                                              tmp_path):
    seen = run_on_a_terminal(crawl_command(sample_seeds, tmp_path / "tty"))
    last = [part for part in seen.replace("\r", "\n").splitlines() if part.startswith("crawl:")]
    assert last and "articles=71" in last[-1] and "errors=" in last[-1] and "queued=0" in last[-1]
    logged = subprocess.run(crawl_command(sample_seeds, tmp_path / "log"), capture_output=True,
                            text=True, timeout=240)
    assert logged.returncode == 0 and "pages/s" not in logged.stderr
