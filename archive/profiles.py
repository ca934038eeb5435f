"""Site profiles in the archive: cold starts handled by cleaning again, from the WARC records,
the articles cleaned before the profile knew what their site repeats."""

from __future__ import annotations

from archive.index import Index
from archive.paths import ArchivePaths
from archive.process import Skipped, archive_document, clean_capture
from archive.records import CaptureError, capture_from_record
from archive.warcfile import RecordLocation, RotatingWarcFile, record_at
from cleaners.profile import block_key


def stale_articles(index: Index, site: str) -> list[dict]:
    """Articles of ``site`` whose text still holds a block the profile now calls boilerplate."""
    profile = index.site_profile(site)
    if not profile.blocks:
        return []
    rows = index.db.execute_returning_dicts(
        "select a.capture_id, a.text, c.warc_file, c.warc_offset, c.warc_length "
        "from articles a join captures c on c.record_id = a.capture_id where a.site = ?", [site])
    return [row for row in rows
            if any(profile.repeats(line, block_key(line)) for line in row["text"].split("\n"))]


def reclean_site(index: Index, paths: ArchivePaths, derived: RotatingWarcFile, site: str,
                 rules=None) -> int:
    """Clean the stale articles of ``site`` again with its current profile; return how many."""
    done = 0
    for row in stale_articles(index, site):
        location = RecordLocation(row["warc_file"], row["warc_offset"], row["warc_length"],
                                  row["capture_id"])
        try:
            with record_at(paths.locate(row["warc_file"]), row["warc_offset"]) as record:
                capture = capture_from_record(record, location)
            document = clean_capture(capture, rules, index.site_profile(site))
        except (OSError, CaptureError, Skipped):
            continue  # the row stands as it is: nothing archived is lost
        archive_document(capture, document, site=site, derived=derived, index=index)
        done += 1
    return done
