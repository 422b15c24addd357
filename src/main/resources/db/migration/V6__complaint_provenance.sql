-- listguard journal, schema 6 (issue 18): who proved each bounce and complaint.
-- Portable SQL as in V1 (SQLite 3.35+ and PostgreSQL 12+).

-- provenance: 'member' (the member's keyed token or our Message-ID: it proves "this concerns that
-- member", not that an MTA wrote it; DESIGN.md invariant 11) or 'feedback-loop' (an ARF report
-- proven as the provider's: its DKIM signature, the RFC 5965 shape and our own signature still
-- verifying on the enclosed original). provider: the feedback-loop program, for 'feedback-loop'.
-- A complaint counts toward a run's complaint rate when a feedback loop proved it; member-proven
-- complaints count only when at least guard.corroborate distinct members complained in that run.
-- Rows written before this schema were tied by token, Message-ID or a feedback source's d= and
-- the address alone, none of which proves a feedback loop: they become 'member'.
ALTER TABLE bounces ADD COLUMN provenance VARCHAR(16) NOT NULL DEFAULT 'member'
    CHECK (provenance IN ('member', 'feedback-loop'));
ALTER TABLE bounces ADD COLUMN provider VARCHAR(64);
