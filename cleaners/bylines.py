"""The authors: the structured article's ``author``, the byline printed under the headline
or over the first paragraph, and trafilatura's author search (run on a tree cut down to what it
can match), split into people and credits (an agency, a desk, the site: an organisation is no
person), without the editors a page names (an editor is no byline).
"""

from __future__ import annotations

import html
import re
from functools import partial
from itertools import chain, islice, takewhile
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from cleaners.dates import MONTH_NAMES, WEEKDAYS, first_day
from cleaners.head import (
    BY_WORD,
    DATELINE_CHARS,
    MAX_DATELINE_TEXT,
    MAX_NAME,
    MAX_NAMES,
    MAX_TIMES,
    MAX_UNDER,
    SIGNED,
    Head,
    clean,
    loose,
    unique,
)
from cleaners.structured import types

#: What trafilatura's author expressions (``AUTHOR_XPATHS``) test: these attributes, for one of
#: these words (their regular expressions and names, cut to a part every spelling they accept
#: contains), or an ``<author>`` element (``tests/test_metadata.py`` holds the words to
#: trafilatura's expressions). Only such elements can be found; the search, which calls a Python
#: regular expression for every element, runs on them and what holds them (see
#: :func:`author_search_tree`).
AUTHOR_ATTRIBUTES = frozenset({"class", "id", "rel", "itemprop", "data-testid", "data-component"})
AUTHOR_WORDS = ("uthor", "yline", "byl", "BBL", "username", "zuozhe", "bianji", "xiaobian",
                "channel-name", "submitted-by", "posted-by", "journalist-name", "screenname",
                "writer")
AUTHOR_WORD = re.compile("|".join(map(re.escape, AUTHOR_WORDS)))


def structured_bylines(head: Head) -> tuple[list[str], list[str]]:
    """The structured article's people and organisations, as its markup names them."""
    people: list[str] = []
    credits: list[str] = []
    _structured_names(head, people, credits, set())
    return people, credits


def shown_byline(under: list[str]) -> str | None:
    """The names a text under the headline signs with (``By Jane Doe and John Roe``,
    ``Author: Jane Doe``, ``Posted on August 9, 2012 by Jane Doe``), up to what follows them
    (``on``, ``in`` a category, a dash, a date); a byline split over links (``By``, ``Jane
    Doe``, ``,``, ``John Roe``) is joined. A name in lower case is an account's handle, taken
    only when a day follows it (``by randfish on May 23, 2011``, ``Posted by jdoe42 -
    Tuesday, January 08, 2008``: a blog's byline) or the label is a blog's (``Posted by jdoe in
    News``, ``November 10, 2012 by jdoe``: after words saying the story was posted or its day),
    not in a sentence (``by far the best``)."""
    for position, text in enumerate(under[:MAX_UNDER]):
        if not (match := SIGNED.match(text) or signed_after_day(text)):
            continue
        words, last = text[match.end():].strip(), position
        for following in under[position + 1:position + MAX_UNDER]:
            if words and not _JOIN_END.search(words) and not _JOIN_START.match(following):
                break
            words, last = f"{words} {following}".strip(), last + 1
        end = _BYLINE_END.search(words)
        if not end and _names_shaped(words.strip(" ,&")) and \
                (below := _names_below(under, last)):
            words = ", ".join((words.strip(" ,&"), *below))
        dated = False
        if end:
            dated = bool(first_day(words[end.start():][:MAX_DATELINE_TEXT]))
            words = words[:end.start()]
            if end.group().isdigit():  # "Jane Doe, Fri Dec 28": the day's names go too
                words = _DAY_NAMES_END.sub("", words)
        words = words.strip(" ,&")
        # a handle after its day or a word saying the story was posted, in the label's text
        # or the one before it (``Posted by jdoe in News``, ``November 10, 2012`` ``by jdoe``)
        posted = bool(text[:match.start()].strip()) or \
            bool(position and _a_day(under[position - 1]))
        if (words[:1].isupper() and len(words) <= MAX_NAME * 2) or \
                ((dated or posted) and _ACCOUNT.fullmatch(words)):
            return words
        return None
    return None


def _names_below(under: list[str], last: int) -> list[str]:
    """The names printed each on a line of its own under a byline's last text ``under[last]``
    (``By Jane Doe``, ``<br>John Roe``, ``<br>Ann Lee``; ``and`` alone between two), held as
    its names are (the same element, or elements alike under one: ``<p>`` after ``<p>``): one
    byline of several people. A name held otherwise (a photo's credit, a person in a caption,
    a related story's writer) or after any other text is no byline's."""
    names: list[str] = []
    previous = under[last]
    capitals = previous.isupper()
    for following in under[last + 1:last + 1 + MAX_UNDER]:
        if _JOIN_START.fullmatch(following) or following in (",", ";"):
            continue  # ``and`` alone on its line
        if not _names_shaped(following) or _furniture(following) or \
                following.isupper() != capitals or _NO_PERSON.search(following) or \
                not _held_alike(previous, following):
            break  # (``JANE DOE`` over ``McClatchy Newspapers``, ``Washington Bureau``)
        names.append(following)
        previous = following
    return names[:MAX_NAMES]


def _held_alike(text, following) -> bool:
    """Whether two texts of the page are held as one byline's lines are: by the same element
    (``Jane Doe<br>John Roe``) or by elements of one tag and class under the same element or
    under elements under one (``<p>Jane Doe</p><p>John Roe</p>``, ``<li><a>``)."""
    holder, other = _holder(text), _holder(following)
    if holder is None or other is None or holder is other:
        return holder is not None and holder is other
    if _shape(holder)[:2] != _shape(other)[:2]:
        return False
    parent, other_parent = holder.getparent(), other.getparent()
    return parent is other_parent or (
        parent is not None and other_parent is not None and
        _shape(parent)[:2] == _shape(other_parent)[:2] and
        parent.getparent() is other_parent.getparent())


def classed_byline(texts) -> str | None:
    """The names printed alone under the headline in the byline's element: many sites print no
    ``By``, only the names in an element whose class or id says byline or author (``<span
    class="byline">Jane Doe</span>``, ``<div class="author-box"><h5>Jane Doe</h5>``, a
    profile's link with its menu), the same words trafilatura's author search looks for. The
    first text of the short texts under the headline (up to the first paragraph) written as
    people's names (each of two to four words, capitalised but a particle: ``Ludwig van
    Beethoven``; ``Jane Doe and John Roe``; an agency's after a comma: ``Jane Doe, AFP``), not
    a label, an organisation or a job's title, in
    such an element (:func:`_byline_element`), then the names so printed in the texts after it
    while they are the byline's, held alike (``Jane Doe``, ``,``, ``Washington``, ``John
    Roe``); ``texts``: the texts under the headline, each knowing the element that holds it."""
    names: list[str] = []
    size, budget, shape = 0, DATELINE_CHARS, None
    for text in texts:
        line = " ".join(text.split())
        size += len(line)
        if len(line) >= MAX_DATELINE_TEXT or size >= budget:
            break
        holder = _holder(text)
        element = _byline_element(holder) if holder is not None else None
        if element and shape in (None, _shape(holder)) and \
                (_names_shaped(line) or _names_then_organisation(line)):
            names.append(line)  # the next names are held alike (not a category's link)
            budget, shape = size + DATELINE_CHARS, _shape(holder)
        elif names and element is None:
            break  # past the byline
    return "; ".join(names[:MAX_NAMES]) or None


def marked_byline(texts, tree) -> str | None:
    """The names printed alone under the headline (up to the first paragraph) in no byline's
    element, that the page marks as an author's: a link to the writer's page (``<a
    href="/author/jane-doe/">Jane Doe</a>``, ``/contributors/``, ``/columnists/``), or the
    same name in an element whose class, id, rel or itemprop says author or byline elsewhere
    (an author's box under the story, ``rel="author"``). A name alone there may be a
    caption's, a photo's credit, a tag's or a place's: only the page's own mark makes it the
    byline; names then an agency's or a paper's after a comma (``Jane Doe, AFP``: rules 62 read
    it in the byline's element) are a byline's own. ``texts``: the texts under the headline,
    each knowing the element that holds it."""
    lines: list[tuple[str, object]] = []
    size = 0
    texts = list(texts)
    for index, text in enumerate(texts):
        line = " ".join(text.split())
        size += len(line)
        if len(line) >= MAX_DATELINE_TEXT or size >= DATELINE_CHARS:
            break
        # ``Jane Doe, AFP`` marks itself (not a sentence's ``Jane Doe, who`` by a link), and so
        # does ``Jane Doe, Washington`` (not a place's ``New York, N.Y.``, a link or a heading),
        # the place perhaps in the next element of the line (``<span>Jane Doe</span>, Washington``)
        agency = line.partition(",")[2].strip()[:1].isupper() and _names_then_organisation(line)
        placed = _names_then_place(line) if not agency else None
        if not agency and not placed and index + 1 < len(texts):
            placed = _place_after(line, text, texts[index + 1])
        holder = _holder(text)
        if placed and holder is not None and not _shown_alone(holder):
            placed = None  # a heading's or a link's (but a writer's), read as any name's
        if (agency or placed or _names_shaped(line)) and \
                line.split()[0].lower() not in _FURNITURE and \
                holder is not None and not in_comments(holder) and not _captioned(holder):
            lines.append((placed or line, holder, bool(agency or placed)))
    if not lines:
        return None
    marked = _marked_names(tree) if not all(agency for *_, agency in lines) else frozenset()
    names = [line for line, holder, agency in lines if agency or _author_link(holder) or
             all(loose(name) in marked for name in _NAME_SPLIT.split(line))]
    return "; ".join(names[:MAX_NAMES]) or None


def _listed(holder) -> bool:
    """Whether ``holder`` is or is in a list's item (within :data:`BYLINE_DEPTH`) that links to
    another story (a link of a headline's words, :data:`MIN_LISTED_WORDS`, not to a writer's
    page): a list of stories signs each, not the page. A post's own list of facts (``<ul
    class="postmeta"><li>Posted by jdoe - on Aug 03, 2012</li>``) links to the writer or a
    category at most, and signs it."""
    if holder is None:
        return False
    item = next((node for node in _and_above(holder) if node.tag == "li"), None)
    return item is not None and any(
        len(link.text_content().split()) >= MIN_LISTED_WORDS and not _to_writer(link)
        for link in islice(item.iter("a"), MAX_LISTED_LINKS))


def _to_writer(link) -> bool:
    """Whether ``link`` goes to a writer's page (``rel="author"``, ``/author/jane-doe``)."""
    return "author" in (link.get("rel") or "") or _writer_path(link)


def _writer_path(link) -> bool:
    """Whether ``link``'s address is a writer's page's (``/author/jane-doe``)."""
    return bool(_AUTHOR_PATH.search(urlsplit(link.get("href") or "").path))


def _and_above(holder):
    """``holder`` and its :data:`BYLINE_DEPTH` nearest ancestors, nearest first."""
    return islice(chain((holder,), holder.iterancestors()), BYLINE_DEPTH + 1)


def _captioned(holder) -> bool:
    """Whether ``holder`` is a photo's caption or credit, a tag or a related story, or in one
    (a ``<figure>``, a class or id that says so): a name there is no byline."""
    for node in _and_above(holder):
        if node.tag in ("figure", "figcaption") or _CAPTION_NAME.search(
                f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def _author_link(holder) -> bool:
    """Whether ``holder`` is, or is in, a link to a writer's page (``/author/jane-doe``)."""
    for node in _and_above(holder):
        if node.tag == "a":
            return _writer_path(node)
    return False


def _marked_names(tree) -> frozenset:
    """The names, loosely, the page prints as an author's (outside the readers' comments): the
    texts of links to writers' pages and of the elements named author or byline, a label
    before the names (``By``) left out."""
    names = set()
    for element in islice(_MARKED(tree), MAX_MARKED):
        if element.tag == "a" and not _writer_path(element) and \
                not AUTHOR_WORD.search(" ".join(element.get(name) or "" for name in
                                                AUTHOR_ATTRIBUTES)):
            continue  # a link to another page whose address says author (``/authority/``)
        texts = list(islice(element.itertext(), MAX_MARKED_TEXTS + 1))
        if len(texts) > MAX_MARKED_TEXTS or sum(map(len, texts)) > DATELINE_CHARS * 2 or \
                in_comments(element):
            continue  # more than a byline's box (a post whose class names its author)
        for text in texts:
            if len(text) <= MAX_NAME:
                names.add(loose(_BYLINE_PREFIX.sub("", " ".join(text.split()))))
    return frozenset(names)


def _shape(element) -> tuple:
    parent = element.getparent()
    return (element.tag, element.get("class"), getattr(parent, "tag", None),
            parent.get("class") if parent is not None else None)


def _names_shaped(line: str) -> bool:
    """Whether ``line`` is written as people's names and nothing else."""
    parts = _NAME_SPLIT.split(line)
    return len(parts) <= MAX_NAMES and all(_name_shaped(part) for part in parts) and \
        not _furniture(line) and not _ORGANISATION.search(line) and not _ROLE.search(line)


def _names_then_organisation(line: str) -> bool:
    """Whether ``line`` is people's names, then after its one comma an organisation's name and
    no job's title (``Jane Doe, AFP``, ``Jane Doe, Associated Press``: an agency's story as a
    paper prints its byline; not ``Jane Doe, Staff Writer``)."""
    names, comma, organisation = line.partition(",")
    organisation = organisation.strip()
    return bool(comma) and 0 < len(organisation.split()) <= 4 and "," not in organisation and \
        bool(_ORGANISATION.search(organisation)) and not _ROLES.search(organisation) and \
        not _furniture(organisation) and _names_shaped(names.strip())


def _names_then_place(line: str) -> str | None:
    """The name of a byline that prints no ``By``, the reporter's name then where they write
    from after a comma, a bar or a dash (``Jane Doe, Washington``, ``Jane Doe | Eugene, Ore.``,
    ``Jane Doe – Berlin``): one person's name of two or three words, not a place's (``New
    York, N.Y.``, ``Fort Smith, Ark.``), then one to three capitalised words (and a state's or
    country's after a comma), no day, number, job or organisation (``Jane Doe, Staff Writer``,
    ``Jane Doe, 37``, ``Jane Doe, Monday``); None for any other line."""
    placed = _PLACED.fullmatch(line)
    if not placed:
        return None
    name, place = placed["name"], placed["place"]
    words = name.split()
    if len(words) > 3 or not _name_shaped(name) or words[0] in _PLACE_FIRST or \
            any(word.lower() in _FURNITURE for word in words) or \
            words[-1] in _PLACE_LAST or _ORGANISATION.search(name) or _ROLE.search(name):
        return None
    town = place.split(",")[0].split()  # a town's one word, or words a place's name has
    if _ORGANISATION.search(place) or _ROLES.search(place) or _furniture(place) or any(
            word.lower().strip(".") in _FURNITURE or _NO_NAME.fullmatch(word.lower()) or
            word.replace(".", "").upper() in _DEGREES for word in place.split()) or (
            len(town) > 1 and town[0] not in _PLACE_FIRST and town[-1] not in _PLACE_LAST):
        return None  # ``Jane Doe, M.D.``, ``Jane Doe, PC World``, ``Title - Subtitle Words``
    return name


def _place_after(line: str, text, following) -> str | None:
    """The name of ``line``, a name's text, when the text ``following`` it on the same line
    (the same element, the element holding it, or one beside it) is the place the reporter
    writes from after a comma, a bar or a dash (``<span>Jane Doe</span>, Washington``)."""
    rest = " ".join(following.split())
    if rest[:1] not in _PLACE_SEPARATORS or len(rest) >= MAX_DATELINE_TEXT or \
            not _names_shaped(line):
        return None
    holder, other = _holder(text), _holder(following)
    if holder is None or other is None or not (
            other is holder or other is holder.getparent() or (
                other.getparent() is holder.getparent() and
                {holder.tag, other.tag} <= _INLINE)) or \
            _captioned(other) or not _shown_alone(other):
        return None  # (a block beside the name's is a line of its own)
    return _names_then_place(f"{line}{rest}" if rest[0] == "," else f"{line} {rest}")


def _shown_alone(holder) -> bool:
    """Whether ``holder`` shows its text as a line of its own: not a heading (a related
    story's) or a link (but to a writer's page), nor in one."""
    for node in _and_above(holder):
        if node.tag in _HEADINGS or (node.tag == "a" and not _writer_path(node)):
            return False
    return True


def _name_shaped(part: str) -> bool:
    """Two to four words, each capitalised but a particle, and no acronym among words not all
    in capitals (``IT Pro``, ``ESPN Staff``; ``JANE DOE`` is a name)."""
    words = part.split()
    return 2 <= len(words) <= 4 and len(part) <= MAX_NAME and \
        words[0][:1].isupper() and words[-1][:1].isupper() and \
        all(_NAME_WORD.fullmatch(word) and (word[:1].isupper() or word in _PARTICLES)
            for word in words) and \
        (part.isupper() or not any(_ACRONYM.fullmatch(word) for word in words))


def _holder(text):
    """The element holding a text of the page: a text met in a walk (:class:`Held`) or an
    lxml text result (its parent, or its parent's parent for a tail)."""
    if isinstance(text, Held):
        return text.holder
    parent = text.getparent() if hasattr(text, "getparent") else None
    return parent.getparent() if parent is not None and text.is_tail else parent


class Held(str):
    """A visible text of the page and the element that holds it."""

    holder = None

    @classmethod
    def of(cls, text: str, holder) -> Held:
        held = cls(text)
        held.holder = holder
        return held


def _byline_element(holder) -> bool | None:
    """Whether ``holder`` is a byline's name: it or one of its :data:`BYLINE_DEPTH` nearest
    holders is a byline's element, named so and holding no more than a byline's box does (not
    the article whose class names its author); False for a byline's other parts (the
    reporter's place or job, the publication, the day: ``byline__author-location``,
    ``<span class="publication">``) and a comment's; None outside any byline."""
    for node in _and_above(holder):
        if node.tag in ("body", "html"):
            return None
        names = " ".join(node.get(name) or "" for name in AUTHOR_ATTRIBUTES)
        if _NOT_A_NAME.search(names):
            return False
        if AUTHOR_WORD.search(names):
            return len(node.text_content()) <= DATELINE_CHARS * 2 or None
    return None


def posted_byline(texts) -> str | None:
    """The names the page's first "Posted by" line signs with, wherever it is printed (a blog's
    footer under the post: ``Posted by Jane Doe on Tue, Oct 30, 2012``, ``Posted by Jane Doe
    at 10:25 AM``), when a day or a time follows them or they are one person's name (``Posted
    by Jane Doe in News``, ``Posted by Jane Doe | Permalink``: a theme's footer that prints no
    day; an account's handle needs one); ``texts``: the page's visible text nodes in
    order, from that line on (:func:`cleaners.metadata._posted_texts`). A first such line in a
    comment (an element whose class or id says so) signs the comment: the post has none."""
    texts = iter(texts)
    for text in texts:
        line = " ".join(text.split())
        if not POSTED_BY.match(line):
            continue
        if _in_comments(text) or _listed(_holder(text)):
            return None  # a reader's, or another story's in a list of them
        under = [line, *(" ".join(more.split()) for more in islice(texts, MAX_UNDER))]
        written = " ".join(under)[:DATELINE_CHARS]
        names = shown_byline(under)
        # one person's name needs no day (``Posted by Jane Doe in News``); a handle does, and
        # so do several names (``Jane Doe, Maps Team``: a team's is written as a person's)
        return names if first_day(written) or _CLOCK.search(written) or (
            names and _names_shaped(names) and not _NAME_SPLIT.search(names)) else None
    return None


def dated_byline(lines) -> str | None:
    """The names of the page's first line that signs with a person's name and the day, wherever
    it is printed (``By Jane Doe on March 3, 2009`` at the foot of the story, ``by Jane Doe,
    Friday, Dec 28, 2007``, ``By`` ``<a>Jane Doe</a>`` ``on March 3, 2009``): a byline away from
    the headline, read where none is by it or over the first paragraph. ``lines``: each
    visible text that starts with a byline's label (``By``), with the texts after it, in the
    page's order up to its first "Posted by" line (:func:`cleaners.metadata._signed_lines`):
    the first of :data:`MAX_DATED_LINES` that names a person and a day right after the names,
    not in a list (another story's) or a caption, up to the readers' comments (each signed so:
    a comment names its writer, not the story's). A sentence's ``by`` (``by the council on
    Monday``) names no one."""
    for text, after in islice(lines, MAX_DATED_LINES):
        if _in_comments(text):
            return None
        holder = _holder(text)
        if holder is None or _captioned(holder) or _listed(holder):
            continue  # another story's in a list of them, a photo's credit
        under = [" ".join(text.split()), *(" ".join(more.split()) for more in after)]
        names = shown_byline(under)
        if not names or not _names_shaped(names) or _furniture(names):
            continue
        # the day right after the names (``on``, a comma, a dash), not further on
        written = " ".join(under)[:DATELINE_CHARS]
        rest = written[written.find(names) + len(names):] if names in written else ""
        if _DAY_AFTER.match(rest) and first_day(rest[:MAX_DATELINE_TEXT]):
            return names
    return None


def lead_texts(texts) -> list[str]:
    """The first :data:`MAX_LEAD_TEXTS` texts under a headline, their spaces made single: what
    :func:`guest_byline` and :func:`wire_credit` read, made once for both."""
    return [" ".join(text.split()) for text in islice(texts, MAX_LEAD_TEXTS)]


def guest_byline(texts: list[str]) -> str | None:
    """The names of the guest a post says it is by, under its headline up to its first
    paragraph, or in that paragraph (``Guest post by Jane Doe of Site``, ``This is a guest post
    from Jane Doe.``, ``Guest blogger: Jane Doe``), the names in the same text or the next (a
    link, a bold name): a blog's byline and its footer name the owner, who posted it. A list of
    other blogs' posts on the page (``Guest Post by ...`` in a blogroll) is not so placed.
    ``texts``: :func:`lead_texts`."""
    for position, text in enumerate(texts):
        if "uest" not in text or not (label := _GUEST.search(text)):
            if len(text) >= MAX_DATELINE_TEXT:
                return None  # past the post's first paragraph
            continue
        # the names after the label, or in the next text (a link, a bold name)
        words = text[label.end():].strip() or "".join(texts[position + 1:position + 2])
        if len(words) > MAX_NAME * 2:  # a few names, not a list's thousands: cut at a word
            words = words[:MAX_NAME * 2].rsplit(" ", 1)[0]
        names = _GUEST_NAMES.match(words)
        if not names:
            return None
        names = names[0]
        return names if all(_name_shaped(name) for name in _NAME_SPLIT.split(names)) and \
            not _ORGANISATION.search(names) and not _furniture(names) else None
    return None


def wire_credit(texts: list[str]) -> str | None:
    """The agency the story's first paragraph names in its dateline (``LONDON (Reuters) -``,
    ``EUGENE, Ore. (AP) —``, the place in bold before it), under the headline: a wire story
    signed by no one else is the agency's; ``texts``: :func:`lead_texts`."""
    for position, text in enumerate(texts):
        if len(text) < MAX_DATELINE_TEXT:
            continue
        before = texts[position - 1] if position and text.startswith("(") else ""
        wire = _WIRE_DATELINE.match(f"{before} {text}".strip())
        return wire[1] if wire and _ORGANISATION.search(wire[1]) else None
    return None


def id_byline(tree) -> str | None:
    """The names the page's byline's element named by its id signs with, the first such
    element outside the readers' comments whose text is a byline's label and names (``<div
    id="byline">By Jane Doe</div>``, ``<span id="ctl00_articleByLine">``): such an element may
    be printed away from the headline (past a toolbar, a photo's caption), and trafilatura's
    author search reads an id for ``author`` only."""
    for element in islice(_ID_BYLINES(tree), MAX_ID_BYLINES):
        text = " ".join(element.text_content().split())
        if len(text) < MAX_DATELINE_TEXT and not in_comments(element) and \
                (names := shown_byline([text])):
            return names
    return None


def _in_comments(text) -> bool:
    parent = text.getparent() if hasattr(text, "getparent") else None
    for node in [parent, *parent.iterancestors()] if parent is not None else ():
        if "comment" in f"{node.get('class') or ''} {node.get('id') or ''}".lower():
            return True
    return False


def signed_after_day(text: str) -> re.Match | None:
    """A byline's label after the day or a word saying the story was posted, in one text
    (``Posted on August 9, 2012 by``, ``2012-10-16 by``, ``Posted by``), or after the day and
    such a word (``16 October 2012 @ 14:03 - Written by``, a CMS's article info): blogs print
    the byline so, the names in the same text or in a link after it."""
    for match in _SIGNED_WORD.finditer(text, 1, MAX_DATELINE_TEXT):
        lead = text[:match.start()]
        if not _POSTED.sub("", lead, count=1).strip() or \
                _a_day(_WRITTEN_AFTER_DAY.sub("", lead, count=1)):  # a day, ``- Written`` or not
            return match
        return None
    return None


def _a_day(text: str) -> bool:
    """Whether ``text`` is a day and nothing else (its numbers, and month's, weekday's and
    clock's words only), after words saying the story was posted: a day the dates read, or a
    month's name by a day's number (``Nov 6th '12``, a year cut short as blogs print it)."""
    text = _POSTED.sub("", text, count=1)
    return bool(text.strip() and _ONLY_A_DAY.fullmatch(text) and (
        first_day(text) or _NUMERIC_DAY.search(text) or _MONTH_DAY.search(text)))


def author_search_tree(tree: lxml_html.HtmlElement) -> bool:
    """Cut ``tree`` down to what trafilatura's author search can use, in place; False when
    nothing is left to search.

    The search keeps the first element its expressions match, pruned of the comment sections,
    sidebars, dates and figures in it, and drops what sits in such a section. So only the
    elements it can match count (:data:`AUTHOR_WORDS`), with everything inside them and the
    elements that hold them; any other branch goes, and the search finds the same author on a
    tree a tenth the size (a page with no such element is not searched at all). A reader's
    comment is no such branch (:func:`in_comments`): the search's own pruning misses the
    classes blog themes give their comments, and took a commenter for the story's author."""
    root = tree.getroottree().getroot()  # the expressions search the whole document
    named = [element for element in author_elements(root) if not in_comments(element)]
    if not named:
        return False
    holders: set = set()
    for element in named:
        for ancestor in element.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
    kept = set(named)
    branches = [root] if root in holders else []
    while branches:
        node = branches.pop()
        for child in list(node.iterchildren(etree.Element)):
            if child in holders and child not in kept:
                branches.append(child)
            elif child not in kept:
                node.remove(child)
    return True


def in_comments(element) -> bool:
    """Whether ``element`` is a reader's comment or in one: it or an element holding it (short of
    the page's body) has a class or id that says so (``comment``, ``comment-author-jdoe``,
    ``commentlist``; not ``commentary``). A comment's author (``<div class="comment-author
    vcard"><cite>Mark</cite> says:``) did not write the story."""
    for node in chain((element,), element.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if _COMMENT_NAME.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def labelled_editor(element) -> bool:
    """Whether the page introduces ``element`` as its editor (``Editor: <a class="author">``):
    an editor is no byline, whatever its class says."""
    previous = element.getprevious()
    before = (previous.tail if previous is not None else element.getparent().text) \
        if element.getparent() is not None else None
    return bool(_EDITOR_BEFORE.search((before or "")[-40:])
                or _EDITOR_LABEL.match(" ".join((element.text or "").split())[:40]))


def page_editors(head: Head, page: str | None) -> frozenset:
    """The structured article's people whom the page introduces as its editors (``Editor:
    <a>Jane Doe</a>``, ``Redaktur:``, ``Edited by``), loosely: looked for in the page's source
    where it names them, which is cheaper than a search of every text of the tree."""
    people = structured_bylines(head)[0]
    editors = set()
    for name in people[:MAX_NAMES] if page else ():
        position = page.find(name)
        for _ in range(MAX_TIMES):
            if position < 0:
                break
            before = html.unescape(_TAG.sub(" ", page[max(0, position - 160):position]))
            if _EDITOR_BEFORE.search(" ".join(before.split())[-40:]):
                editors.add(loose(name))
                break
            position = page.find(name, position + len(name))
    return frozenset(editors)


def structured_editors(head: Head) -> bool:
    """Whether every person the structured article names as its author is one the page
    introduces as its editor."""
    people = structured_bylines(head)[0]
    return bool(people) and all(_edits(person, head.editors) for person in people)


def _edits(name: str, editors: frozenset) -> bool:
    return loose(name) in editors


def author_elements(tree) -> list:
    """The elements of ``tree`` that trafilatura's author expressions can match, in document
    order (one loop over the page's elements, not a call for each: a quarter less time)."""
    named = []
    for element in tree.iter(etree.Element):
        for name, value in element.items():
            if name in AUTHOR_ATTRIBUTES and AUTHOR_WORD.search(value):
                named.append(element)
                break
        else:
            if element.tag in ("author", "rel"):  # rel: as its first expression names it
                named.append(element)
    return named
#: Words that make a byline name an organisation (an agency, a desk, the site), in the
#: languages of the archive's sites; a word of two to five letters all in capitals (AFP, DPA)
#: or none (an account's handle, ``gto``) too, not a first name (``John``).
_ORGANISATION = re.compile(
    r"\b(press|presse|agency|agentur|agence|agencia|agenzia|news|nachrichten|redaktion|"
    r"r[ée]daction|redazione|redacci[oó]n|staff|team|desk|newsroom|editors?|editorial|wire|"
    r"media|online|zeitung|journal|times|post|tribune|gazette|ltd|limited|inc|llc|gmbh|plc|"
    r"corp|pty|special\s+to|agenturen|agencies|reuters)\b|\w\.(?:com|net|org)\b|^red\.?$|"
    r"(?-i:^(?:[A-Z]{2,5}|[a-z]{2,5})$)", re.I)
#: A job's title after a name (``Jane Doe, Product Manager``): no name; after a wire story's
#: names, plural (``Associated Press Writers``).
_JOB = (r"\b(?:manager|engineer|reporter|writer|correspondent|contributor|columnist|director|"
        r"producer|intern|analyst)")
_ROLE = re.compile(rf"{_JOB}$", re.I)
_ROLES = re.compile(rf"{_JOB}s?$", re.I)
#: What signs a page but names no one: a form's or a byline's label, an account, a month or
#: a weekday (``Name``, ``Admin``, ``Dec``).
_NO_NAME = re.compile(
    r"(?:names?|authors?|admin|administrator|webmaster|e-?mail|posted|written|anonymous|file|"
    rf"unknown|{WEEKDAYS}|{MONTH_NAMES})\.?", re.I)
#: The words of a byline's furniture, in the languages of the archive's sites: its links'
#: labels (``View Profile``, ``Read more``, ``Follow``, ``Contact``, ``Bio``, ``More articles``)
#: and the labels of its day (``Published`` before a month: ``Published January``). A text of
#: such words (and months' and weekdays' names) alone names no one.
_FURNITURE = frozenset("""
    view profile read more other follow contact email mail bio biography articles article
    stories story posts see all full about the this his her author's website homepage page send
    message archive latest comments published updated modified last filed on at by of to
    profil mehr weitere artikel alle folgen kontakt lesen zum zur von autorin veröffentlicht
    aktualisiert geschrieben beiträge seite
    voir plus autres suivre contacter lire publié publiée mis jour auteur biographie tous ses par
    ver perfil más mas otros artículos seguir contactar contacto leer publicado actualizado
    autora todos sus por
    vedi profilo altri articoli segui contatta contatti leggi pubblicato aggiornato autore
    tutti suoi
    bekijk profiel meer andere artikelen volg lees gepubliceerd bijgewerkt door
    mais outros artigos contato ler atualizado
""".split())
#: Articles a label may hold (``Voir le profil``): with a label's word only (``Le Mai`` is a
#: name).
_ARTICLES = frozenset("le la les l der die das den el il lo gli de du des a an".split())
_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: Where a reporter writes from, after the name (``Jane Doe in Sydney``).
_PLACE = re.compile(r"\s+in\s+[^\W\d_a-z][^,;]*$|\s+(?:in|and|und|et)$|^(?:and|und|et)\s+")
#: An editor's label, in the languages of the archive's sites: a name after it is the editor's.
_EDITOR = (r"(?:(?:editor|redaktur|penyunting|责任编辑|責任編輯)\s*[:：]|"
           r"(?:edited\s+by|editado\s+por|édité\s+par|bearbeitet\s+von)\s*[:：]?)")
_EDITOR_LABEL = re.compile(rf"{_EDITOR}\s*", re.I)
_EDITOR_BEFORE = re.compile(rf"(?<![^\W\d_]){_EDITOR}\s*$", re.I)
_TAG = re.compile(r"<[^>]*>")
#: A class or id naming a reader's comment or the comments' list, not commentary.
_COMMENT_NAME = re.compile(r"(?<!\S)comment(?!ary|ator)", re.I)
#: A label ending with ``by`` that starts a byline's entry, the words such a label is made of
#: (``See more articles by``, ``First posted by``), and the words of one that credits no
#: writing (a photo, an illustration, a translation).
_ENTRY_LABEL = re.compile(rf"((?:[^\W\d_]+\s+){{1,4}}){BY_WORD}\s*:?\s+(?=\S)", re.I)
_LABEL_WORDS = frozenset(
    "see more all other find read view article articles story stories post posts posted first "
    "originally written entry blog column text words report reported review reviewed".split())
_NOT_WRITING = frozenset(
    "photo photos photograph photographs photography picture pictures image images "
    "illustration illustrations illustrated graphic graphics video videos drawing drawings "
    "cartoon cartoons artwork staff translated translation".split())
#: What joins the names of a byline split over several texts: at the end of one, or as or at
#: the start of the next.
_JOIN_END = re.compile(r"(?:[,&]|(?<![^\W\d_])(?:and|und|et|y|e|og|och|en))$", re.I)
_JOIN_START = re.compile(r"^(?:[,&]|(?:and|und|et|og|och)(?![^\W\d_]))", re.I)
#: What ends a byline's names: ``on`` a day, ``at`` a time or its ``@`` (``Posted by Jane Doe @
#: 5:56 am``, not an address's), ``in`` a category, ``posted`` after a comma (``This entry was
#: written by Jane Doe, posted on ...``, ``By Jane Doe, published ...``), a dash or bar, a date or
#: time, a semicolon.
_BYLINE_END = re.compile(rf"\s(?:on|am|le|el|il|em|op|den)(?:\s|$)|\s(?:in|under|at)$|"
                         rf"\sat\s+(?:\d|(?i:{MONTH_NAMES}|{WEEKDAYS})(?![^\W\d_]))|"
                         r",\s*(?:in|under|posted|published|updated|filed)\s|\s[Ff]iled\s|"
                         r"\s[-–—|·•/]\s|"
                         r"[|·•;(\d]|\s{2}|\s@")
#: The same label inside a text; what may come before it: words saying the story was posted
#: (``Posted``, ``Contributed``, a post's or entry's: ``Post written``, ``This entry was
#: written``, as blog and CMS themes print them), then a day (its numbers, and month's,
#: weekday's and clock's words only).
_STORY = r"(?:(?:this\s+)?(?:post|entry|article|story)\s+(?:was\s+)?)?"
_SIGNED_WORD = re.compile(rf"(?<![^\W\d_]){BY_WORD}(?:\s*:)?(?=\s|$)\s*", re.I)
_POSTED = re.compile(rf"^\W*(?:{_STORY}(?:posted|published|written|submitted|contributed|filed)|"
                     r"publi[ée]|publicado|ver[öo]ffentlicht|geschrieben)?"
                     r"(?:\s+(?:on|am|le|el|em|op))?\s*", re.I)
#: Such words after the day, and what parts them from it (``16 October 2012 - Written``).
_WRITTEN_AFTER_DAY = re.compile(
    r"\s*(?:[-–—|·•,]\s*)?(?:posted|written|submitted|published)\s*$", re.I)
_ONLY_A_DAY = re.compile(
    rf"(?:[\W\d_]|(?<![^\W\d_])(?:{WEEKDAYS}|{MONTH_NAMES}"
    r"|at|um|à|a\.?m|p\.?m|[ap]m|st|nd|rd|th|de|of)(?![^\W\d_]))+", re.I)
_NUMERIC_DAY = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_MONTH_DAY = re.compile(rf"(?<![^\W\d_])(?:{MONTH_NAMES})\.?\s+\d{{1,2}}(?!\d)", re.I)
_BYLINE_PREFIX = re.compile(rf"^{BY_WORD}\s+(?=\w)", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\s(?:and|AND|und|UND|et|y|og|och|en|e|i)\s)\s*")
#: A month's or a weekday's name ending a byline cut at a day (``Jane Doe, Fri Dec 28``,
#: ``Jane Doe, Monday 5 November``).
_DAY_NAMES_END = re.compile(
    rf"(?:[\s,]+{WEEKDAYS}\.?)?[\s,]+(?:{MONTH_NAMES})"
    r"\.?\s*$|[\s,]+(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*$", re.I)
#: A name written as a URL's slug (``chuck-ross``).
#: A line that says who posted the story, and a time of day.
POSTED_BY = re.compile(rf"{_STORY}(?:posted|written|published|submitted|contributed)\s+{BY_WORD}"
                       r"(?:\s*:)?(?:\s|$)", re.I)
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
#: An account's handle as a blog signs with it (``randfish``, ``jdoe_42``).
_ACCOUNT = re.compile(r"[a-z][a-z0-9_.]{2,29}")
_SLUG = re.compile(r"^[^\W\d_A-Z]+(?:-[^\W\d_A-Z]+)+$")
#: A word of a person's name written out (``Jane``, ``O'Neil``, ``J.``, ``Smith-Jones``), the
#: particles a name may hold in lower case, and how far over a name's text the byline's
#: element (``<div class="byline"><strong><a>Jane Doe</a>``) is looked for.
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?")
_PARTICLES = frozenset("van von der den de del della di da du dos le la bin al ibn ten".split())
BYLINE_DEPTH = 3
_ACRONYM = re.compile(r"[A-Z]{2,5}")
#: Class, id or itemprop words of a byline's parts that are not the names: the reporter's
#: place, role or job, the publication, the day; and a reader's comment.
_NOT_A_NAME = re.compile(r"locat|place|role|job|title|date|time|publication|source|comment",
                         re.I)
_HANDLE = re.compile(r"\s*\([^()]{1,20}\)$")
#: A guest's byline's label (``Guest post by``, ``guest blog post written by``, ``guest post
#: from``, ``Guest blogger:``), the names after it (capitalised words or initials, with a
#: particle; joined by ``and``), and the texts under the headline it (or a wire story's
#: dateline) is looked for in.
_GUEST = re.compile(
    r"(?<![^\W\d_])guest[\s-]+(?:blog\s+)?(?:post|article|column|entry)\s+(?:(?:written\s+)?by|from)"
    r"\s*:?\s*|(?<![^\W\d_])guest\s+(?:blogger|author|writer|contributor|columnist)\s*:\s*", re.I)
_CAPITALISED = r"[^\W\d_a-z](?:\.|[\w'’-]*(?<![-'’]))(?![\w'’-])"
_ONE_NAME = rf"{_CAPITALISED}(?:\s+(?:(?:{'|'.join(sorted(_PARTICLES))})\s+)?{_CAPITALISED}){{1,3}}"
_GUEST_NAMES = re.compile(rf"{_ONE_NAME}(?:\s+(?:and|&)\s+{_ONE_NAME})*")
MAX_LEAD_TEXTS = 30
#: What joins a byline's names to its day (``on``, a comma, a dash or bar), and how many
#: lines that start with a byline's label are read for one with a day.
_DAY_AFTER = re.compile(r"\s*(?:,|\s(?:on|am|le|el|em|op)\s|[-–—|·•])", re.I)
MAX_DATED_LINES = 10
#: Words of a link that make a list's item another story's (``Ferry timetable changes``; a
#: category's link has fewer), and the item's links read for one.
MIN_LISTED_WORDS = 3
MAX_LISTED_LINKS = 5
#: A wire story's dateline: the place in capitals (and its state or country), the agency in
#: brackets, a dash (``WASHINGTON (AP) --``, ``PARIS (Reuters) –``).
_WIRE_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*"
                            r"\(([^()]{2,30})\)\s*(?:[-–—]|$)")
#: Elements whose id says byline (``byline``, ``articleByLine``, ``BYLINE``; the ids searched
#: as attributes, twice as fast as the elements with a test of each), and how many are read.
_ID_BYLINES = etree.XPath(
    "//@id[contains(., 'yline') or contains(., 'yLine') or contains(., 'YLINE')]/..")
MAX_ID_BYLINES = 5
#: A link's path to a writer's page (``/author/jane-doe``, ``/authors/``, ``/contributors/``,
#: ``/columnists/``, ``/staff/``); the elements that may mark a name as an author's (such
#: links, and elements whose class, id, rel or itemprop says author or byline, the words
#: searched as attributes), and how many of them and of their texts are read.
_AUTHOR_PATH = re.compile(r"/(?:authors?|autor(?:en)?|auteurs?|autore|contributors?|"
                          r"columnists?|writers?|reporters?|journalists?|staff)(?:[/._-]|$)",
                          re.I)
_MARKED = etree.XPath(
    "//a[contains(@href, 'uthor') or contains(@href, 'ontributor') or contains(@href, 'olumnist')"
    " or contains(@href, 'riter') or contains(@href, 'eporter') or contains(@href, 'ournalist')"
    " or contains(@href, '/staff') or contains(@href, 'utore') or contains(@href, 'uteur')]"
    " | //*[contains(@class, 'uthor') or contains(@class, 'yline') or contains(@rel, 'uthor')"
    " or contains(@itemprop, 'uthor') or contains(@id, 'uthor') or contains(@id, 'yline')]")
#: A byline of names then the place the reporter writes from (:func:`_names_then_place`): the
#: name, a comma, a bar or a dash, then one to three capitalised words (or a state's
#: abbreviation, ``Ore.``, ``N.Y.``), perhaps a comma and one or two more; the words a place's
#: name starts or ends with, where two or three capitalised words are a place's, not a
#: person's (``New York``, ``Fort Smith``, ``Kansas City``).
_PLACE_WORD = r"(?:[A-Z][a-zà-ÿ'’-]+|(?:[A-Z]\.){1,3}|[A-Z]{2,3}\.?|[A-Z][a-z]{1,3}\.)"
_PLACE_NAME = rf"{_PLACE_WORD}(?: (?:de |do |da |del |upon |on )?{_PLACE_WORD}){{0,2}}"
_PLACED = re.compile(rf"(?P<name>[^,|–—]+?)\s*(?:,|\s?[|–—]|\s-)\s+"
                     rf"(?P<place>{_PLACE_NAME}(?:,\s+{_PLACE_WORD}(?: {_PLACE_WORD})?)?)")
_PLACE_FIRST = frozenset("""New San Santa Santo Los Las Saint St. St Sainte Ste. Fort Ft. Port
    Mount Mt. Lake North South East West Upper Lower Grand Great Greater Palm Salt Little Long
    Key El La Le Les Des Baton Rio Tel Abu Hong Buenos Sri Costa Puerto Cape Kuala Addis Sao São
    Mexico Panama Guatemala Eau Palo Bad Den Rancho Coral Bowling Hot Sioux Boca Daytona Corpus
    Ciudad Newport Fond Coeur Niagara""".split())
_PLACE_LAST = frozenset("""City Beach Springs Rapids Falls Island Islands Bay Heights Valley
    Creek Harbor Harbour Hills County Village Township Junction Rouge Angeles Francisco Orleans
    York Delhi Aires Kong Aviv Dhabi Lanka Rica Vegas Moines Lauderdale Hampshire Carolina Dakota
    Zealand Africa Korea Arabia Emirates Kingdom States Republic Pradesh Bengal Nadu Lumpur
    Ababa""".split())
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_PLACE_SEPARATORS = frozenset(",|–—-")
_INLINE = frozenset("span a b strong em i small font cite address time".split())
#: What follows a name after a comma that is no place: a degree, a suffix.
_DEGREES = frozenset("MD PHD JR SR II III IV RN MBA MS MA BA BS RD RDN DO DDS ESQ CPA LLB LLM "
                     "MPH MSC BSC DPHIL FRCS".split())
#: Words of a line under a byline's names that make it no person's: a paper's, a desk's, a
#: syndicate's or a school's name (``McClatchy Newspapers``, ``Washington Bureau``).
_NO_PERSON = re.compile(
    r"\b(?:bureau|newspapers?|services?|syndicate|magazine|network|radio|television|daily|"
    r"weekly|group|company|association|university|college|institute|school|department|office|"
    r"council|ministry|foundation|center|centre|society|special)\b", re.I)
#: A class or id naming a photo's caption or credit, a tag, a related story.
_CAPTION_NAME = re.compile(r"caption|credit|photo|image|img|gallery|media|tag|keyword|related",
                           re.I)
MAX_MARKED = 200
MAX_MARKED_TEXTS = 20
#: A name in capitals (``JANE DOE``, ``JEFFREY McMURRAY``, ``GARY B. GRAVES``) and the words
#: after it not in capitals (``Associated Press Writer``): a wire story's byline.
_CAPITALS = r"(?:(?:Mc|Mac)?[A-Z][A-Z'’-]+|[A-Z]\.)"
_WIRE_NAME = re.compile(rf"({_CAPITALS}(?:\s+{_CAPITALS}){{1,3}})\s+(?=[A-Z][a-z])")


def names_of(head: Head, sites: set[str]) -> tuple[list[str], list[str], str]:
    """People and credits (agencies, desks, the site): the structured article's ``author``
    (people by their type, organisations as credits), else the byline printed under the
    headline, else the meta tags and the byline that trafilatura found. A structured author
    the page introduces as its editor (``Editor:``) gives way to the visible byline, when the
    page has one."""
    data = head.structured
    people: list[str] = []
    credits: list[str] = []
    _structured_names(head, people, credits, sites)
    source = f"{data.source} author" if people or credits else ""
    if people and head.signed and handles_only(head):
        signed: list[str] = []
        for name in head.signed.split("; ")[:MAX_NAMES]:
            _sort(name, signed, credits, sites, False)
        if signed:
            people, source = signed, f"byline under the headline ({source}: an account's handle)"
    if people and head.byline and all(_edits(person, head.editors) for person in people):
        signed: list[str] = []
        for name in head.byline.split("; ")[:MAX_NAMES * 4]:
            _sort(name, signed, credits, sites, False)
        if signed := [name for name in signed if not _edits(name, head.editors)]:
            people, source = signed, f"trafilatura byline ({source}: an editor)"
    if head.shown_byline and (credits or people):
        shown: list[str] = []
        _sort(head.shown_byline, shown, [], sites, False)
        keys = {loose(name) for name in shown}
        if len(shown) > len(people) and all(loose(name) in keys for name in people):
            people, source = shown, f"byline under the headline ({source} names fewer)"
    if not people and head.signed:  # the markup names an organisation or no one
        for name in head.signed.split("; ")[:MAX_NAMES]:  # each name of a classed byline
            _sort(name, people, credits, sites, False)
        if people or (credits and not source):
            source = "byline under the headline" + (f" ({source} names no person)"
                                                    if source else "")
    if not people and not credits and not head.found.author and head.shown_byline:
        # no headline the title sources name: the byline under a dated or signed h1
        _sort(head.shown_byline, people, credits, sites, False)
        source = "byline under an h1" if people or credits else ""
    if head.found.author:
        found_people: list[str] = []
        for index, name in enumerate(head.found.author.split("; ")[:MAX_NAMES * 4]):
            # trafilatura splits ``Jane Doe, Product Manager`` at its comma: a job's title
            # after a name is no name
            if not index or not _ROLE.search(name) or _ORGANISATION.search(name):
                _sort(name, found_people, credits, sites, False)
        if not people:
            people = found_people
        source = source or ("trafilatura byline" if people or credits else "")
    if not people and not credits and head.over_body:
        _sort(head.over_body, people, credits, sites, False)
        source = "byline over the first paragraph" if people or credits else ""
    if not people and not credits and head.posted:
        _sort(head.posted, people, credits, sites, False)
        source = "a \"Posted by\" line" if people or credits else ""
    if not people and not credits and head.id_byline:  # a person's, not an organisation's
        named: list[str] = []
        _sort(head.id_byline, people, named, sites, False)
        credits = named if people else []
        source = "a byline's element named by its id" if people else ""
    if not people and not credits and head.dated:
        _sort(head.dated, people, [], sites, False)
        source = "a byline with its day away from the headline" if people else ""
    if not people and not credits and (head.foot or head.about):
        _sort(head.foot or head.about, people, [], sites, False)
        source = ("a signature under the story" if head.foot else "an author's box") \
            if people else ""
    if not people and not credits and head.wire:  # a wire story signed by no one else
        credits, source = [head.wire], "the agency in the first paragraph's dateline"
    if not people and not credits and head.one_word_author and \
            _names_site(head.one_word_author, sites):  # the site signs the page
        credits, source = [head.one_word_author], "author meta tag (the site's name)"
    if head.guest:  # the blog's byline names its owner, who posted a guest's post
        guests: list[str] = []
        _sort(head.guest, guests, [], sites, False)
        if guests and {loose(name) for name in guests} != {loose(name) for name in people}:
            people, source = guests, "a guest post's byline" + (
                f" ({source} names another)" if people else "")
    people, credits = unique(people), unique(credits)
    return people[:MAX_NAMES], credits[:MAX_NAMES - min(len(people), MAX_NAMES)], source


def handles_only(head: Head) -> bool:
    """Whether every name the structured article gives its author is written as an account's
    handle (``kevin-r``): the user who filed the story in the site's system, where the page
    prints another byline."""
    entries = (head.structured.article or {}).get("author")
    entries = entries if isinstance(entries, list) else [entries] if entries else []
    names = []
    for entry in entries[:MAX_NAMES]:
        entry = head.structured.resolve(entry)
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str):
            names.append(name.strip())
    return bool(names) and all(_SLUG.match(name) for name in names)


def _structured_names(head: Head, people: list, credits: list, sites: set[str]) -> None:
    data = head.structured
    entries = (data.article or {}).get("author")
    entries = entries if isinstance(entries, list) else [entries] if entries else []
    for entry in entries[:MAX_NAMES * 4]:
        entry = data.resolve(entry)
        if isinstance(entry, dict):
            kinds = types(entry)
            name = entry.get("name") or entry.get("byline") or " ".join(
                part for part in (entry.get("givenName"), entry.get("familyName"))
                if isinstance(part, str))
            # a CMS may write the type in lower case (``"@type": "person"``): still a person
            organisation = kinds and "person" not in map(str.lower, kinds)
            _sort(name, people, credits, sites, organisation)
        else:
            _sort(entry, people, credits, sites, False)


def _sort(name, people: list, credits: list, sites: set[str], organisation: bool) -> None:
    """File one byline entry: an organisation's name, the site's or one naming the site
    (``Le Figaro et AFP``) is a credit, as printed; a person's is split into names."""
    if not isinstance(name, str) or len(name) > MAX_NAME * 4:
        return
    name = _HANDLE.sub("", _BYLINE_PREFIX.sub("", clean(name)))
    if _SLUG.match(name):
        name = name.replace("-", " ").title()
    if not _usable(name, len(_NAME_SPLIT.findall(name)) + 1):  # several names, several limits
        return
    if organisation or _names_site(name, sites):
        signer, comma, rest = name.partition(",")
        if not organisation and comma and _names_shaped(signer.strip()) and \
                _names_site(rest, sites) and not _names_site(signer, sites):
            # ``Jane Doe, Site Gazette``: the reporter, then the paper (not ``Site et AFP``)
            _sort(signer, people, credits, sites, False)
            credits.append(rest.strip())
        else:
            credits.append(name)
        return
    for index, part in enumerate(_NAME_SPLIT.split(name)):
        part = _PLACE.sub("", _HANDLE.sub("", part.strip()))
        if (labelled := _labelled(part)) is not None:
            part = labelled
        if not _usable(part) or _furniture(part):
            continue
        if wired := _wire_byline(part):  # ``JANE DOE Associated Press Writer``
            people.append(wired[0])
            credits.extend(wired[1:])
        elif _ORGANISATION.search(part) or loose(part) in sites:
            credits.append(part)
        elif index == 0 or not _ROLE.search(part):  # a title after a name is no name
            people.append(part)


def _labelled(part: str) -> str | None:
    """The name after a label that ends with ``by`` in a byline's entry (``Article by Jane
    Doe``, ``See more articles by Jane Doe``, ``First posted by Jane Doe``), when it is a
    person's name written out; "" for the credit of a photo, an illustration or a translation
    (``Photo by Jane Doe``, ``STAFF PHOTO BY JANE DOE``, ``illustration by Jane Doe``): no
    byline of the story, nor a name after a label cut to one word (``Find More
    Articles By Ahead``); None for an entry that starts with no such label."""
    label = _ENTRY_LABEL.match(part)
    if not label:
        return None
    words = set(label[1].lower().split())
    if not words <= _LABEL_WORDS | _NOT_WRITING:
        return None  # ``Stand by Me``, ``WABC By Eyewitness News``: no label
    name = part[label.end():].strip()
    return name if not words & _NOT_WRITING and _name_shaped(name) else ""


def _wire_byline(part: str) -> tuple[str, ...] | None:
    """A wire story's byline as papers print it, the name in capitals then the agency or the
    job's title (``JANE DOE Associated Press Writer``, ``JANE DOE AP Sports Writer``): the
    name, and the agency when it is named (not a job's title: ``AP Sports``)."""
    wire = _WIRE_NAME.match(part)
    if not wire:
        return None
    name, rest = wire[1], part[wire.end():]
    words = name.split()
    if len(words) > 2 and len(words[-1]) == 2:  # ``JANE DOE AP Sports Writer``
        name, rest = " ".join(words[:-1]), f"{words[-1]} {rest}"
    agency = _ROLES.sub("", rest).strip()
    if not _name_shaped(name) or _ORGANISATION.search(name) or \
            not (_ROLES.search(rest) or _ORGANISATION.search(agency)):
        return None
    return (name, agency) if _ORGANISATION.search(agency) else (name,)


def _names_site(text: str, sites: set[str]) -> bool:
    key = loose(text)
    return key in sites or any(len(site) > 3 and site in key for site in sites)


def _usable(name: str, names: int = 1) -> bool:
    return (0 < len(name) <= MAX_NAME * names and any(ch.isalpha() for ch in name)
            and "://" not in name and "@" not in name and len(name.split()) <= 6 * names)


def _furniture(text: str) -> bool:
    """Whether ``text`` is a byline's label or link and no one's name: each of its words a
    label's, a month's or a weekday's (``Name``, ``Admin``, ``View Profile``, ``Published
    January``)."""
    words = [word.lower() for word in _WORDS.findall(text)]
    labels = [word for word in words if word not in _ARTICLES]
    return bool(labels) and all(word in _FURNITURE or _NO_NAME.fullmatch(word)
                                for word in labels) and (
        len(labels) == len(words) or any(word in _FURNITURE for word in labels))


# --- the signature at the story's foot --------------------------------------------------------
#: Paragraphs read for the story's, and the shortest that counts towards a container's text.
MAX_FOOT_PARAGRAPHS = 400
MIN_FOOT_PARAGRAPH = 80
#: The story's last elements read for its last two texts, and the longest line read of each.
MAX_FOOT_CHILDREN = 10
MAX_FOOT_LINE = 400
#: A signature after the story's last paragraph: a dash, the name, perhaps a comma and who they
#: are (``-- Jane Doe``, ``— Jane Doe, professor of law at ...``); a Korean reporter's sign-off,
#: the name then ``기자`` (reporter), perhaps after the place or paper (``부산=``) and before an
#: e-mail; a Chinese one, ``记者`` then the name.
_DASH_SIGNED = re.compile(r"^(?:--?|[—–―])\s*([^,;:()]{3,60}?)\s*(?:,\s*(.{1,200}))?$")
_REPORTER_SIGNED = re.compile(
    r"^[(\[]?(?:(?!사진)[가-힣\w]{1,12}=)?([가-힣]{2,4})\s*기자(?:\s*[\w.+-]+@[\w.-]+)?[)\]]?$|"
    r"^[(\[（【]?记者\s*([\u4e00-\u9fff]{2,3})[)\]）】]?$")
#: A quotation's close (the line before an attribution of a quote) and what follows no writer.
_QUOTE_END = frozenset("\"”»“'’")
_FOOT_DESKS = re.compile(r"\b(?:the|our)\b|editors?|staff|team|desk", re.I)


def foot_signature(tree) -> str | None:
    """The writer who signs under the story's last paragraph, where nothing by the headline
    signs: the container holding most paragraph text is the story's, and its last text, alone
    on its line, is the signature (``-- Jane Doe``, ``— Jane Doe, professor of ...``,
    ``홍길동 기자 hong@example.kr``). A quotation's attribution (after a quoted line or in a
    ``blockquote``), a reader's comment, a desk's sign-off (``-- The Editors``) and a
    photographer's credit (``사진기자``) sign no story."""
    weights: dict = {}
    for paragraph in islice(tree.iter("p"), MAX_FOOT_PARAGRAPHS):
        parent = paragraph.getparent()
        length = len(paragraph.text_content())
        if parent is not None and length >= MIN_FOOT_PARAGRAPH:
            weights[parent] = weights.get(parent, 0) + length
    if not weights:
        return None
    story = max(weights, key=weights.get)
    if in_comments(story) or story.tag == "blockquote":
        return None
    lines = []  # the story's last two texts' ends, last first, with their tags and lengths
    for child in islice(reversed(story), MAX_FOOT_CHILDREN):
        if isinstance(child.tag, str) and child.tag not in ("script", "style") and \
                (text := child.text_content()).strip():
            lines.append((child.tag, " ".join(text[-MAX_FOOT_LINE:].split()), len(text)))
            if len(lines) == 2:
                break
    if len(lines) < 2 or lines[0][2] > MAX_FOOT_LINE:
        return None
    (last_tag, last, _), (before_tag, before, _) = lines
    if korean := _REPORTER_SIGNED.match(last):
        return korean[1] or korean[2]
    signed = _DASH_SIGNED.match(last)
    if not signed or before[-1:] in _QUOTE_END or "blockquote" in (before_tag, last_tag) or \
            len(before) < MIN_FOOT_PARAGRAPH:
        return None
    name = signed[1]
    if not _names_shaped(name) or _FOOT_DESKS.search(name):
        return None
    return name


# --- the author's box after the story ---------------------------------------------------------
#: Labels of an author's box read, the texts read after one, how much of them, and how deep in
#: the box a bio's text is looked for.
MAX_ABOUT_LABELS = 5
MAX_ABOUT_TEXTS = 6
MAX_BOX_LEVELS = 4
MAX_ABOUT_BIO = 300
#: The box's label, alone in its element (``About the author``, ``ABOUT THE WRITER:``), and a
#: bio's first words: a name, perhaps a handle, then what they are or do (``Jane Doe
#: (@jdoe) is a reporter ...``, ``Jane Doe, a reporter, ...``, ``Jane Doe serves as ...``).
_ABOUT_LABEL = re.compile(r"\s*about\s+the\s+(?:author|writer)\s*[:.…]*\s*", re.I)
_BIO_VERB = r"(?:is|was|has|serves|writes|covers|works|lives|teaches|joined)\s"
_BIO = re.compile(rf"([^\W\d_][\w.'’ -]{{2,60}}?)(?:\s*\([^()]{{1,30}}\))?(?:,\s|\s{_BIO_VERB})")
_BIO_AFTER_NAME = re.compile(rf"(?:\([^()]{{1,30}}\)\s*)?{_BIO_VERB}")
#: Elements that show a label alone (a heading, bold type, a term), not a link to a page.
_LABEL_TAGS = frozenset("h1 h2 h3 h4 h5 h6 b strong dt span div p em".split())


def about_author(texts) -> str | None:
    """The writer an author's box after the story names, where nothing else signs: a label
    alone (``About the author``, in a heading or bold, not a link to a page about them), then a
    bio whose first words are a name and what they are (``Jane Doe is a ...``). ``texts``: the
    page's text nodes. A link's label in a menu, a reader's comment, a bio naming no one first
    (``She is ...``) and the texts after the box (a related post's) sign no one."""
    labels = (text for text in texts if len(text) < 40 and ("bout t" in text or "BOUT T" in text))
    for label in islice(labels, MAX_ABOUT_LABELS):
        holder = label.getparent()
        if not label.is_text or holder.tag not in _LABEL_TAGS or \
                not _ABOUT_LABEL.fullmatch(label) or in_comments(holder):
            continue
        bio = holder.xpath(
            f"following::text()[normalize-space()][position() <= {MAX_ABOUT_TEXTS}]")
        box = holder.getparent()  # the bio is in the label's box: no related post's writer
        texts = [" ".join(str(part)[:MAX_ABOUT_BIO].split()) for part in takewhile(
            partial(_within, box=box), bio)] if box is not None else []
        for index, text in enumerate(texts):
            # the bio's first sentence in one text, or the name in a link and the rest after it
            if (named := _BIO.match(text)) and _names_shaped(named[1]):
                return named[1]
            if _names_shaped(text) and _BIO_AFTER_NAME.match(" ".join(texts[index + 1:])):
                return text
    return None


def _within(text, box) -> bool:
    """Whether a text result is in ``box`` (its element's ancestors read to a few levels)."""
    element = text.getparent()
    return element is box or any(parent is box for parent in islice(
        element.iterancestors(), MAX_BOX_LEVELS))
