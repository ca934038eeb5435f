"""The layout of an archive folder, named in one place."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

#: What the archive names its WARC files (prefix, time, serial, host): a plain name, never a path.
WARC_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.warc\.gz")


def is_warc_name(name) -> bool:
    """A file name the archive could have written: no folder, no ``..``, nothing absolute."""
    return isinstance(name, str) and WARC_NAME.fullmatch(name) is not None


def is_regular_file(path: Path) -> bool:
    """A file of its own, not a symlink (which could lead anywhere) nor anything else."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


@dataclass(frozen=True)
class ArchivePaths:
    """``warc/`` raw captures (never rewritten), ``text/`` derived records, ``index.db``."""

    root: Path

    def __init__(self, root):
        object.__setattr__(self, "root", Path(root))

    @property
    def warc_dir(self) -> Path:
        return self.root / "warc"

    @property
    def text_dir(self) -> Path:
        return self.root / "text"

    @property
    def index(self) -> Path:
        return self.root / "index.db"

    @property
    def lock(self) -> Path:
        return self.root / "crawl.lock"

    def index_lost(self) -> bool:
        """No index, or an empty file in its place (and no write-ahead log holding its pages),
        beside WARC files: the archive's index was lost, and ``reindex`` makes it again."""
        log = self.index.with_name(self.index.name + "-wal")
        return not (self.index.exists() and self.index.stat().st_size) and \
            not (log.exists() and log.stat().st_size) and any(self.warc_dir.glob("*.warc.gz"))

    def no_index(self, program: str = "newsarchive") -> str:
        """Why there is no index to open, in one line: none made yet, or one lost beside the
        archive's WARC files (then the command that makes it again, as ``program`` is typed)."""
        if self.index_lost():
            return (f"the archive's index is lost ({self.index} is missing or empty); the WARC "
                    f"files are not: rebuild the index from them with `{program} reindex --data "
                    f"{self.root}`")
        return f"no archive at {self.root} (no {self.index})"

    @property
    def queue_dir(self) -> Path:
        """Scrapy's JOBDIR for one crawl: its pending requests on disk, removed when it ends."""
        return self.root / "queue"

    def locate(self, filename: str) -> Path:
        """The path of a WARC file named in the index (raw or derived), open or closed.

        Only a plain file name of the archive's own, a regular file in ``warc/`` or ``text/``:
        a name with a folder, ``..`` or a symlink in the index never leads outside the archive
        (a foreign WARC that was reprocessed is indexed by its path, and is not served)."""
        if is_warc_name(filename):
            for folder in (self.warc_dir, self.text_dir):
                for candidate in (folder / filename, folder / (filename + ".open")):
                    if is_regular_file(candidate):
                        return candidate
        raise FileNotFoundError(f"{filename} is not a file of this archive")

    def source(self, filename: str) -> Path:
        """Where this machine reads a capture's record offline: a file of the archive, or a
        foreign WARC reprocessed here, which the index names by its absolute path (only this
        machine's reprocess writes such a name: a merge refuses one it did not hand out)."""
        path = Path(filename)
        return path if path.is_absolute() and path.is_file() else self.locate(filename)
