"""The database schema as sqlite-utils migrations: apply them with ``migrations.apply(db)``.

Add a new migration function for any change; never edit one that has shipped, since databases in
the field have recorded it as applied.
"""

from __future__ import annotations

from sqlite_utils import Migrations

migrations = Migrations("gouji")


@migrations()
def m001_tables(db):
    # One row per distinct file content (sha256): the same bytes at two paths are one report.
    # ``json`` keeps what has no column (reader warnings, spans of title/agency/published, the
    # period sentence, contract-JSON keys added after this schema) so export can rebuild §3.
    db.executescript(
        """
        CREATE TABLE reports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: an id names one content
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            kind TEXT,
            encoding TEXT,
            status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'needs_ocr')),
            title TEXT,
            agency TEXT,
            year INTEGER,
            format TEXT,
            period_start TEXT,
            period_end TEXT,
            published TEXT,
            text TEXT NOT NULL DEFAULT '',
            ingested_at TEXT NOT NULL,
            json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX reports_path ON reports(path);
        CREATE INDEX reports_agency_year ON reports(agency, year);

        CREATE TABLE sections (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id),
            number TEXT, level INTEGER, title TEXT, kind TEXT,
            start INTEGER, "end" INTEGER, body_end INTEGER,
            style TEXT, ordinal INTEGER, parent INTEGER
        );
        CREATE INDEX sections_report ON sections(report_id);

        CREATE TABLE facts (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id),
            key TEXT NOT NULL,
            label TEXT,
            value NUMERIC,
            unit TEXT,
            origin TEXT,
            start INTEGER,
            "end" INTEGER,
            page INTEGER,
            rule TEXT,
            fact_id TEXT,
            parent TEXT,
            exhaustive INTEGER NOT NULL DEFAULT 0,
            qualifier TEXT,
            cell TEXT,
            raw TEXT,
            extra TEXT
        );
        CREATE INDEX facts_report ON facts(report_id);
        CREATE INDEX facts_key ON facts(key);

        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id),
            code TEXT NOT NULL,
            severity TEXT,
            message TEXT,
            "values" TEXT NOT NULL DEFAULT '[]',
            evidence TEXT NOT NULL DEFAULT '[]',
            extra TEXT
        );
        CREATE INDEX flags_report ON flags(report_id);
        CREATE INDEX flags_code ON flags(code);

        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            sha256 TEXT,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );

        -- jieba's search-mode words of reports.text, space-separated (rowid = reports.id), so a
        -- two-character word such as 复议 is its own token; unicode61 splits on the spaces.
        CREATE VIRTUAL TABLE reports_fts USING fts5(words, tokenize = 'unicode61');
        """
    )


@migrations()
def m002_cross_pending(db):
    # Reports written since cross-report flags (cross_year.*) were last worked out for their
    # agency; filled in the report's own transaction, so a killed run leaves the work listed.
    # When a report is removed, the reports of the same agency name are listed.
    db.execute("CREATE TABLE cross_pending (report_id INTEGER PRIMARY KEY)")


@migrations()
def m003_files(db):
    # What each file on disk held when last read: a re-run over an unchanged archive takes the
    # sha256 from here when size and mtime are unchanged, instead of reading every byte again.
    db.execute("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
               "mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL)")


@migrations()
def m004_views(db):
    # For gouji query: facts and flags with the report they belong to, no join to write.
    db.executescript(
        """
        CREATE VIEW report_facts AS
            SELECT r.path, r.agency, r.year, r.format, f.key, f.label, f.value, f.unit,
                   f.origin, f.rule, f.start, f."end", f.page, f.report_id
            FROM facts f JOIN reports r ON r.id = f.report_id;
        CREATE VIEW report_flags AS
            SELECT r.path, r.agency, r.year, g.code, g.severity, g.message, g."values",
                   g.report_id
            FROM flags g JOIN reports r ON r.id = g.report_id;
        """
    )


@migrations()
def m005_failures_sha(db):
    # ingest asks, file by file, whether a content failed before
    db.execute("CREATE INDEX failures_sha256 ON failures(sha256)")


@migrations()
def m006_manifest(db):
    # What a manifest given to ingest says about a file (url, agency, year, published), kept
    # apart from what extraction found and keyed by content like the report itself: a report
    # extracted again (--force) keeps it. ``source`` is the file name the row was matched by.
    # The views now give each row the manifest's agency and year where there is one.
    db.executescript(
        """
        CREATE TABLE manifest (
            sha256 TEXT PRIMARY KEY,
            source TEXT,
            url TEXT,
            agency TEXT,
            year INTEGER,
            published TEXT
        );
        DROP VIEW report_facts;
        DROP VIEW report_flags;
        CREATE VIEW report_facts AS
            SELECT r.path, coalesce(m.agency, r.agency) AS agency,
                   coalesce(m.year, r.year) AS year, r.format, f.key, f.label, f.value, f.unit,
                   f.origin, f.rule, f.start, f."end", f.page, f.report_id
            FROM facts f JOIN reports r ON r.id = f.report_id
            LEFT JOIN manifest m ON m.sha256 = r.sha256;
        CREATE VIEW report_flags AS
            SELECT r.path, coalesce(m.agency, r.agency) AS agency,
                   coalesce(m.year, r.year) AS year, g.code, g.severity, g.message, g."values",
                   g.report_id
            FROM flags g JOIN reports r ON r.id = g.report_id
            LEFT JOIN manifest m ON m.sha256 = r.sha256;
        """
    )


@migrations()
def m007_cross_pending_agency(db):
    # Agencies (extract.crossyear.agency_key) whose group lost a report (removed, or moved to
    # another agency or year by a manifest): their cross-year flags are worked out again. Names
    # vary between an agency's years, so listing the reports of the same name missed some.
    db.execute("CREATE TABLE cross_pending_agency (key TEXT PRIMARY KEY)")
