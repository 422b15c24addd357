-- Schema 10 (issue 19): recipients gain the status 'unconfirmed'. The relay accepted the message,
-- but the seed at the member's receiving provider never arrived (silent discard suspected): not
-- counted delivered, and not sent again without the operator's word (send --resend-unconfirmed).
-- blocked_reason says why (the seed that never arrived). A CHECK constraint cannot be altered in
-- SQLite, so the table is rebuilt with the same columns, as schema 4 did.
CREATE TABLE recipients_v10 (
    run_id          VARCHAR(200) NOT NULL REFERENCES runs (id),
    seq             BIGINT       NOT NULL,
    email           TEXT         NOT NULL,
    email_key       TEXT         NOT NULL,
    list_line       BIGINT       NOT NULL,
    fields          TEXT,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'sending', 'accepted', 'deferred', 'rejected',
                                                            'skipped', 'unknown', 'blocked', 'failed', 'unconfirmed')),
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
    blocked_reason  TEXT,
    PRIMARY KEY (run_id, seq)
);
INSERT INTO recipients_v10 (run_id, seq, email, email_key, list_line, fields, status, attempts, reply_code, enhanced_code,
                            reply_text, stage, relay, updated_at, message_id, queue_id, action, reason, skip_reason,
                            next_attempt_at, blocked_reason)
SELECT run_id, seq, email, email_key, list_line, fields, status, attempts, reply_code, enhanced_code,
       reply_text, stage, relay, updated_at, message_id, queue_id, action, reason, skip_reason,
       next_attempt_at, blocked_reason
FROM recipients;
DROP TABLE recipients;
ALTER TABLE recipients_v10 RENAME TO recipients;
CREATE INDEX recipients_status ON recipients (run_id, status, seq);
CREATE INDEX recipients_key ON recipients (email_key);
CREATE INDEX recipients_message_id ON recipients (message_id);
