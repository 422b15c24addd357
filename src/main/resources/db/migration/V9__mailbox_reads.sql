-- listguard journal, schema 9 (issue 21): what a return-path reader already read, so a look costs
-- work proportional to the new messages. Portable SQL as in V1 (SQLite 3.35+ and PostgreSQL 12+).

-- Messages read and left in a Maildir (junk, reports tied to nothing of ours, and in flag mode
-- the processed ones that stay): reader is the mailbox as the reader names it ("bounces maildir:"
-- and the absolute path), name the Maildir unique name (the file name up to ":2,", stable when a
-- mail reader moves it from new/ to cur/ or changes its flags). Rows of files gone are dropped.
CREATE TABLE mailbox_left (
    reader   VARCHAR(1000) NOT NULL,
    name     VARCHAR(400)  NOT NULL,
    left_at  VARCHAR(30)   NOT NULL,
    PRIMARY KEY (reader, name)
);

-- An IMAP folder read up to a UID: every message with a UID up to last_uid under uid_validity
-- was read (and processed, set aside or left). A new UIDVALIDITY means a full read again.
CREATE TABLE mailbox_uid_marks (
    reader        VARCHAR(1000) NOT NULL PRIMARY KEY,
    uid_validity  BIGINT        NOT NULL,
    last_uid      BIGINT        NOT NULL,
    at            VARCHAR(30)   NOT NULL
);
