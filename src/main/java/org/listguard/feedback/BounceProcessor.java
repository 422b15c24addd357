package org.listguard.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.listguard.config.BounceSettings;
import org.listguard.events.RunRecord;
import org.listguard.guard.Provenance;
import org.listguard.reply.Action;
import org.listguard.journal.BounceEntry;
import org.listguard.journal.DownstreamEntry;
import org.listguard.journal.ComplaintRate;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.RelayAcceptance;
import org.listguard.journal.Timestamps;
import org.listguard.journal.UnverifiedReports;
import org.listguard.journal.Unsubscribes;
import org.listguard.unsubscribe.Unsubscriber;

/**
 * {@code bounces process}: reads every waiting message of the bounce mailbox, ties each report
 * to a message we sent ({@link RecipientMatcher}: a keyed VERP token or our Message-ID — never an
 * address alone; DESIGN.md invariant 7), says who proved it (that member, or a feedback loop whose
 * report proved itself the provider's, {@link FeedbackLoopChecker}; DESIGN.md invariant 11), and
 * applies the consequence of its action to that member only (DESIGN.md invariant 3):
 * <ul>
 *   <li>{@code hard}: the bounce is kept ({@link Journal#recordBounce}) and becomes the row's
 *       action; the member is suppressed when their evidence over runs says so ({@link MemberBounces},
 *       {@link EvidencePolicy}: at once only on definitive evidence, issue 22);</li>
 *   <li>{@code complaint}: the member is suppressed, journaled with its provenance; it counts
 *       toward the run's complaint rate when a feedback loop proved it, or when
 *       {@code guard.corroborate} distinct members complained by their own proof ({@link ComplaintRate});</li>
 *   <li>{@code soft}: the bounce is kept; no suppression;</li>
 *   <li>{@code reputation}, {@code sender}, {@code throttle}, {@code content}: an event of the
 *       run ("bounce-reputation"…) with the evidence — never against the member;</li>
 *   <li>for {@code reputation}, {@code sender} and {@code throttle} the member did not get the
 *       message, so an {@code accepted} row becomes {@code blocked} (sent again when the run
 *       resumes, DESIGN.md invariant 8) with the DSN's text, Reporting-MTA, Remote-MTA and time
 *       ({@link org.listguard.journal.Downstream#block}); a delay DSN never blocks;</li>
 *   <li>{@code unsubscribe} (ARF opt-out): the member is unsubscribed ({@link Unsubscriber}), not a complaint;</li>
 *   <li>{@code none} (auto-replies, delivery reports): nothing.</li>
 * </ul>
 * A member's mail to the mailto unsubscribe address {@code bounces+u-TOKEN@…} with a valid keyed
 * token unsubscribes them. A message with at least one verified record is applied in one journal
 * transaction together with its key, then marked processed in the mailbox; a report already in
 * the journal is not applied again (only marked). Records nothing ties to a message we sent are
 * kept in the journal's unverified reports and change nothing; such messages, and mail that is
 * not a report, are left untouched in the mailbox.
 */
public final class BounceProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Journal journal;
    private final BounceParser parser;
    private final BounceSettings limits;
    private final ReportAuthenticator auth;
    private final RecipientMatcher matcher;
    private final Unsubscriber unsubscriber;
    private final UnsubscribeMail mailto;
    private final MemberBounces members;
    private final Clock clock;
    private final int corroborate;

    /**
     * Without token keys: only reports quoting our Message-ID can be verified, so most DSNs stay
     * unverified. Use the constructor with {@link ReportAuthenticator#forConfig} instead.
     */
    public BounceProcessor(Journal journal, BounceParser parser, BounceSettings limits, Clock clock) {
        this(journal, parser, limits, clock, ReportAuthenticator.MESSAGE_ID_ONLY);
    }

    /** With {@code guard.corroborate} at its default ({@link org.listguard.config.Defaults#CORROBORATE}). */
    public BounceProcessor(Journal journal, BounceParser parser, BounceSettings limits, Clock clock, ReportAuthenticator auth) {
        this(journal, parser, limits, clock, auth, org.listguard.config.Defaults.CORROBORATE);
    }

    /**
     * @param corroborate {@code guard.corroborate}: distinct members whose own complaints make them count toward the rate
     *                    the summary reports ({@link ComplaintRate})
     */
    public BounceProcessor(Journal journal, BounceParser parser, BounceSettings limits, Clock clock, ReportAuthenticator auth,
                           int corroborate) {
        this(journal, parser, limits, clock, auth, corroborate, null);
    }

    /**
     * @param by the path this processor serves ({@code RunRecord.MemberNeedsLook.BY_SEND}: a send's
     *           return path; {@code BY_BOUNCES_PROCESS}: the command), kept in the "needs your look"
     *           events it journals, so a send's summary does not repeat what a cron pass told
     */
    public BounceProcessor(Journal journal, BounceParser parser, BounceSettings limits, Clock clock, ReportAuthenticator auth,
                           int corroborate, String by) {
        this.corroborate = corroborate;
        this.journal = journal;
        this.clock = clock;
        this.parser = parser;
        this.limits = limits;
        this.auth = auth;
        this.matcher = new RecipientMatcher(journal, auth.tokens());
        this.unsubscriber = new Unsubscriber(journal, auth.tokens(), clock);
        this.mailto = new UnsubscribeMail(journal, unsubscriber);
        this.members = new MemberBounces(journal, limits.score(), clock, by);
    }

    /** The members this processor suppressed on their bounce evidence, with why (issue 22). */
    public List<MemberBounces.Crossing> crossed() {
        return members.crossed();
    }

    /** The members this pass newly showed for the operator's look: refused run after run, but never suppressed on it (issue 22). */
    public List<MemberBounces.Crossing> flagged() {
        return members.flagged();
    }

    /**
     * Processes the mailbox once.
     *
     * @param campaigns campaigns whose complaint rate to report even when no report touched them
     * @throws MailboxException when the mailbox cannot be listed, read or updated (what was applied before stays applied)
     */
    public ProcessSummary process(BounceMailbox mailbox, Set<String> campaigns) throws MailboxException {
        return process(mailbox, campaigns, Listener.NONE);
    }

    /**
     * What one pass applied, report by report, for a reader that must act on it during a run
     * (send's return-path watcher): told only of consequences applied by this call (a report
     * already in the journal is not told again), of records not tied to a recipient of ours (a
     * seed's report is one: the watcher ties it to its seed by our unguessable Message-ID, and
     * ignores the rest), and of messages skipped as not reports.
     */
    public interface Listener {
        /** A verified record applied to its recipient in this pass (committed). */
        void applied(AppliedRecord record);

        /** A report record tied to no recipient row of ours (left in the mailbox). */
        default void unmatched(String source, BounceRecord record, String reportingMta) {}

        /** A message that is not a readable report (left in the mailbox), with why. */
        default void skipped(String source, String why) {}

        Listener NONE = r -> { };
    }

    /**
     * One record applied to one recipient: the report's key and source, the row, the record, the
     * DSN's Reporting-MTA, the IP/list the receiver named (null when none), and who proved it
     * ({@link Provenance.MemberReport}: that member's token or our Message-ID, which speaks for that
     * member only; {@link Provenance.FeedbackLoop}: a proven feedback loop).
     */
    public record AppliedRecord(String key, String source, String run, long seq, String address, BounceRecord record,
                                String reportingMta, NamedEgress.Named egress, Provenance provenance) {}

    /** Processes the mailbox once, telling {@code listener} what was applied (see {@link Listener}). */
    public ProcessSummary process(BounceMailbox mailbox, Set<String> campaigns, Listener listener) throws MailboxException {
        Tally t = new Tally();
        Set<String> touched = new LinkedHashSet<>(campaigns);
        for (MailboxMessage m : mailbox.messages()) {
            t.read++;
            byte[] data;
            try {
                data = mailbox.read(m);
            } catch (MessageTooLarge e) { // set aside unread, never retried for ever (issue 13)
                t.unrelated.add(new ProcessSummary.Unrelated(m.source(), e.getMessage() + "; set aside: " + mailbox.setAside(m, e.getMessage())));
                continue;
            }
            MessageOutcome o = processMessage(m.source(), data, listener);
            switch (o.kind()) {
                case ALREADY_PROCESSED -> t.already++;
                case APPLIED -> t.matched++;
                case UNSUBSCRIBED -> {
                    t.matched++;
                    if (o.applied().get(0).newSuppressed()) t.unsubscribed++;
                }
                case UNVERIFIED -> t.unmatched.add(m.source());
                case NOT_A_REPORT -> {
                    t.unrelated.add(new ProcessSummary.Unrelated(m.source(), o.why()));
                    listener.skipped(m.source(), o.why());
                }
            }
            for (MessageOutcome.UnverifiedRecord u : o.unverified()) {
                t.unverified.add(new ProcessSummary.Unverified(m.source(), u.kind(), u.recipient(), u.why(), u.claimedRun()));
            }
            for (MessageOutcome.AppliedRecord a : o.applied()) {
                touched.add(campaignOf(a.run()));
                if (o.kind() == MessageOutcome.Kind.APPLIED) {
                    t.actions.merge(a.action(), 1L, Long::sum);
                    if (a.newSuppressed()) t.suppressed++;
                    if (a.newComplaint()) t.complaints++;
                    if (a.action() == Action.UNSUBSCRIBE && a.newSuppressed()) t.unsubscribed++;
                }
            }
            if (o.verified()) mailbox.markProcessed(m);
            else if (o.kind() == MessageOutcome.Kind.UNVERIFIED && rereadable(data)) mailbox.unapplied(m); // may be verified later
            else mailbox.left(m); // read once: a mailbox with read marks does not list it again (issue 21)
        }
        List<ProcessSummary.Rate> rates = new ArrayList<>();
        for (String c : touched) {
            if (c == null) continue;
            Optional<ComplaintRate> rate = journal.feedback().complaintRate(c, corroborate);
            rate.ifPresent(r -> rates.add(new ProcessSummary.Rate(r, ComplaintLevel.of(r, limits))));
        }
        return new ProcessSummary(mailbox.describe(), t.read, t.matched, t.already, t.actions, t.suppressed, t.complaints,
                t.unmatched, t.unrelated, rates, t.unverified, t.unsubscribed);
    }

    /**
     * How long an unverified report stays re-readable by {@code bounces process} (issue 21): long
     * enough for what can verify it later (a token key restored from a backup, an egress learned
     * from a seed, a DSN or the next days' DMARC reports), short enough that report-shaped junk,
     * which anyone can mail to the return path, is not read at every pass for ever.
     */
    static final java.time.Duration REREAD_FOR = java.time.Duration.ofDays(14);

    /** Whether an unverified report was first kept less than {@link #REREAD_FOR} ago (never kept: no). */
    private boolean rereadable(byte[] data) {
        return journal.unverifiedReports().firstSeen(MessageKey.of(data))
                .map(first -> first.plus(REREAD_FOR).isAfter(clock.instant())).orElse(false);
    }

    /**
     * Processes one message of the return path against the journal (the mailbox is the caller's):
     * applies what a verified report says, keeps unverified records, and says which it was.
     * Idempotent by the message's key. Never throws for bad input (DESIGN.md invariant 9).
     */
    public MessageOutcome processMessage(String source, byte[] data) {
        return processMessage(source, data, Listener.NONE);
    }

    /** As {@link #processMessage(String, byte[])}, telling {@code listener} what it applied. */
    public MessageOutcome processMessage(String source, byte[] data, Listener listener) {
        String key = MessageKey.of(data);
        if (journal.feedback().processed(key)) {
            return new MessageOutcome(source, MessageOutcome.Kind.ALREADY_PROCESSED, List.of(), List.of(), null);
        }
        Optional<String> unsubscribe = UnsubscribeMail.token(data);
        if (unsubscribe.isPresent()) return mailto.apply(key, source, unsubscribe.get());
        ParseResult parsed;
        try {
            parsed = parser.parse(source, data);
        } catch (RuntimeException | StackOverflowError e) { // a hostile message never stops the pass (DESIGN.md invariant 9)
            parsed = new ParseResult.Failed(source, "unreadable message: " + e.getClass().getSimpleName());
        }
        if (parsed instanceof ParseResult.Failed f) return new MessageOutcome(source, MessageOutcome.Kind.NOT_A_REPORT, List.of(), List.of(), f.error());
        List<BounceRecord> records = ((ParseResult.Parsed) parsed).records();
        if (records.isEmpty()) {
            return new MessageOutcome(source, MessageOutcome.Kind.NOT_A_REPORT, List.of(), List.of(), "no recipient in the report");
        }
        return processRecords(key, source, data, records, listener);
    }

    /** Authenticates and applies the parsed records of one report (key not yet processed). */
    MessageOutcome processRecords(String key, String source, byte[] data, List<BounceRecord> records) {
        return processRecords(key, source, data, records, Listener.NONE);
    }

    private MessageOutcome processRecords(String key, String source, byte[] data, List<BounceRecord> records, Listener listener) {
        String reportingMta = reportingMta(data);
        boolean stillTrying = stillTrying(data);
        boolean arf = records.stream().anyMatch(r -> "arf".equals(r.kind()));
        FeedbackLoopProof proof = auth.feedbackLoop(data, arf, this::learnedEgress);
        List<Applied> applied = new ArrayList<>();
        List<MessageOutcome.UnverifiedRecord> unverified = new ArrayList<>();
        List<BounceRecord> unverifiedRecords = new ArrayList<>();
        for (BounceRecord r : records) {
            RecipientMatcher.Verdict v = matcher.match(r, proof);
            if (v instanceof RecipientMatcher.Verdict.Verified ok) {
                applied.add(new Applied(r, ok, reportingMta, stillTrying));
            } else {
                RecipientMatcher.Verdict.Unverified u = (RecipientMatcher.Verdict.Unverified) v;
                unverified.add(new MessageOutcome.UnverifiedRecord(r.kind(), r.recipient(), r.action(), u.why(), u.claimedRun(), u.claimedSeq()));
                unverifiedRecords.add(r);
                listener.unmatched(source, r, reportingMta);
            }
        }
        keepUnverified(key, source, unverified, unverifiedRecords);
        if (applied.isEmpty()) return new MessageOutcome(source, MessageOutcome.Kind.UNVERIFIED, List.of(), unverified, null);
        List<MessageOutcome.AppliedRecord> done = new ArrayList<>();
        boolean fresh = journal.atomically(() -> apply(key, source, applied, done));
        if (fresh) {
            for (Applied a : applied) {
                RecipientRow row = a.match().row();
                listener.applied(new AppliedRecord(key, source, row.run(), row.seq(), address(a.record(), row), a.record(),
                        reportingMta, NamedEgress.in(a.record().diagnostic()).orElse(null), a.match().provenance()));
            }
        }
        return fresh ? new MessageOutcome(source, MessageOutcome.Kind.APPLIED, done, unverified, null)
                : new MessageOutcome(source, MessageOutcome.Kind.ALREADY_PROCESSED, List.of(), unverified, null);
    }

    /** The egress IPs the journal learned (an ARF report's Source-IP may name one). */
    private java.util.Collection<String> learnedEgress() {
        return journal.downstream().egressIps().stream() // only IPs learned from a source no member can forge (EgressPolicy)
                .filter(e -> org.listguard.guard.EgressPolicy.audited(e.source(), e.ip())).map(org.listguard.journal.EgressIp::ip).toList();
    }

    /** Keeps the unverified records in the journal (once per record of the message): evidence for the operator, no consequence. */
    private void keepUnverified(String key, String source, List<MessageOutcome.UnverifiedRecord> unverified, List<BounceRecord> records) {
        for (int i = 0; i < unverified.size(); i++) {
            MessageOutcome.UnverifiedRecord u = unverified.get(i);
            BounceRecord r = records.get(i);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", r.status());
            detail.put("diagnostic", r.diagnostic());
            detail.put("remote_host", r.remoteHost());
            detail.put("reason", r.reason());
            detail.put("token", r.verpToken());
            detail.put("original_message_id", r.originalMessageId());
            detail.values().removeIf(java.util.Objects::isNull);
            journal.unverifiedReports().add(new UnverifiedReports.Entry(key, i, source, u.kind(), u.action() == null ? null : u.action().json(),
                    u.recipient(), u.claimedRun(), u.claimedSeq(), u.why(), json(detail)));
        }
    }

    private record Applied(BounceRecord record, RecipientMatcher.Verdict.Verified match, String reportingMta, boolean stillTrying) {}

    private static final java.util.regex.Pattern ACTION_DELAYED = java.util.regex.Pattern.compile("(?im)^Action:[ \\t]*delayed");
    private static final java.util.regex.Pattern ACTION_FAILED = java.util.regex.Pattern.compile("(?im)^Action:[ \\t]*failed");

    /**
     * A delay DSN (RFC 3464 s2.3.3 Action: delayed, and no failed recipient): the smart host still
     * holds the message and keeps trying, so the member must not be sent it again.
     */
    static boolean stillTrying(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 65536), java.nio.charset.StandardCharsets.ISO_8859_1);
        return ACTION_DELAYED.matcher(head).find() && !ACTION_FAILED.matcher(head).find();
    }

    private static final java.util.regex.Pattern REPORTING_MTA =
            java.util.regex.Pattern.compile("(?im)^Reporting-MTA:[ \\t]*(?:dns;[ \\t]*)?([^\\s;]{1,253})");

    /** The DSN's Reporting-MTA (RFC 3464 s2.2.2), from the first 64 KiB, or null. */
    static String reportingMta(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 65536), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = REPORTING_MTA.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /** Mutable counts of one pass. */
    private static final class Tally {
        int read, matched, already, suppressed, complaints, unsubscribed;
        final Map<Action, Long> actions = new EnumMap<>(Action.class);
        final List<String> unmatched = new ArrayList<>();
        final List<ProcessSummary.Unrelated> unrelated = new ArrayList<>();
        final List<ProcessSummary.Unverified> unverified = new ArrayList<>();

        Tally() {
            for (Action a : Action.values()) actions.put(a, 0L);
        }
    }

    /** Applies one report's verified records; false (and nothing done) when its key is already recorded. */
    private boolean apply(String key, String source, List<Applied> applied, List<MessageOutcome.AppliedRecord> done) {
        List<Map<String, Object>> outcome = new ArrayList<>();
        for (Applied a : applied) {
            outcome.add(Map.of("run", a.match().row().run(), "seq", a.match().row().seq(), "action", a.record().action().json(),
                    "matched_by", a.match().by()));
        }
        if (!journal.feedback().markProcessed(key, source, json(outcome))) return false;
        for (Applied a : applied) {
            BounceRecord r = a.record();
            RecipientRow row = a.match().row();
            Action action = r.action();
            // every member-side report is the member's evidence; only that evidence, over runs, suppresses (issue 22)
            boolean suppressed = members.record(key, source, r, row, a.match().by(), a.reportingMta()), complaint = false;
            if (action == Action.HARD || action == Action.COMPLAINT || action == Action.SOFT) {
                boolean fresh = journal.feedback().recordBounce(new BounceEntry(key, row.run(), row.seq(), address(r, row), r.kind(), action,
                        r.reason(), r.status(), r.replyCode(), r.diagnostic(), r.remoteHost(), source).provenBy(a.match().provenance().kind(),
                        a.match().provenance() instanceof Provenance.FeedbackLoop f ? f.provider() : null).about(RelayAcceptance.ours(r.originalMessageId(), row.messageId())));
                if (fresh && action == Action.HARD) journal.feedback().recordLaterAction(row.run(), row.seq(), action, r.reason());
                if (fresh && action == Action.COMPLAINT) {
                    journal.feedback().recordLaterAction(row.run(), row.seq(), action, r.reason());
                    complaint = action == Action.COMPLAINT;
                    suppressed = !journal.suppressions().isSuppressed(row.emailKey());
                    journal.suppressions().add(row.email(), r.reason() == null ? action.json() : r.reason(), action,
                            json(evidence(key, source, r, row, a.match().by())), row.run());
                }
            } else if (action == Action.UNSUBSCRIBE) { // ARF feedback-type: opt-out: the member leaves; not a complaint
                suppressed = !journal.suppressions().isSuppressed(row.emailKey());
                unsubscriber.applyInTransaction(row, Unsubscribes.Channel.OPT_OUT, source);
            } else if (action != Action.NONE) {
                journal.runEvents().append(row.run(), new RunRecord.Bounce(action, r.reason(), address(r, row), r.status(),
                        r.replyCode() != 0 ? r.replyCode() : null, r.diagnostic(), r.remoteHost(), r.kind(), key, source, row.run(),
                        row.seq(), a.match().by(), Timestamps.format(clock.instant()), a.reportingMta(), a.stillTrying() ? "delayed" : null));
                // a delay DSN is evidence for the guard, but the relay still holds the message: nobody is blocked
                if (!a.stillTrying() && action.senderSide()) {
                    // DESIGN.md invariant 8: the member did not get it; they wait, never suppressed
                    NamedEgress.Named named = NamedEgress.in(r.diagnostic()).orElse(null);
                    journal.downstream().block(new DownstreamEntry(key, row.run(), row.seq(), action, r.reason(), r.status(),
                            r.replyCode(), r.diagnostic(), a.reportingMta(), r.remoteHost(), named == null ? null : named.ip(),
                            named == null ? null : named.zone(), source, RelayAcceptance.ours(r.originalMessageId(), row.messageId())));
                }
            }
            done.add(new MessageOutcome.AppliedRecord(row.run(), row.seq(), address(r, row), action, a.match().by(), suppressed, complaint, r));
        }
        return true;
    }

    /** The evidence a delisting form or an operator asks for: what the receiver said, where, when, and in which message. */
    private Map<String, Object> evidence(String key, String source, BounceRecord r, RecipientRow row, String matchedBy) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("action", r.action().json());
        e.put("reason", r.reason());
        e.put("recipient", address(r, row));
        e.put("status", r.status());
        if (r.replyCode() != 0) e.put("reply_code", r.replyCode());
        e.put("diagnostic", r.diagnostic());
        e.put("remote_host", r.remoteHost());
        e.put("kind", r.kind());
        e.put("report", key);
        e.put("source", source);
        e.put("run", row.run());
        e.put("seq", row.seq());
        e.put("matched_by", matchedBy);
        e.put("processed_at", Timestamps.format(clock.instant()));
        e.values().removeIf(java.util.Objects::isNull);
        return e;
    }

    private static String address(BounceRecord r, RecipientRow row) {
        return r.recipient() != null ? r.recipient() : row.email();
    }

    private String campaignOf(String run) {
        return journal.runs().get(run).map(org.listguard.journal.Run::campaign).orElse(null);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write evidence as JSON", e);
        }
    }
}
