-- listguard journal, schema 4: what receivers behind the smart host said (issue 8).
-- Portable SQL as in V1 (SQLite 3.35+ and PostgreSQL 12+).

-- recipients gains the status 'blocked' (a receiver refused the message for a sender-side
-- reason by DSN, or its provider is suspended: the member waits and is sent again when the run
-- resumes; never suppressed, never counted delivered, DESIGN.md invariant 8) and 'failed'
-- (reserved for per-recipient failures). A CHECK constraint cannot be altered in SQLite, so the
-- table is rebuilt with the same columns plus blocked_reason (why the member waits).
CREATE TABLE recipients_v4 (
    run_id          VARCHAR(200) NOT NULL REFERENCES runs (id),
    seq             BIGINT       NOT NULL,
    email           TEXT         NOT NULL,
    email_key       TEXT         NOT NULL,
    list_line       BIGINT       NOT NULL,
    fields          TEXT,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'sending', 'accepted', 'deferred', 'rejected',
                                                            'skipped', 'unknown', 'blocked', 'failed')),
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
INSERT INTO recipients_v4 (run_id, seq, email, email_key, list_line, fields, status, attempts, reply_code, enhanced_code,
                           reply_text, stage, relay, updated_at, message_id, queue_id, action, reason, skip_reason, next_attempt_at)
SELECT run_id, seq, email, email_key, list_line, fields, status, attempts, reply_code, enhanced_code,
       reply_text, stage, relay, updated_at, message_id, queue_id, action, reason, skip_reason, next_attempt_at
FROM recipients;
DROP TABLE recipients;
ALTER TABLE recipients_v4 RENAME TO recipients;
CREATE INDEX recipients_status ON recipients (run_id, status, seq);
CREATE INDEX recipients_key ON recipients (email_key);
CREATE INDEX recipients_message_id ON recipients (message_id);

-- The evidence of each downstream verdict by DSN (reputation, sender, throttle) about one
-- recipient: the receiver's exact text, the reporting MTA (the smart host), the remote MTA (the
-- receiver), and the IP and list the receiver named, when it did. at: when listguard read it (UTC).
CREATE TABLE downstream_verdicts (
    message_key   VARCHAR(1000) NOT NULL,
    run_id        VARCHAR(200)  NOT NULL REFERENCES runs (id),
    seq           BIGINT        NOT NULL,
    at            VARCHAR(30)   NOT NULL,
    action        VARCHAR(16)   NOT NULL CHECK (action IN ('reputation', 'sender', 'throttle')),
    reason        VARCHAR(64),
    enhanced_code VARCHAR(16),
    reply_code    INTEGER,
    diagnostic    TEXT,
    reporting_mta TEXT,
    remote_mta    TEXT,
    egress_ip     VARCHAR(64),
    zone          VARCHAR(253),
    source        TEXT          NOT NULL,
    PRIMARY KEY (message_key, run_id, seq)
);
CREATE INDEX downstream_verdicts_run ON downstream_verdicts (run_id, seq);

-- Receivers that blocked the relay, remembered across runs (guard.block_memory): one row per
-- suspension. cleared_at/cleared_by: when and how it was forgotten (`blocks clear`, a canary, a
-- later delivery); a cleared row stays as history.
CREATE TABLE provider_blocks (
    provider    VARCHAR(253) NOT NULL,
    run_id      VARCHAR(200) NOT NULL REFERENCES runs (id),
    at          VARCHAR(30)  NOT NULL,
    reason      TEXT         NOT NULL,
    egress_ip   VARCHAR(64),
    zone        VARCHAR(253),
    evidence    TEXT,
    cleared_at  VARCHAR(30),
    cleared_by  TEXT,
    PRIMARY KEY (provider, run_id, at)
);
CREATE INDEX provider_blocks_at ON provider_blocks (at);

-- Egress IPs the receivers named (the IP they judged), with where each was learned:
-- source 'dsn' (a refusal's diagnostic) or 'seed' (the Received: line of a seed that arrived).
CREATE TABLE egress_ips (
    ip          VARCHAR(64)  NOT NULL,
    source      VARCHAR(16)  NOT NULL,
    detail      TEXT,
    run_id      VARCHAR(200),
    first_seen  VARCHAR(30)  NOT NULL,
    last_seen   VARCHAR(30)  NOT NULL,
    PRIMARY KEY (ip, source)
);
