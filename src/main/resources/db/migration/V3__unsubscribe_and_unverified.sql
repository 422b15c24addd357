-- listguard journal, schema 3 (issue 11): unsubscribes, and reports that proved nothing.
-- Portable SQL as in V1 (SQLite 3.35+ and PostgreSQL 12+).

-- The suppression list learns a third reason to stop mailing a member: they asked to leave
-- (one-click, mailto, ARF opt-out). SQLite cannot change a CHECK constraint, so the table is
-- rebuilt with the same columns and rows.
CREATE TABLE suppressions_v3 (
    address_key VARCHAR(320) NOT NULL PRIMARY KEY,
    reason      TEXT         NOT NULL,
    action      VARCHAR(16)  NOT NULL CHECK (action IN ('hard', 'complaint', 'unsubscribe')),
    evidence    TEXT,
    source_run  VARCHAR(200),
    created_at  VARCHAR(30)  NOT NULL
);
INSERT INTO suppressions_v3 (address_key, reason, action, evidence, source_run, created_at)
    SELECT address_key, reason, action, evidence, source_run, created_at FROM suppressions;
DROP TABLE suppressions;
ALTER TABLE suppressions_v3 RENAME TO suppressions;

-- Each unsubscribe request that took effect, once per recipient of a run (a repeated click or
-- mail finds the row and changes nothing). channel: one-click (RFC 8058 POST), mailto
-- (bounces+u-TOKEN@…), opt-out (ARF feedback-type opt-out); origin: the client address of a
-- one-click POST, the mailbox source of a mail. at: UTC.
CREATE TABLE unsubscribes (
    run_id      VARCHAR(200) NOT NULL REFERENCES runs (id),
    seq         BIGINT       NOT NULL,
    address_key VARCHAR(320) NOT NULL,
    channel     VARCHAR(16)  NOT NULL CHECK (channel IN ('one-click', 'mailto', 'opt-out')),
    at          VARCHAR(30)  NOT NULL,
    origin      TEXT,
    PRIMARY KEY (run_id, seq)
);

-- Reports (DSN, ARF, unsubscribe mail) that no keyed token, Message-ID of ours or trusted
-- feedback-loop signature ties to a message we sent (DESIGN.md invariant 7): kept so the
-- operator can see them, never applied. One row per record of the report. run_id/seq: what an
-- unverifiable token (CRC-era, or one whose MAC failed) claims, not proof. why: the reason it
-- was not trusted.
CREATE TABLE unverified_reports (
    message_key VARCHAR(1000) NOT NULL,
    idx         INTEGER       NOT NULL,
    received_at VARCHAR(30)   NOT NULL,
    source      TEXT          NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    action      VARCHAR(16),
    recipient   TEXT,
    run_id      VARCHAR(200),
    seq         BIGINT,
    why         TEXT          NOT NULL,
    detail      TEXT,
    PRIMARY KEY (message_key, idx)
);
CREATE INDEX unverified_reports_run ON unverified_reports (run_id);
