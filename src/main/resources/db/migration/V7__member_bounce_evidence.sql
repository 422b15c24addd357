-- listguard journal, schema 7: each member's bounce evidence across runs (issue 22).
-- Portable SQL as in V1 (SQLite 3.35+ and PostgreSQL 12+).

-- Every verified report about a member (DSN, non-standard notice, SES notification), whatever
-- its action: the policy (feedback.EvidencePolicy) reads the whole history to decide whether the
-- member is suppressed, and `members show` quotes it. address_key: the list's address of the
-- member (journal.Suppressions#key); at: when listguard read the report (UTC); status_from:
-- 'status' when the enhanced code is the DSN's structured Status: field, 'text' when it was read
-- from the receiver's words; stage: the SMTP stage the reply answered (RCPT, DATA_END, UNKNOWN…).
CREATE TABLE member_bounce_evidence (
    message_key   VARCHAR(1000) NOT NULL,
    run_id        VARCHAR(200)  NOT NULL REFERENCES runs (id),
    seq           BIGINT        NOT NULL,
    address_key   TEXT          NOT NULL,
    at            VARCHAR(30)   NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    action        VARCHAR(16)   NOT NULL,
    reason        VARCHAR(64),
    rule          VARCHAR(200),
    enhanced_code VARCHAR(16),
    status_from   VARCHAR(8),
    reply_code    INTEGER,
    stage         VARCHAR(16),
    reporting_mta TEXT,
    remote_mta    TEXT,
    diagnostic    TEXT,
    source        TEXT          NOT NULL,
    PRIMARY KEY (message_key, run_id, seq)
);
CREATE INDEX member_bounce_evidence_member ON member_bounce_evidence (address_key, at);

-- An operator's un-suppression (`suppression remove`): the member starts a clean record; evidence
-- read before it stays as history and no longer counts.
CREATE TABLE member_evidence_resets (
    address_key TEXT        NOT NULL,
    at          VARCHAR(30) NOT NULL,
    by_whom     TEXT        NOT NULL,
    PRIMARY KEY (address_key, at)
);
