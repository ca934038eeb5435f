"""The index's schema as the migrations named in :data:`MIGRATIONS` leave it, as the statements
that make it (:data:`STATEMENTS`): ``reindex`` makes a new index with them in one transaction
instead of running every migration on it one by one (20 ms of CPU, and as long again waiting
for the disk, of a small archive's 0.3 s). :data:`MIGRATIONS` is also the list by which a
command that only reads knows an index needs no upgrade (:mod:`archive.store.reader`), so it
must name every migration: ``tests/test_reindex.py`` checks that it does and that both ways give
the same schema.

Written by ``python -m archive.offline.squash`` from an index its migrations made.
"""

from __future__ import annotations

MIGRATIONS = (
    'm001_initial',
    'm002_site_profiles',
    'm003_newest_first',
    'm004_cleaning_guards',
    'm005_article_versions',
    'm006_copies',
    'm007_truncated_articles',
    'm008_a_year_of_sites',
    'm009_article_metadata',
    'm010_settled_bands',
    'm011_site_habits',
    'm013_partial_body_and_facets',
    'm014_capture_urls',
    'm015_counted_site_lines',
    'm016_cuts_found_by_their_text',
    'm018_habits_held',
    'm019_cuts_by_a_short_key',
    'm020_articles_by_url_and_time',
    'm021_bylines_by_capture_time',
)
STATEMENTS = (
    ('CREATE TABLE "_sqlite_migrations" (\n'
     '   "id" INTEGER PRIMARY KEY,\n'
     '   "migration_set" TEXT,\n'
     '   "name" TEXT,\n'
     '   "applied_at" TEXT\n'
     ')'),
    ('CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"\n'
     '    ON "_sqlite_migrations" ("migration_set", "name")'),
    ('CREATE TABLE "crawls" (\n'
     '   "id" TEXT PRIMARY KEY,\n'
     '   "spider" TEXT,\n'
     '   "started_at" TEXT,\n'
     '   "finished_at" TEXT,\n'
     '   "outcome" TEXT,\n'
     '   "pages" INTEGER,\n'
     '   "articles" INTEGER,\n'
     '   "skipped" INTEGER,\n'
     '   "errors" INTEGER,\n'
     '   "stats" TEXT\n'
     ')'),
    ('CREATE TABLE "captures" (\n'
     '   "record_id" TEXT PRIMARY KEY,\n'
     '   "url" TEXT,\n'
     '   "host" TEXT,\n'
     '   "fetched_at" TEXT,\n'
     '   "status" INTEGER,\n'
     '   "mime" TEXT,\n'
     '   "content_length" INTEGER,\n'
     '   "payload_digest" TEXT,\n'
     '   "ip_address" TEXT,\n'
     '   "truncated" TEXT,\n'
     '   "warc_file" TEXT,\n'
     '   "warc_offset" INTEGER,\n'
     '   "warc_length" INTEGER,\n'
     '   "crawl_id" TEXT,\n'
     '   "skip_reason" TEXT,\n'
     '   "record_type" TEXT,\n'
     '   "refers_to" TEXT,\n'
     '   "etag" TEXT,\n'
     '   "last_modified" TEXT\n'
     ')'),
    ('CREATE INDEX "idx_captures_crawl_id"\n'
     '    ON "captures" ("crawl_id")'),
    ('CREATE UNIQUE INDEX "idx_captures_warc_file_warc_offset"\n'
     '    ON "captures" ("warc_file", "warc_offset")'),
    ('CREATE TABLE "articles" (\n'
     '   "capture_id" TEXT PRIMARY KEY REFERENCES "captures"("record_id"),\n'
     '   "url" TEXT,\n'
     '   "canonical_url" TEXT,\n'
     '   "site" TEXT,\n'
     '   "title" TEXT,\n'
     '   "author" TEXT,\n'
     '   "published" TEXT,\n'
     '   "fetched_at" TEXT,\n'
     '   "sitename" TEXT,\n'
     '   "description" TEXT,\n'
     '   "language" TEXT,\n'
     '   "language_probability" REAL,\n'
     '   "declared_language" TEXT,\n'
     '   "charset" TEXT,\n'
     '   "text" TEXT,\n'
     '   "word_count" INTEGER,\n'
     '   "text_digest" TEXT,\n'
     '   "cleaner_version" TEXT,\n'
     '   "removed" TEXT,\n'
     '   "removed_count" INTEGER,\n'
     '   "conversion_file" TEXT,\n'
     '   "conversion_offset" INTEGER,\n'
     '   "conversion_length" INTEGER,\n'
     '   "conversion_id" TEXT,\n'
     '   "metadata_file" TEXT,\n'
     '   "metadata_offset" INTEGER,\n'
     '   "metadata_length" INTEGER,\n'
     '   "processed_at" TEXT\n'
     ', "guards" TEXT, "truncated" TEXT, "authors" TEXT, "credits" TEXT, "pu'
     'blisher" TEXT, "published_at" TEXT, "modified" TEXT, "section" TEXT, "'
     'keywords" TEXT, "image" TEXT, "article_type" TEXT, "free" INTEGER, "me'
     'tadata_sources" TEXT, "partial" INTEGER, "text_source" TEXT)'),
    ('CREATE VIRTUAL TABLE "articles_fts" USING FTS5 (\n'
     '    "title", "text",\n'
     '    content="articles"\n'
     ')'),
    ('CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN\n'
     '  INSERT INTO "articles_fts" (rowid, "title", "text") VALUES (new.rowi'
     'd, new."title", new."text");\n'
     'END'),
    ('CREATE TRIGGER "articles_ad" AFTER DELETE ON "articles" BEGIN\n'
     '  INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text") '
     'VALUES(\'delete\', old.rowid, old."title", old."text");\n'
     'END'),
    ('CREATE TRIGGER "articles_au" AFTER UPDATE ON "articles" BEGIN\n'
     '  INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "text") '
     'VALUES(\'delete\', old.rowid, old."title", old."text");\n'
     '  INSERT INTO "articles_fts" (rowid, "title", "text") VALUES (new.rowi'
     'd, new."title", new."text");\n'
     'END'),
    ('CREATE TABLE "site_pages" (\n'
     '   "site" TEXT,\n'
     '   "story" TEXT,\n'
     '   "capture_id" TEXT,\n'
     '   "counted_at" TEXT,\n'
     '   PRIMARY KEY ("site", "story")\n'
     ')'),
    ('CREATE INDEX "idx_captures_fetched_at"\n'
     '    ON "captures" ("fetched_at")'),
    ('CREATE INDEX "idx_articles_fetched_at"\n'
     '    ON "articles" ("fetched_at")'),
    ('CREATE TABLE "article_versions" (\n'
     '   "capture_id" TEXT PRIMARY KEY REFERENCES "captures"("record_id"),\n'
     '   "url" TEXT,\n'
     '   "version" INTEGER,\n'
     '   "previous_capture_id" TEXT,\n'
     '   "captured_at" TEXT,\n'
     '   "title_changed" INTEGER,\n'
     '   "words_added" INTEGER,\n'
     '   "words_removed" INTEGER\n'
     ')'),
    ('CREATE UNIQUE INDEX "idx_article_versions_url_version"\n'
     '    ON "article_versions" ("url", "version")'),
    ('CREATE INDEX "idx_article_versions_captured_at"\n'
     '    ON "article_versions" ("captured_at")'),
    ('CREATE TABLE "article_removals" (\n'
     '   "url" TEXT PRIMARY KEY,\n'
     '   "status" INTEGER,\n'
     '   "removed_at" TEXT,\n'
     '   "capture_id" TEXT\n'
     ')'),
    ('CREATE TABLE "article_minhash" (\n'
     '   "capture_id" TEXT PRIMARY KEY,\n'
     '   "signature" BLOB,\n'
     '   "captured_at" TEXT\n'
     ')'),
    ('CREATE TABLE "minhash_bands" (\n'
     '   "band" INTEGER,\n'
     '   "bucket" INTEGER,\n'
     '   "capture_id" TEXT\n'
     ')'),
    ('CREATE INDEX "idx_minhash_bands_band_bucket"\n'
     '    ON "minhash_bands" ("band", "bucket")'),
    ('CREATE INDEX "idx_minhash_bands_capture_id"\n'
     '    ON "minhash_bands" ("capture_id")'),
    ('CREATE TABLE "article_copies" (\n'
     '   "capture_id" TEXT,\n'
     '   "copy_id" TEXT,\n'
     '   "similarity" REAL,\n'
     '   PRIMARY KEY ("capture_id", "copy_id")\n'
     ')'),
    ('CREATE INDEX "idx_article_copies_copy_id"\n'
     '    ON "article_copies" ("copy_id")'),
    ('CREATE TABLE "copy_groups" (\n'
     '   "capture_id" TEXT PRIMARY KEY,\n'
     '   "group_id" TEXT\n'
     ')'),
    ('CREATE INDEX "idx_copy_groups_group_id"\n'
     '    ON "copy_groups" ("group_id")'),
    ('CREATE TABLE "minhash_recent_bands" (\n'
     '   "band" INTEGER,\n'
     '   "bucket" INTEGER,\n'
     '   "capture_id" TEXT\n'
     ')'),
    ('CREATE INDEX "idx_minhash_recent_bands_band_bucket"\n'
     '    ON "minhash_recent_bands" ("band", "bucket")'),
    ('CREATE INDEX "idx_minhash_recent_bands_capture_id"\n'
     '    ON "minhash_recent_bands" ("capture_id")'),
    ('CREATE INDEX "idx_articles_site_fetched_at"\n'
     '    ON "articles" ("site", "fetched_at")'),
    ('CREATE INDEX "idx_articles_language_fetched_at"\n'
     '    ON "articles" ("language", "fetched_at")'),
    ('CREATE INDEX "idx_captures_status"\n'
     '    ON "captures" ("status")'),
    ('CREATE INDEX "idx_captures_host_fetched_at"\n'
     '    ON "captures" ("host", "fetched_at")'),
    ('CREATE INDEX captures_failed on captures (fetched_at) where ((coalesce'
     "(status, 0) != 200 and not (record_type = 'revisit' and status = 304))"
     " or (skip_reason is not null and skip_reason != 'not-article'))"),
    ('CREATE INDEX captures_skipped on captures (skip_reason) where skip_rea'
     "son not in ('not-article', 'redirect', 'http-error', 'http-status')"),
    ('CREATE INDEX articles_guarded on articles (fetched_at) where (guards i'
     "s not null and guards != '[]')"),
    ('CREATE INDEX article_versions_changed on article_versions (captured_at'
     ') where version > 1'),
    ('CREATE INDEX article_versions_retitled on article_versions (captured_a'
     't) where title_changed'),
    ('CREATE INDEX "idx_article_removals_removed_at"\n'
     '    ON "article_removals" ("removed_at")'),
    ('CREATE INDEX "idx_crawls_started_at"\n'
     '    ON "crawls" ("started_at")'),
    ('CREATE INDEX "idx_site_pages_capture_id"\n'
     '    ON "site_pages" ("capture_id")'),
    ('CREATE INDEX "idx_site_pages_site"\n'
     '    ON "site_pages" ("site")'),
    ('CREATE INDEX "idx_article_minhash_captured_at"\n'
     '    ON "article_minhash" ("captured_at")'),
    ('CREATE TABLE article_days (\n'
     '  site text not null, day text not null, published text not null, lang'
     'uage text not null,\n'
     '  articles integer not null, words integer not null,\n'
     '  primary key (site, day, published, language)\n'
     ')'),
    ('CREATE INDEX article_days_day on article_days (day)'),
    ('CREATE TRIGGER article_days_insert after insert on articles begin\n'
     '  insert into article_days (site, day, published, language, articles, '
     'words)\n'
     "  values (coalesce(new.site, ''), coalesce(substr(new.fetched_at, 1, 1"
     "0), ''), coalesce(substr(new.published, 1, 10), ''), coalesce(new.lang"
     "uage, ''), 1, coalesce(new.word_count, 0))\n"
     '  on conflict do update set articles = articles + 1, words = words + e'
     'xcluded.words;\n'
     'end'),
    ('CREATE TRIGGER article_days_delete after delete on articles begin\n'
     '  update article_days set articles = articles - 1, words = words - coa'
     'lesce(old.word_count, 0)\n'
     "  where (site, day, published, language) = (coalesce(old.site, ''), co"
     "alesce(substr(old.fetched_at, 1, 10), ''), coalesce(substr(old.publish"
     "ed, 1, 10), ''), coalesce(old.language, ''));\n"
     'end'),
    ('CREATE TRIGGER article_days_update after update of site, fetched_at, p'
     'ublished, language,\n'
     '  word_count on articles begin\n'
     '  update article_days set articles = articles - 1, words = words - coa'
     'lesce(old.word_count, 0)\n'
     "  where (site, day, published, language) = (coalesce(old.site, ''), co"
     "alesce(substr(old.fetched_at, 1, 10), ''), coalesce(substr(old.publish"
     "ed, 1, 10), ''), coalesce(old.language, ''));\n"
     '  insert into article_days (site, day, published, language, articles, '
     'words)\n'
     "  values (coalesce(new.site, ''), coalesce(substr(new.fetched_at, 1, 1"
     "0), ''), coalesce(substr(new.published, 1, 10), ''), coalesce(new.lang"
     "uage, ''), 1, coalesce(new.word_count, 0))\n"
     '  on conflict do update set articles = articles + 1, words = words + e'
     'xcluded.words;\n'
     'end'),
    ('CREATE TABLE capture_days (day text primary key, captures integer not '
     'null)'),
    ('CREATE TRIGGER capture_days_insert after insert on captures begin\n'
     '  insert into capture_days (day, captures) values (coalesce(substr(new'
     ".fetched_at, 1, 10), ''), 1)\n"
     '  on conflict do update set captures = captures + 1;\n'
     'end'),
    ('CREATE TRIGGER capture_days_delete after delete on captures begin\n'
     '  update capture_days set captures = captures - 1\n'
     "  where day = coalesce(substr(old.fetched_at, 1, 10), '');\n"
     'end'),
    ('CREATE TRIGGER capture_days_update after update of fetched_at on captu'
     'res begin\n'
     '  update capture_days set captures = captures - 1\n'
     "  where day = coalesce(substr(old.fetched_at, 1, 10), '');\n"
     '  insert into capture_days (day, captures) values (coalesce(substr(new'
     ".fetched_at, 1, 10), ''), 1)\n"
     '  on conflict do update set captures = captures + 1;\n'
     'end'),
    ('CREATE TABLE site_crawls (\n'
     '  site text primary key, crawl_id text, started_at text, outcome text,'
     '\n'
     '  "2xx" integer, "3xx" integer, "4xx" integer, "5xx" integer, articles'
     ' integer, network text\n'
     ')'),
    ('CREATE TABLE cut_texts (\n'
     '  id integer primary key, rule text not null, text text not null,\n'
     '  articles integer not null default 0\n'
     ')'),
    ('CREATE INDEX cut_texts_key on cut_texts (rule, length(text), substr(te'
     'xt, 1, 16), substr(text, -16))'),
    ('CREATE INDEX cut_texts_articles on cut_texts (articles)'),
    ('CREATE TABLE article_cuts (\n'
     '  capture_id text not null, cut_id integer not null, site text, times '
     'integer not null,\n'
     '  primary key (capture_id, cut_id)\n'
     ') without rowid'),
    ('CREATE INDEX article_cuts_cut on article_cuts (cut_id)'),
    ('CREATE TABLE cut_rule_sites (\n'
     '  rule text not null, site text not null, removals integer not null, a'
     'rticles integer not null,\n'
     '  characters integer not null, primary key (rule, site)\n'
     ')'),
    ('CREATE TRIGGER article_cuts_insert after insert on article_cuts begin\n'
     '  update cut_texts set articles = articles + 1 where id = new.cut_id;\n'
     '  insert into cut_rule_sites (rule, site, removals, articles, characte'
     'rs)\n'
     '  values ((select rule from cut_texts where id = new.cut_id), coalesce'
     "(new.site, ''), new.times,\n"
     '          not exists (select 1 from article_cuts k join cut_texts t on'
     ' t.id = k.cut_id where k.capture_id = new.capture_id and k.cut_id != n'
     'ew.cut_id and t.rule = (select rule from cut_texts where id = new.cut_'
     'id)),\n'
     '          new.times * (select length(text) from cut_texts where id = n'
     'ew.cut_id))\n'
     '  on conflict do update set removals = removals + excluded.removals,\n'
     '    articles = articles + excluded.articles, characters = characters +'
     ' excluded.characters;\n'
     'end'),
    ('CREATE TRIGGER article_cuts_delete after delete on article_cuts begin\n'
     '  update cut_texts set articles = articles - 1 where id = old.cut_id;\n'
     '  update cut_rule_sites set removals = removals - old.times,\n'
     '    articles = articles - (not exists (select 1 from article_cuts k jo'
     'in cut_texts t on t.id = k.cut_id where k.capture_id = old.capture_id '
     'and k.cut_id != old.cut_id and t.rule = (select rule from cut_texts wh'
     'ere id = old.cut_id))),\n'
     '    characters = characters - old.times * (select length(text) from cu'
     't_texts\n'
     '                                           where id = old.cut_id)\n'
     '  where rule = (select rule from cut_texts where id = old.cut_id) and '
     "site = coalesce(old.site, '');\n"
     'end'),
    ('CREATE TRIGGER articles_cuts_delete after delete on articles begin\n'
     '  delete from article_cuts where capture_id = old.capture_id;\n'
     'end'),
    ('CREATE TABLE copy_group_sizes (group_id text primary key, articles int'
     'eger not null)'),
    ('CREATE INDEX copy_group_sizes_articles on copy_group_sizes (articles)'),
    ('CREATE TRIGGER copy_group_sizes_insert after insert on copy_groups beg'
     'in\n'
     '  insert into copy_group_sizes (group_id, articles) values (new.group_'
     'id, 1)\n'
     '  on conflict do update set articles = articles + 1;\n'
     'end'),
    ('CREATE TRIGGER copy_group_sizes_delete after delete on copy_groups beg'
     'in\n'
     '  update copy_group_sizes set articles = articles - 1 where group_id ='
     ' old.group_id;\n'
     'end'),
    ('CREATE TRIGGER copy_group_sizes_update after update of group_id on cop'
     'y_groups begin\n'
     '  update copy_group_sizes set articles = articles - 1 where group_id ='
     ' old.group_id;\n'
     '  insert into copy_group_sizes (group_id, articles) values (new.group_'
     'id, 1)\n'
     '  on conflict do update set articles = articles + 1;\n'
     'end'),
    ('CREATE TABLE "article_authors" (\n'
     '   "capture_id" TEXT,\n'
     '   "author" TEXT,\n'
     '   "role" TEXT,\n'
     '   "position" INTEGER, "fetched_at" TEXT,\n'
     '   PRIMARY KEY ("capture_id", "position")\n'
     ')'),
    ('CREATE INDEX "idx_article_authors_role_author"\n'
     '    ON "article_authors" ("role", "author")'),
    ('CREATE TABLE "site_habits" (\n'
     '   "site" TEXT,\n'
     '   "kind" TEXT,\n'
     '   "value" TEXT,\n'
     '   "pages" INTEGER,\n'
     '   "first_page" INTEGER, "held" INTEGER NOT NULL DEFAULT 0,\n'
     '   PRIMARY KEY ("site", "kind", "value")\n'
     ')'),
    ('CREATE INDEX "idx_site_habits_site_pages"\n'
     '    ON "site_habits" ("site", "pages")'),
    ('CREATE INDEX articles_partial on articles (fetched_at) where partial ='
     ' 1'),
    ('CREATE INDEX "idx_articles_section_fetched_at"\n'
     '    ON "articles" ("section", "fetched_at")'),
    ('CREATE INDEX "idx_articles_published_fetched_at"\n'
     '    ON "articles" ("published", "fetched_at")'),
    ('CREATE TABLE capture_urls (\n'
     '  url text not null, fetched_at text not null, primary key (url, fetch'
     'ed_at)) without rowid'),
    ('CREATE TABLE capture_urls_recent (\n'
     '  url text not null, fetched_at text not null, primary key (url, fetch'
     'ed_at)) without rowid'),
    ('CREATE TRIGGER capture_urls_insert after insert on captures\n'
     'when new.url is not null begin\n'
     '  insert or ignore into capture_urls_recent (url, fetched_at)\n'
     "  values (new.url, coalesce(new.fetched_at, ''));\n"
     'end'),
    ('CREATE TRIGGER capture_urls_delete after delete on captures\n'
     'when old.url is not null begin\n'
     '  delete from capture_urls where url = old.url and fetched_at = coales'
     "ce(old.fetched_at, '')\n"
     '    and not exists (select 1 from captures where fetched_at is old.fet'
     'ched_at and url = old.url);\n'
     '  delete from capture_urls_recent where url = old.url\n'
     "    and fetched_at = coalesce(old.fetched_at, '')\n"
     '    and not exists (select 1 from captures where fetched_at is old.fet'
     'ched_at and url = old.url);\n'
     'end'),
    ('CREATE TRIGGER capture_urls_update after update of url, fetched_at on '
     'captures\n'
     'when new.url is not old.url or new.fetched_at is not old.fetched_at be'
     'gin\n'
     '  delete from capture_urls where url = old.url and fetched_at = coales'
     "ce(old.fetched_at, '')\n"
     '    and not exists (select 1 from captures where fetched_at is old.fet'
     'ched_at and url = old.url);\n'
     '  delete from capture_urls_recent where url = old.url\n'
     "    and fetched_at = coalesce(old.fetched_at, '')\n"
     '    and not exists (select 1 from captures where fetched_at is old.fet'
     'ched_at and url = old.url);\n'
     '  insert or ignore into capture_urls_recent (url, fetched_at)\n'
     "  select new.url, coalesce(new.fetched_at, '') where new.url is not nu"
     'll;\n'
     'end'),
    ('CREATE TABLE "site_blocks" (site text not null, key text not null, pag'
     'es integer not null, first_page integer, text text, first_seen text, p'
     'rimary key (site, key)) without rowid'),
    ('CREATE INDEX site_blocks_site_pages on site_blocks (site, pages, first'
     '_page)'),
    ('CREATE INDEX site_blocks_pages on site_blocks (pages, first_page)'),
    ('CREATE TRIGGER articles_cuts_insert after insert on articles begin\n'
     '  insert into cut_texts (rule, text) select distinct c.rule, c.text fr'
     'om (select new.capture_id as capture_id, new.site as site, coalesce(ca'
     "se when j.type = 'object' then json_extract(j.value, '$.rule') end, ''"
     ") as rule, case when j.type = 'object' then json_extract(j.value, '$.t"
     "ext') end as text from json_each(case when json_valid(new.removed) the"
     "n new.removed end) j where case when j.type = 'object' then json_type("
     "j.value, '$.text') end = 'text') c where not exists (select 1 from cut"
     '_texts t where t.rule = c.rule and length(t.text) = length(c.text) and'
     ' substr(t.text, 1, 16) = substr(c.text, 1, 16) and substr(t.text, -16)'
     ' = substr(c.text, -16) and t.text = c.text); insert into article_cuts '
     '(capture_id, cut_id, site, times) select c.capture_id, t.id, c.site, c'
     'ount(*) from (select new.capture_id as capture_id, new.site as site, c'
     "oalesce(case when j.type = 'object' then json_extract(j.value, '$.rule"
     "') end, '') as rule, case when j.type = 'object' then json_extract(j.v"
     "alue, '$.text') end as text from json_each(case when json_valid(new.re"
     "moved) then new.removed end) j where case when j.type = 'object' then "
     "json_type(j.value, '$.text') end = 'text') c cross join cut_texts t on"
     ' t.rule = c.rule and length(t.text) = length(c.text) and substr(t.text'
     ', 1, 16) = substr(c.text, 1, 16) and substr(t.text, -16) = substr(c.te'
     'xt, -16) and t.text = c.text group by c.capture_id, t.id;\n'
     'end'),
    ('CREATE TRIGGER articles_cuts_update after update of removed, site, cap'
     'ture_id on articles begin\n'
     '  delete from article_cuts where capture_id in (old.capture_id, new.ca'
     'pture_id);\n'
     '  insert into cut_texts (rule, text) select distinct c.rule, c.text fr'
     'om (select new.capture_id as capture_id, new.site as site, coalesce(ca'
     "se when j.type = 'object' then json_extract(j.value, '$.rule') end, ''"
     ") as rule, case when j.type = 'object' then json_extract(j.value, '$.t"
     "ext') end as text from json_each(case when json_valid(new.removed) the"
     "n new.removed end) j where case when j.type = 'object' then json_type("
     "j.value, '$.text') end = 'text') c where not exists (select 1 from cut"
     '_texts t where t.rule = c.rule and length(t.text) = length(c.text) and'
     ' substr(t.text, 1, 16) = substr(c.text, 1, 16) and substr(t.text, -16)'
     ' = substr(c.text, -16) and t.text = c.text); insert into article_cuts '
     '(capture_id, cut_id, site, times) select c.capture_id, t.id, c.site, c'
     'ount(*) from (select new.capture_id as capture_id, new.site as site, c'
     "oalesce(case when j.type = 'object' then json_extract(j.value, '$.rule"
     "') end, '') as rule, case when j.type = 'object' then json_extract(j.v"
     "alue, '$.text') end as text from json_each(case when json_valid(new.re"
     "moved) then new.removed end) j where case when j.type = 'object' then "
     "json_type(j.value, '$.text') end = 'text') c cross join cut_texts t on"
     ' t.rule = c.rule and length(t.text) = length(c.text) and substr(t.text'
     ', 1, 16) = substr(c.text, 1, 16) and substr(t.text, -16) = substr(c.te'
     'xt, -16) and t.text = c.text group by c.capture_id, t.id;\n'
     'end'),
    ('CREATE INDEX "idx_articles_url_fetched_at"\n'
     '    ON "articles" ("url", "fetched_at")'),
    ('CREATE INDEX "idx_article_authors_author_fetched_at"\n'
     '    ON "article_authors" ("author", "fetched_at")'),
)
