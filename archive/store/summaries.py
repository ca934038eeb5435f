"""Summaries the index keeps as it is written, so that what the front page, the canned queries
and ``newsarchive stats`` show costs the same at a million articles as at a hundred.

- ``article_days``: articles and words per site, capture day, publication day and language,
  kept by triggers on ``articles`` (so every writer, recovery's deletes included, keeps it
  right); ``capture_days``, captures per day, the same way;
- ``site_crawls``: each site as its last crawl met it (responses by status class, network
  errors, new articles), written when a crawl finishes, from the crawl's own counts;
- ``cut_texts``, ``article_cuts``, ``cut_rule_sites``: what the cleaners cut, as rows: each
  distinct piece of text once with the number of articles it was cut from, each article's cuts,
  and per rule and site the pieces, articles and characters cut, kept by triggers on
  ``article_cuts``;
- ``copy_group_sizes``: the articles of each group of copies, kept by triggers on
  ``copy_groups``.

:func:`site_health` reads them: a site is stale when it has given no new article for several
times its own usual interval between articles, whatever the crawl schedule.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

from archive.store.schema import execute_each

#: What a site's counts hold besides network errors.
STATUS_CLASSES = ("2xx", "3xx", "4xx", "5xx")
#: A site is stale after this many of its usual intervals between articles without one...
STALE_INTERVALS = 5
#: ... and never before this many hours (nights and weekends are quiet on every site).
STALE_MIN_HOURS = 48
#: The usual interval is measured over a site's articles of this many days before its last.
INTERVAL_DAYS = 28
#: A crawl's counts about the seed's article_pattern (the spider's links, and the pipeline's
#: verdict on pages the pattern left out), kept with the network errors and shown apart.
SHAPE_COUNTS = ("links", "links-matched", "unmatched-judged", "unmatched-articles")
#: Article-like pages left out by the pattern in one crawl that flag a site.
SHAPE_FLAG = 3

_ARTICLE_DAYS_KEY = ("coalesce(new.site, ''), coalesce(substr(new.fetched_at, 1, 10), ''), "
                     "coalesce(substr(new.published, 1, 10), ''), coalesce(new.language, '')")
_OLD_KEY = _ARTICLE_DAYS_KEY.replace("new.", "old.")
_RULE_OF = "(select rule from cut_texts where id = {row}.cut_id)"
_OTHER_CUT_OF_RULE = (
    "exists (select 1 from article_cuts k join cut_texts t on t.id = k.cut_id "
    "where k.capture_id = {row}.capture_id and k.cut_id != {row}.cut_id and t.rule = "
    + _RULE_OF + ")")



#: What ``cut_texts`` is looked up by: a cut's rule, its text's length and its first and last
#: characters (:data:`KEY_CHARACTERS`), not its whole text. Keyed by the whole text (a teaser
#: list is hundreds of bytes) an index B-tree held a few keys a page and kept deepening as the
#: archive grew (five levels in a year's); this key is a few dozen bytes. Texts that share it
#: are told apart by the text itself, in the row.
KEY_CHARACTERS = 16
_KEY_TERMS = ("{t}rule", "length({t}text)", f"substr({{t}}text, 1, {KEY_CHARACTERS})",
              f"substr({{t}}text, -{KEY_CHARACTERS})")
CUT_KEY = ", ".join(term.format(t="") for term in _KEY_TERMS)


def _same_cut(table: str, cut: str) -> str:
    """SQL true when ``table``'s row holds ``cut``'s rule and text, found through
    :data:`CUT_KEY` (each of its expressions compared as the index holds it)."""
    return " and ".join([*(f"{term.format(t=table + '.')} = {term.format(t=cut + '.')}"
                           for term in _KEY_TERMS), f"{table}.text = {cut}.text"])


def _cuts_of(row: str) -> str:
    """SQL that writes the cuts of article ``row`` (``new``, or ``a`` of a join over
    ``articles a``) as rows: the text once in ``cut_texts``, the article's use in
    ``article_cuts``. A ``removed`` that is not a JSON array of cuts gives none. Each cut's
    text is looked up by :data:`CUT_KEY` (``cross join``: the cuts first, whatever the
    statistics say: from those a young archive's close takes, SQLite read every cut text for
    each article)."""
    each = (f"json_each(case when json_valid({row}.removed) then {row}.removed end) j")
    rule = "coalesce(case when j.type = 'object' then json_extract(j.value, '$.rule') end, '')"
    text = "case when j.type = 'object' then json_extract(j.value, '$.text') end"
    has_text = "case when j.type = 'object' then json_type(j.value, '$.text') end = 'text'"
    source = f"from articles a, {each}" if row == "a" else f"from {each}"
    cuts = (f"(select {row}.capture_id as capture_id, {row}.site as site, {rule} as rule, "
            f"{text} as text {source} where {has_text}) c")
    return (f"insert into cut_texts (rule, text) select distinct c.rule, c.text from {cuts} "
            f"where not exists (select 1 from cut_texts t where {_same_cut('t', 'c')}); "
            f"insert into article_cuts (capture_id, cut_id, site, times) "
            f"select c.capture_id, t.id, c.site, count(*) from {cuts} "
            f"cross join cut_texts t on {_same_cut('t', 'c')} group by c.capture_id, t.id;")


#: The triggers that write an article's cuts as rows (:func:`renew_cut_triggers`).
CUT_TRIGGERS = f"""
create trigger articles_cuts_insert after insert on articles begin
  {_cuts_of("new")}
end;
create trigger articles_cuts_update after update of removed, site, capture_id on articles begin
  delete from article_cuts where capture_id in (old.capture_id, new.capture_id);
  {_cuts_of("new")}
end;
"""

SCHEMA = f"""
create table article_days (
  site text not null, day text not null, published text not null, language text not null,
  articles integer not null, words integer not null,
  primary key (site, day, published, language)
);
create index article_days_day on article_days (day);
create trigger article_days_insert after insert on articles begin
  insert into article_days (site, day, published, language, articles, words)
  values ({_ARTICLE_DAYS_KEY}, 1, coalesce(new.word_count, 0))
  on conflict do update set articles = articles + 1, words = words + excluded.words;
end;
create trigger article_days_delete after delete on articles begin
  update article_days set articles = articles - 1, words = words - coalesce(old.word_count, 0)
  where (site, day, published, language) = ({_OLD_KEY});
end;
create trigger article_days_update after update of site, fetched_at, published, language,
  word_count on articles begin
  update article_days set articles = articles - 1, words = words - coalesce(old.word_count, 0)
  where (site, day, published, language) = ({_OLD_KEY});
  insert into article_days (site, day, published, language, articles, words)
  values ({_ARTICLE_DAYS_KEY}, 1, coalesce(new.word_count, 0))
  on conflict do update set articles = articles + 1, words = words + excluded.words;
end;

create table capture_days (day text primary key, captures integer not null);
create trigger capture_days_insert after insert on captures begin
  insert into capture_days (day, captures) values (coalesce(substr(new.fetched_at, 1, 10), ''), 1)
  on conflict do update set captures = captures + 1;
end;
create trigger capture_days_delete after delete on captures begin
  update capture_days set captures = captures - 1
  where day = coalesce(substr(old.fetched_at, 1, 10), '');
end;
create trigger capture_days_update after update of fetched_at on captures begin
  update capture_days set captures = captures - 1
  where day = coalesce(substr(old.fetched_at, 1, 10), '');
  insert into capture_days (day, captures) values (coalesce(substr(new.fetched_at, 1, 10), ''), 1)
  on conflict do update set captures = captures + 1;
end;

create table site_crawls (
  site text primary key, crawl_id text, started_at text, outcome text,
  "2xx" integer, "3xx" integer, "4xx" integer, "5xx" integer, articles integer, network text
);

create table cut_texts (
  id integer primary key, rule text not null, text text not null,
  articles integer not null default 0
);
create index cut_texts_key on cut_texts ({CUT_KEY});
create index cut_texts_articles on cut_texts (articles);
create table article_cuts (
  capture_id text not null, cut_id integer not null, site text, times integer not null,
  primary key (capture_id, cut_id)
) without rowid;
create index article_cuts_cut on article_cuts (cut_id);
create table cut_rule_sites (
  rule text not null, site text not null, removals integer not null, articles integer not null,
  characters integer not null, primary key (rule, site)
);
create trigger article_cuts_insert after insert on article_cuts begin
  update cut_texts set articles = articles + 1 where id = new.cut_id;
  insert into cut_rule_sites (rule, site, removals, articles, characters)
  values ({_RULE_OF.format(row="new")}, coalesce(new.site, ''), new.times,
          not {_OTHER_CUT_OF_RULE.format(row="new")},
          new.times * (select length(text) from cut_texts where id = new.cut_id))
  on conflict do update set removals = removals + excluded.removals,
    articles = articles + excluded.articles, characters = characters + excluded.characters;
end;
create trigger article_cuts_delete after delete on article_cuts begin
  update cut_texts set articles = articles - 1 where id = old.cut_id;
  update cut_rule_sites set removals = removals - old.times,
    articles = articles - (not {_OTHER_CUT_OF_RULE.format(row="old")}),
    characters = characters - old.times * (select length(text) from cut_texts
                                           where id = old.cut_id)
  where rule = {_RULE_OF.format(row="old")} and site = coalesce(old.site, '');
end;
{CUT_TRIGGERS.strip()}
create trigger articles_cuts_delete after delete on articles begin
  delete from article_cuts where capture_id = old.capture_id;
end;

create table copy_group_sizes (group_id text primary key, articles integer not null);
create index copy_group_sizes_articles on copy_group_sizes (articles);
create trigger copy_group_sizes_insert after insert on copy_groups begin
  insert into copy_group_sizes (group_id, articles) values (new.group_id, 1)
  on conflict do update set articles = articles + 1;
end;
create trigger copy_group_sizes_delete after delete on copy_groups begin
  update copy_group_sizes set articles = articles - 1 where group_id = old.group_id;
end;
create trigger copy_group_sizes_update after update of group_id on copy_groups begin
  update copy_group_sizes set articles = articles - 1 where group_id = old.group_id;
  insert into copy_group_sizes (group_id, articles) values (new.group_id, 1)
  on conflict do update set articles = articles + 1;
end;
"""


def drop_tables(db) -> None:
    """The summary tables and their triggers gone, for a bulk load (``reindex``) that makes
    them again at its end with :func:`create_tables`: one pass over the rows, not a trigger
    for each."""
    names = re.findall(r"^create (trigger|table) (\w+)", SCHEMA, flags=re.MULTILINE)
    for kind, name in sorted(names, key=lambda found: found[0] == "table"):  # triggers first
        db.execute(f"drop {kind} if exists [{name}]")


def renew_cut_triggers(db) -> None:
    """The cut triggers made again from :data:`CUT_TRIGGERS` (an index written before)."""
    for name in re.findall(r"^create trigger (\w+)", CUT_TRIGGERS, flags=re.MULTILINE):
        db.execute(f"drop trigger if exists [{name}]")
    execute_each(db, CUT_TRIGGERS)


def create_tables(db) -> None:
    """The summary tables and their triggers, filled from what the index already holds."""
    execute_each(db, SCHEMA)
    db.execute("insert into copy_group_sizes select group_id, count(*) from copy_groups "
               "group by group_id")
    db.execute("insert into capture_days select coalesce(substr(fetched_at, 1, 10), ''), "
               "count(*) from captures group by 1")
    db.execute(f"insert into article_days select {_ARTICLE_DAYS_KEY.replace('new.', '')}, "
               "count(*), sum(coalesce(word_count, 0)) from articles group by 1, 2, 3, 4")
    for statement in _cuts_of("a").split("; "):
        db.execute(statement.rstrip(";"))
    crawls = db.execute("select id, started_at, outcome, stats from crawls "
                        "where spider != 'reprocess' and stats is not null "
                        "order by started_at").fetchall()
    for crawl_id, started, outcome, stats in crawls:
        try:
            counts = json.loads(stats)
        except ValueError:
            continue
        record_site_crawls(db.conn, crawl_id, started, outcome, counts)


def record_site_crawls(conn, crawl_id: str, started: str, outcome: str, stats: dict) -> None:
    """Each site's counts from a finished crawl's stats, as the site's last crawl."""
    per_site: dict[str, dict] = {}
    for key, value in stats.items():
        if key.startswith("archive/sites/") and key.count("/") >= 3:
            site, what = key.removeprefix("archive/sites/").rsplit("/", 1)
            per_site.setdefault(site, {})[what] = value
    conn.executemany(
        'insert into site_crawls (site, crawl_id, started_at, outcome, "2xx", "3xx", "4xx", '
        '"5xx", articles, network) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (site) '
        'do update set crawl_id = excluded.crawl_id, started_at = excluded.started_at, '
        'outcome = excluded.outcome, "2xx" = excluded."2xx", "3xx" = excluded."3xx", '
        '"4xx" = excluded."4xx", "5xx" = excluded."5xx", articles = excluded.articles, '
        'network = excluded.network where excluded.started_at >= site_crawls.started_at',
        [(site, crawl_id, started, outcome, *(counts.get(c, 0) for c in STATUS_CLASSES),
          counts.get("articles", 0),
          json.dumps({k: v for k, v in sorted(counts.items())
                      if k not in STATUS_CLASSES and k != "articles"}))
         for site, counts in per_site.items()])


def site_health(db) -> tuple[list[dict], list[dict]]:
    """Each site as its last crawl met it, and the sites gone stale: no new article for
    :data:`STALE_INTERVALS` of their usual intervals (at least :data:`STALE_MIN_HOURS`), as of
    the archive's newest capture. ``db``: anything with ``execute``."""
    rows = []
    for row in db.execute('select site, crawl_id, started_at, outcome, "2xx", "3xx", "4xx", '
                          '"5xx", articles, network from site_crawls order by site'):
        site, crawl_id, started, outcome, *counts, articles, network = row
        try:
            network = json.loads(network or "{}")
        except ValueError:
            network = {}
        shape = {key: network.pop(key) for key in SHAPE_COUNTS if key in network}
        rows.append({"site": site, "crawl_id": crawl_id, "started": started,
                     "outcome": outcome, **dict(zip(STATUS_CLASSES, counts, strict=True)),
                     "articles": articles, "network": network,
                     "shape_changed": shape_changed(shape)})
    now = _moment(db.execute("select max(fetched_at) from captures").fetchone()[0])
    stale = []
    for row in rows:
        quiet = _stale(db, row["site"], now) if now else None
        if quiet:
            stale.append({"site": row["site"], **quiet})
    return rows, stale


def shape_changed(counts: dict) -> str | None:
    """Why the site's URLs seem to have changed shape since its seed was written, from its last
    crawl's counts (None: they do not)."""
    unmatched, judged = counts.get("unmatched-articles", 0), counts.get("unmatched-judged", 0)
    if unmatched >= SHAPE_FLAG:
        return (f"{unmatched} article-like pages matched no pattern in the last crawl (of "
                f"{judged} judged that it left out) — run check-seed")
    if counts.get("links") and not counts.get("links-matched"):
        return (f"none of the {counts['links']} links its pages gave in the last crawl matched "
                "the article pattern — run check-seed")
    return None


def _stale(db, site: str, now: datetime) -> dict | None:
    """How long ``site`` has been quiet and its usual interval, if that is too long."""
    last = db.execute("select max(fetched_at) from articles where site = ?", [site]).fetchone()[0]
    if last is None:  # crawled, and never an article yet
        return {"last_article": None, "quiet_hours": None, "usual_hours": None}
    last_day = last[:10]
    start_day = (_moment(last) - timedelta(days=INTERVAL_DAYS)).strftime("%Y-%m-%d")
    count, first_day = db.execute(
        "select sum(articles), min(day) from article_days where site = ? and day >= ? "
        "and day <= ?", [site, start_day, last_day]).fetchone()
    span = _moment(last) - _moment(first_day + "T00:00:00Z")
    usual = span / count if count and count > 1 else timedelta(days=INTERVAL_DAYS)
    quiet = now - _moment(last)
    if quiet > max(STALE_INTERVALS * usual, timedelta(hours=STALE_MIN_HOURS)):
        return {"last_article": last, "quiet_hours": round(quiet.total_seconds() / 3600),
                "usual_hours": round(usual.total_seconds() / 3600, 1)}
    return None


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
