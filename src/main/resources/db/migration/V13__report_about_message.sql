-- Schema 13: a DSN or complaint keeps the Message-ID of the message it is about (the one its
-- returned headers quote), when it quotes one. After a resume sends a member again, the row's
-- message_id is the re-send's; a late report about the first message must neither quote the
-- re-send's Message-ID nor the re-send's acceptance time: accepted_at is then NULL (not known), and
-- the views quote the report's own Message-ID. NULL: the report quoted none (or was journaled
-- before schema 13), and the row's Message-ID stands as before.
ALTER TABLE bounces ADD COLUMN about_message_id VARCHAR(1000);
ALTER TABLE downstream_verdicts ADD COLUMN about_message_id VARCHAR(1000);
