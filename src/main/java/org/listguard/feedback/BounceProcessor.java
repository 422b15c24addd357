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
import org.listguard.deliver.classify.Action;
import org.listguard.journal.BounceEntry;
import org.listguard.journal.ComplaintRate;
import org.listguard.journal.DownstreamEntry;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.Timestamps;

/**
 * {@code bounces process}: reads every waiting message of the bounce mailbox, ties each report
 * to its run and recipient ({@link RecipientMatcher}), and applies the consequence of its action
 * — only that one (DESIGN.md invariant 3):
 * <ul>
 *   <li>{@code hard}: the member is suppressed with the evidence; the bounce is kept
 *       ({@link Journal#recordBounce}) and becomes the row's action;</li>
 *   <li>{@code complaint}: the same, and it counts toward the run's complaint rate;</li>
 *   <li>{@code soft}: the bounce is kept; no suppression;</li>
 *   <li>{@code reputation}, {@code sender}, {@code throttle}, {@code content}: an event of the
 *       run ("bounce-reputation"…) with the evidence — never a suppression; for reputation, sender
 *       and throttle the member did not get the message, so an {@code accepted} row becomes
 *       {@code blocked} (sent again when the run resumes, DESIGN.md invariant 8) with the DSN's
 *       text, Reporting-MTA, Remote-MTA and time ({@link org.listguard.journal.Downstream#block});</li>
 *   <li>{@code none} (auto-replies, delivery reports): nothing.</li>
 * </ul>
 * A message with at least one matched record is applied in one journal transaction together with
 * its key, then marked processed in the mailbox; a report already in the journal is not applied
 * again (only marked). Messages that are not reports, or that match no run, are left untouched.
 */
public final class BounceProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Journal journal;
    private final BounceParser parser;
    private final BounceSettings limits;
    private final RecipientMatcher matcher;
    private final Clock clock;

    public BounceProcessor(Journal journal, BounceParser parser, BounceSettings limits, Clock clock) {
        this.journal = journal;
        this.clock = clock;
        this.parser = parser;
        this.limits = limits;
        this.matcher = new RecipientMatcher(journal);
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
     * already in the journal is not told again), of records tied to no recipient (a seed's report
     * is one), and of messages skipped as not reports.
     */
    public interface Listener {
        /** A record applied to its recipient in this pass (committed). */
        void applied(AppliedRecord record);

        /** A report record that matched no recipient row (left in the mailbox). */
        default void unmatched(String source, BounceRecord record, String reportingMta) {}

        /** A message that is not a readable report (left in the mailbox), with why. */
        default void skipped(String source, String why) {}

        Listener NONE = r -> { };
    }

    /**
     * One record applied to one recipient: the report's key and source, the row, the record, the
     * DSN's Reporting-MTA and the IP/list the receiver named (null when none).
     */
    public record AppliedRecord(String key, String source, String run, long seq, String address, BounceRecord record,
                                String reportingMta, NamedEgress.Named egress) {}

    /** Processes the mailbox once, telling {@code listener} what was applied (see {@link Listener}). */
    public ProcessSummary process(BounceMailbox mailbox, Set<String> campaigns, Listener listener) throws MailboxException {
        Tally t = new Tally();
        Set<String> touched = new LinkedHashSet<>(campaigns);
        for (MailboxMessage m : mailbox.messages()) {
            t.read++;
            byte[] data = mailbox.read(m);
            String key = MessageKey.of(data);
            if (journal.feedbackProcessed(key)) {
                t.already++;
                mailbox.markProcessed(m);
                continue;
            }
            ParseResult parsed;
            try {
                parsed = parser.parse(m.source(), data);
            } catch (RuntimeException e) { // a hostile message never stops the pass (DESIGN.md invariant 9)
                parsed = new ParseResult.Failed(m.source(), "unreadable message: " + e.getClass().getSimpleName());
            }
            if (parsed instanceof ParseResult.Failed f) {
                t.unrelated.add(new ProcessSummary.Unrelated(m.source(), f.error()));
                listener.skipped(m.source(), f.error());
                continue;
            }
            List<BounceRecord> records = ((ParseResult.Parsed) parsed).records();
            if (records.isEmpty()) {
                t.unrelated.add(new ProcessSummary.Unrelated(m.source(), "no recipient in the report"));
                listener.skipped(m.source(), "no recipient in the report");
                continue;
            }
            String reportingMta = reportingMta(data);
            boolean stillTrying = stillTrying(data);
            List<Applied> applied = new ArrayList<>();
            for (BounceRecord r : records) {
                Optional<RecipientMatcher.Match> match = matcher.match(r, records.size());
                if (match.isPresent()) applied.add(new Applied(r, match.get(), reportingMta, stillTrying));
                else listener.unmatched(m.source(), r, reportingMta);
            }
            if (applied.isEmpty()) {
                t.unmatched.add(m.source());
                continue;
            }
            boolean fresh = journal.atomically(() -> apply(key, m.source(), applied, t));
            if (fresh) {
                t.matched++;
                for (Applied a : applied) {
                    RecipientRow row = a.match().row();
                    listener.applied(new AppliedRecord(key, m.source(), row.run(), row.seq(), address(a.record(), row), a.record(),
                            reportingMta, NamedEgress.in(a.record().diagnostic()).orElse(null)));
                }
            } else {
                t.already++;
            }
            for (Applied a : applied) touched.add(campaignOf(a.match().row().run()));
            mailbox.markProcessed(m);
        }
        List<ProcessSummary.Rate> rates = new ArrayList<>();
        for (String c : touched) {
            if (c == null) continue;
            Optional<ComplaintRate> rate = journal.complaintRate(c);
            rate.ifPresent(r -> rates.add(new ProcessSummary.Rate(r, ComplaintLevel.of(r, limits))));
        }
        return new ProcessSummary(mailbox.describe(), t.read, t.matched, t.already, t.actions, t.suppressed, t.complaints,
                t.unmatched, t.unrelated, rates);
    }

    private record Applied(BounceRecord record, RecipientMatcher.Match match, String reportingMta, boolean stillTrying) {}

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

    /** Mutable counts of one pass; changed only inside a committed transaction or for untouched messages. */
    private static final class Tally {
        int read, matched, already, suppressed, complaints;
        final Map<Action, Long> actions = new EnumMap<>(Action.class);
        final List<String> unmatched = new ArrayList<>();
        final List<ProcessSummary.Unrelated> unrelated = new ArrayList<>();

        Tally() {
            for (Action a : Action.values()) actions.put(a, 0L);
        }
    }

    /** Applies one report's matched records; false (and nothing done) when its key is already recorded. */
    private boolean apply(String key, String source, List<Applied> applied, Tally t) {
        List<Map<String, Object>> outcome = new ArrayList<>();
        for (Applied a : applied) {
            outcome.add(Map.of("run", a.match().row().run(), "seq", a.match().row().seq(), "action", a.record().action().json(),
                    "matched_by", a.match().by()));
        }
        if (!journal.markFeedbackProcessed(key, source, json(outcome))) return false;
        Map<Action, Long> counted = new EnumMap<>(Action.class);
        int suppressed = 0, complaints = 0;
        for (Applied a : applied) {
            BounceRecord r = a.record();
            RecipientRow row = a.match().row();
            Action action = r.action();
            counted.merge(action, 1L, Long::sum);
            if (action == Action.HARD || action == Action.COMPLAINT || action == Action.SOFT) {
                boolean fresh = journal.recordBounce(new BounceEntry(key, row.run(), row.seq(), address(r, row), r.kind(), action,
                        r.reason(), r.status(), r.replyCode(), r.diagnostic(), r.remoteHost(), source));
                if (!fresh || action == Action.SOFT) continue;
                journal.recordLaterAction(row.run(), row.seq(), action, r.reason());
                if (action == Action.COMPLAINT) complaints++;
                if (!journal.suppressions().isSuppressed(row.emailKey())) suppressed++;
                journal.suppressions().add(row.email(), r.reason() == null ? action.json() : r.reason(), action,
                        json(evidence(key, source, r, row, a.match().by())), row.run());
            } else if (action != Action.NONE) {
                Map<String, Object> detail = evidence(key, source, r, row, a.match().by());
                if (a.reportingMta() != null) detail.put("reporting_mta", a.reportingMta());
                if (a.stillTrying()) detail.put("dsn_action", "delayed");
                journal.addEvent(row.run(), "bounce-" + action.json(), json(detail));
                // a delay DSN is evidence for the guard, but the relay still holds the message: nobody is blocked
                if (!a.stillTrying() && (action == Action.REPUTATION || action == Action.SENDER || action == Action.THROTTLE)) {
                    // DESIGN.md invariant 8: the member did not get it; they wait, never suppressed
                    NamedEgress.Named named = NamedEgress.in(r.diagnostic()).orElse(null);
                    journal.downstream().block(new DownstreamEntry(key, row.run(), row.seq(), action, r.reason(), r.status(),
                            r.replyCode(), r.diagnostic(), a.reportingMta(), r.remoteHost(), named == null ? null : named.ip(),
                            named == null ? null : named.zone(), source));
                }
            }
        }
        // counted only once the transaction is sure to commit (the last statement has run)
        counted.forEach((a, n) -> t.actions.merge(a, n, Long::sum));
        t.suppressed += suppressed;
        t.complaints += complaints;
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
        return journal.run(run).map(org.listguard.journal.Run::campaign).orElse(null);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write evidence as JSON", e);
        }
    }
}
