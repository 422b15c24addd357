-- listguard journal, schema 1. Portable SQL: runs unchanged on SQLite (3.35+) and PostgreSQL (12+).
-- Timestamps are TEXT in ISO-8601 UTC with milliseconds ("2026-11-01T09:00:00.000Z"): they sort
-- lexically in time order on both engines and read the same in a report as in the database.
-- JSON documents (audit, pause evidence, event detail) are TEXT, written and read by the application.
-- Booleans are INTEGER 0/1 (SQLite has no BOOLEAN).

-- One send of one campaign. id is "yyyyMMdd-HHmmss-<campaign>" (UTC), sortable by start time.
CREATE TABLE runs (
    id             VARCHAR(200) NOT NULL PRIMARY KEY,
    campaign       VARCHAR(200) NOT NULL,
    state          VARCHAR(16)  NOT NULL CHECK (state IN ('running', 'paused', 'completed', 'aborted')),
    started_at     VARCHAR(30)  NOT NULL,
    finished_at    VARCHAR(30),
    pause_reason   TEXT,
    pause_evidence TEXT,
    audit          TEXT,
    forced         INTEGER      NOT NULL DEFAULT 0,
    relay          VARCHAR(200)
);
CREATE INDEX runs_campaign_state ON runs (campaign, state);
CREATE INDEX runs_started ON runs (started_at);

-- One row per list member per run; seq is the 1-based position in the run (send order).
-- fields: the list row as a JSON object (template variables), so a resumed run composes the
-- same message even if the list file changed in between.
-- status: pending -> sending (committed before the SMTP transaction) -> accepted | deferred |
-- rejected; skipped (never sent: suppressed, duplicate, invalid); unknown (was sending when the
-- process died: the relay may or may not have accepted it, so it is not re-sent unless asked).
CREATE TABLE recipients (
    run_id          VARCHAR(200) NOT NULL REFERENCES runs (id),
    seq             BIGINT       NOT NULL,
    email           TEXT         NOT NULL,
    email_key       TEXT         NOT NULL,
    list_line       BIGINT       NOT NULL,
    fields          TEXT,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'sending', 'accepted', 'deferred', 'rejected', 'skipped', 'unknown')),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    reply_code      INTEGER,
    enhanced_code   VARCHAR(16),
    reply_text      TEXT,
    stage           VARCHAR(16),
    relay           VARCHAR(200),
    updated_at      VARCHAR(30)  NOT NULL,
    message_id      TEXT,
    queue_id        TEXT,
    action          VARCHAR(16),
    reason          VARCHAR(64),
    skip_reason     TEXT,
    next_attempt_at VARCHAR(30),
    PRIMARY KEY (run_id, seq)
);
-- nextBatch (pending/deferred in seq order) and the status counts
CREATE INDEX recipients_status ON recipients (run_id, status, seq);
-- bounce processing finds a recipient by address
CREATE INDEX recipients_key ON recipients (email_key);

-- What happened to a run besides per-recipient outcomes: gate verdict, pauses, failovers, resumes.
-- seq is per run, assigned by the journal (portable: no engine-specific identity column).
CREATE TABLE events (
    run_id  VARCHAR(200) NOT NULL REFERENCES runs (id),
    seq     BIGINT       NOT NULL,
    at      VARCHAR(30)  NOT NULL,
    kind    VARCHAR(64)  NOT NULL,
    detail  TEXT,
    PRIMARY KEY (run_id, seq)
);

-- Addresses never to send to again. Only the actions 'hard' and 'complaint' suppress (DESIGN.md
-- invariant 3: a reputation/sender/throttle reply never suppresses the member).
-- address_key: the address with its domain lower-cased, local part as written (list.Recipient.key()).
CREATE TABLE suppressions (
    address_key VARCHAR(320) NOT NULL PRIMARY KEY,
    reason      TEXT         NOT NULL,
    action      VARCHAR(16)  NOT NULL CHECK (action IN ('hard', 'complaint')),
    evidence    TEXT,
    source_run  VARCHAR(200),
    created_at  VARCHAR(30)  NOT NULL
);
