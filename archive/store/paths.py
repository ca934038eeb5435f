"""The layout of an archive folder, named in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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

    @property
    def queue_dir(self) -> Path:
        """Scrapy's JOBDIR for one crawl: its pending requests on disk, removed when it ends."""
        return self.root / "queue"

    def locate(self, filename: str) -> Path:
        """The path of a WARC file named in the index (raw or derived), open or closed."""
        for folder in (self.warc_dir, self.text_dir):
            for candidate in (folder / filename, folder / (filename + ".open")):
                if candidate.exists():
                    return candidate
        raise FileNotFoundError(f"{filename} is in neither {self.warc_dir} nor {self.text_dir}")
