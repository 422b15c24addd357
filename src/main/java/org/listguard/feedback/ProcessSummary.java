package org.listguard.feedback;

import java.util.List;
import java.util.Map;
import org.listguard.reply.Action;
import org.listguard.journal.ComplaintRate;

/**
 * What one {@code bounces process} did.
 *
 * @param read             messages looked at
 * @param matched          messages with at least one record tied to a run and recipient: applied and marked processed
 * @param alreadyProcessed messages whose key the journal already had: nothing applied again, marked processed again
 * @param actions          applied records per action (every action present, 0 when none)
 * @param suppressed       addresses newly put on the suppression list
 * @param complaints       complaints newly counted
 * @param unmatched        messages read as reports but tied to no message we sent (unverified): journaled, left alone (their sources)
 * @param unrelated        messages that are not reports at all (parse failures, no recipient): left alone, with why
 * @param rates            the complaint rate of the latest run of each campaign asked about or touched
 * @param unverified       records nothing ties to a message we sent (DESIGN.md invariant 7): journaled, changed nothing
 * @param unsubscribed     members newly unsubscribed (mailto and ARF opt-out)
 */
public record ProcessSummary(String mailbox, int read, int matched, int alreadyProcessed, Map<Action, Long> actions,
                             int suppressed, int complaints, List<String> unmatched, List<Unrelated> unrelated,
                             List<Rate> rates, List<Unverified> unverified, int unsubscribed) {
    public ProcessSummary {
        actions = Map.copyOf(actions);
        unmatched = List.copyOf(unmatched);
        unrelated = List.copyOf(unrelated);
        rates = List.copyOf(rates);
        unverified = List.copyOf(unverified);
    }

    public ProcessSummary(String mailbox, int read, int matched, int alreadyProcessed, Map<Action, Long> actions,
                          int suppressed, int complaints, List<String> unmatched, List<Unrelated> unrelated, List<Rate> rates) {
        this(mailbox, read, matched, alreadyProcessed, actions, suppressed, complaints, unmatched, unrelated, rates, List.of(), 0);
    }

    /** One record of a report nothing ties to a message we sent; {@code claimedRun}: what an unverifiable token names, or null. */
    public record Unverified(String source, String kind, String recipient, String why, String claimedRun) {}

    public record Unrelated(String source, String why) {}

    public record Rate(ComplaintRate rate, ComplaintLevel level) {}

    public long count(Action a) { return actions.getOrDefault(a, 0L); }

    /** This summary with {@code skipped} (passed over on their headers alone, {@link HeadersFirst}) read and unrelated too. */
    public ProcessSummary withSkipped(List<Unrelated> skipped) {
        if (skipped.isEmpty()) return this;
        List<Unrelated> all = new java.util.ArrayList<>(skipped);
        all.addAll(unrelated);
        return new ProcessSummary(mailbox, read + skipped.size(), matched, alreadyProcessed, actions, suppressed, complaints, unmatched,
                all, rates, unverified, unsubscribed);
    }
}
