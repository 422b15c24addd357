-- Schema 11 (issue 19): a DSN or complaint keeps when the relay accepted the message it is about.
-- recipients.updated_at is the latest attempt's time: once a resume sends the member again it is
-- the re-send, and a report quoting it as "accepted by relay" would be wrong. accepted_at is taken
-- from the recipient's row when the report is journaled, if the relay's acceptance is then its
-- latest state; NULL otherwise (and in rows journaled before schema 11): not known.
ALTER TABLE downstream_verdicts ADD COLUMN accepted_at VARCHAR(30);
ALTER TABLE bounces ADD COLUMN accepted_at VARCHAR(30);
