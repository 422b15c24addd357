-- listguard journal, schema 8 (issue 24): DMARC aggregate reports, as receivers sent them.
-- Portable SQL as in V1 (SQLite 3.35+ and PostgreSQL 12+).

-- One row per report, applied once: (org, report_id) is the report's identity (RFC 7489
-- appendix C; org lower-cased). begin_at/end_at: the report's date range (UTC). verified: 1 when
-- the message that carried it had a passing DKIM signature of the reporter's domain, or the
-- operator vouched for the file (verified_by says which); an unverified report is kept for the
-- operator and changes nothing. policy: policy_published as JSON. deviations: what the report did
-- that the schema does not allow and was tolerated. source: the file or mailbox message.
CREATE TABLE dmarc_reports (
    org          VARCHAR(253)  NOT NULL,
    report_id    VARCHAR(400)  NOT NULL,
    email        TEXT,
    begin_at     VARCHAR(30)   NOT NULL,
    end_at       VARCHAR(30)   NOT NULL,
    domain       VARCHAR(253),
    policy       TEXT,
    schema_ver   VARCHAR(16)   NOT NULL,
    verified     INTEGER       NOT NULL,
    verified_by  TEXT,
    source       TEXT          NOT NULL,
    received_at  VARCHAR(30)   NOT NULL,
    deviations   TEXT,
    PRIMARY KEY (org, report_id)
);
CREATE INDEX dmarc_reports_end ON dmarc_reports (end_at);

-- The report's records: per source IP, how many messages, DMARC's verdicts (disposition, dkim,
-- spf), the identifiers, every DKIM and SPF result as JSON ([{"domain","selector","result"}],
-- [{"domain","scope","result"}]), and listguard's class of the row: relay (a configured or
-- learned egress with our DKIM passing), new-egress (our DKIM and SPF passing from an IP we did
-- not know: the smart host's), forwarder (our DKIM passing, SPF not ours), dkim-fail (our
-- egress, our DKIM not passing), not-us (our domain without our DKIM: spoofing or a forgotten sender).
CREATE TABLE dmarc_rows (
    org           VARCHAR(253)  NOT NULL,
    report_id     VARCHAR(400)  NOT NULL,
    idx           INTEGER       NOT NULL,
    source_ip     VARCHAR(64)   NOT NULL,
    msg_count     BIGINT        NOT NULL,
    disposition   VARCHAR(16),
    dkim          VARCHAR(16),
    spf           VARCHAR(16),
    header_from   VARCHAR(253),
    envelope_from VARCHAR(253),
    dkim_results  TEXT,
    spf_results   TEXT,
    row_class     VARCHAR(16)   NOT NULL CHECK (row_class IN ('relay', 'new-egress', 'forwarder', 'dkim-fail', 'not-us')),
    PRIMARY KEY (org, report_id, idx),
    FOREIGN KEY (org, report_id) REFERENCES dmarc_reports (org, report_id)
);
CREATE INDEX dmarc_rows_ip ON dmarc_rows (source_ip);

-- Files and messages that were not used, with the reason (XXE, a bomb, not a report, …), kept
-- once per content (key: sha256 of the bytes).
CREATE TABLE dmarc_set_aside (
    content_key VARCHAR(80)  NOT NULL PRIMARY KEY,
    source      TEXT         NOT NULL,
    reason      TEXT         NOT NULL,
    at          VARCHAR(30)  NOT NULL
);
