-- Schema 12 (issue 22): a send's summary reads the member_needs_look events journaled since the
-- invocation began, in any run (a late report is journaled in the run it is about): by kind and
-- time, not by run, so the events table gets an index for that read instead of a scan at every send.
CREATE INDEX events_kind_at ON events (kind, at);
