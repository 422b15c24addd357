-- listguard journal, schema 2: bounce and complaint processing (`bounces process`, issue 5).
-- Portable SQL as in V1 (SQLite 3.35+ and PostgreSQL 12+).

-- Every report message whose consequences were applied, by key: its Message-ID, or
-- "sha256:<hex>" of its bytes when it has none. Processing the same message again (a second run,
-- a copy in another folder, a move that failed) finds the key and applies nothing twice.
-- outcome: a short JSON summary (run, seq, action per record) for the operator.
CREATE TABLE feedback_messages (
    message_key  VARCHAR(1000) NOT NULL PRIMARY KEY,
    source       TEXT          NOT NULL,
    processed_at VARCHAR(30)   NOT NULL,
    outcome      TEXT
);

-- The evidence of each bounce or complaint about one recipient of one run (hard, soft, complaint:
-- the member-side actions; reputation/sender/throttle/content reports are run events, never rows
-- here, DESIGN.md invariant 3). The recipient row keeps the relay's original reply (the accepted
-- evidence); its action/reason become the bounce's for hard and complaint.
-- at: when listguard processed it (UTC); source: the file or IMAP folder/UID it came from.
CREATE TABLE bounces (
    message_key   VARCHAR(1000) NOT NULL,
    run_id        VARCHAR(200)  NOT NULL REFERENCES runs (id),
    seq           BIGINT        NOT NULL,
    address       TEXT          NOT NULL,
    at            VARCHAR(30)   NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    action        VARCHAR(16)   NOT NULL CHECK (action IN ('hard', 'soft', 'complaint')),
    reason        VARCHAR(64),
    enhanced_code VARCHAR(16),
    reply_code    INTEGER,
    diagnostic    TEXT,
    remote_host   TEXT,
    source        TEXT          NOT NULL,
    PRIMARY KEY (message_key, run_id, seq)
);
-- the complaint rate of a run
CREATE INDEX bounces_run_action ON bounces (run_id, action);

-- bounce processing falls back to the original Message-ID when a report has no VERP token
CREATE INDEX recipients_message_id ON recipients (message_id);
