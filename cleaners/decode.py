"""Bytes to text: refuse binary bodies, then decode as a browser would (BOM, header, meta)."""

from __future__ import annotations

from charset_normalizer import from_bytes
from w3lib.encoding import html_to_unicode

from cleaners.document import NotArticle

#: Magic numbers of formats that servers like to label text/html.
BINARY_SIGNATURES = (
    b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"RIFF",
    b"\x00\x00\x01\x00", b"OggS", b"ID3", b"fLaC", b"wOFF", b"wOF2", b"\x7fELF", b"BZh",
    b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"(\xb5/\xfd",
)

#: Bytes no text uses (tabs, newlines, form feeds and carriage returns aside).
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def check_not_binary(body: bytes) -> None:
    """Raise :class:`NotArticle` for bodies that are clearly not text, whatever their label."""
    if not body.strip():
        raise NotArticle("empty")
    head = body[:1024].lstrip()
    if head.startswith(BINARY_SIGNATURES):
        raise NotArticle("binary", f"starts with {head[:8]!r}")
    sample = body[:4096]
    # UTF-16 text has NULs too, but declares itself with a BOM.
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotArticle("binary", "NUL bytes in the first 4 KB")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > len(sample) * 0.05:
        raise NotArticle("binary", f"{controls} control bytes in the first {len(sample)}")


#: A page read as labelled with more undecodable characters than this share is mislabelled.
MAX_REPLACED = 0.002


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str, str | None]:
    """Return ``(text, charset, note)``; undecodable bytes become U+FFFD rather than an error,
    and ``note`` says why the charset is not the one the page declared, when it is not.

    A page labelled with a single-byte charset whose bytes are valid UTF-8 with multi-byte
    sequences is UTF-8 (a stale ``<meta charset=iso-8859-1>`` in a UTF-8 template): such
    sequences do not happen by chance in Latin or Cyrillic single-byte text, and reading them
    as labelled would archive mojibake (``â€™``). A page that, read as labelled, is full of
    undecodable bytes (windows-1251 served as UTF-8) is read in the charset a detector finds
    (charset-normalizer), if that one decodes it cleanly."""
    check_not_binary(body)
    charset, text = html_to_unicode(content_type, body)
    if charset not in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be") and \
            not body.isascii():
        try:
            return (body.decode("utf-8"), "utf-8",
                    f"declared {charset}, but the bytes are UTF-8")
        except UnicodeDecodeError:
            pass
    replaced = text.count("\ufffd")
    if replaced > max(3, len(text) * MAX_REPLACED):
        best = from_bytes(body).best()
        if best is not None and best.encoding and "\ufffd" not in str(best):
            return (str(best), best.encoding,
                    f"declared {charset}, but {replaced} characters would not decode")
    return text, charset, None
