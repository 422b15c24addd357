-- listguard journal, schema 6: a recipient can be 'failed' (issue 13). Portable SQL as in V1.
-- failed: listguard itself could not compose, sign or submit this recipient's message (e.g. a
-- header line mime4j refuses, an internal error in the SMTP client); nothing was accepted for it.
-- It is final: never picked up again by a later send, whatever the list holds by then. The reason
-- is kept in skip_reason (why this recipient was not sent), the detail in reply_text.
-- MERGE NOTE: branch issue-8's V4__downstream.sql rebuilds this table too, already allowing
-- 'failed' (and adding 'blocked' and blocked_reason). With V4 merged, this file is redundant and
-- must be deleted (rebuilding after V4 would drop blocked_reason); it exists so that 'failed'
-- works without V4.
-- Neither engine can widen a CHECK constraint portably (SQLite has no ALTER ... CONSTRAINT), so
-- the table is rebuilt with the same columns and indexes and the rows copied.
CREATE TABLE recipients_v6 (
    run_id          VARCHAR(200) NOT NULL REFERENCES runs (id),
    seq             BIGINT       NOT NULL,
    email           TEXT         NOT NULL,
    email_key       TEXT         NOT NULL,
    list_line       BIGINT       NOT NULL,
    fields          TEXT,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'sending', 'accepted', 'deferred', 'rejected', 'skipped', 'unknown', 'failed')),
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
INSERT INTO recipients_v6 (run_id, seq, email, email_key, list_line, fields, status, attempts, reply_code, enhanced_code,
        reply_text, stage, relay, updated_at, message_id, queue_id, action, reason, skip_reason, next_attempt_at)
    SELECT run_id, seq, email, email_key, list_line, fields, status, attempts, reply_code, enhanced_code,
        reply_text, stage, relay, updated_at, message_id, queue_id, action, reason, skip_reason, next_attempt_at
    FROM recipients;
DROP TABLE recipients;
ALTER TABLE recipients_v6 RENAME TO recipients;
CREATE INDEX recipients_status ON recipients (run_id, status, seq);
CREATE INDEX recipients_key ON recipients (email_key);
CREATE INDEX recipients_message_id ON recipients (message_id);
