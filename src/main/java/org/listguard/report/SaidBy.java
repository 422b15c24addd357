package org.listguard.report;

import java.util.Map;
import org.listguard.events.RunRecord;

/**
 * Who said what a journaled record reports, in words for the evidence packet: the relay's reply
 * in our session, our seed, one member's report, a proven feedback loop, a verified DMARC report,
 * the operator or listguard's own check ({@link RunRecord#provenance()}). A delisting or support
 * form weighs a receiver's own words differently from one member's forwarded report.
 */
final class SaidBy {
    private static final Map<String, String> WORDS = Map.of(
            RunRecord.RELAY, "the relay's reply",
            RunRecord.SEED, "our seed",
            RunRecord.MEMBER, "one member's report",
            RunRecord.FEEDBACK_LOOP, "a proven feedback loop",
            RunRecord.DMARC, "a verified DMARC report",
            RunRecord.OPERATOR, "the operator",
            RunRecord.OWN_LOOKUP, "listguard's own check");

    /** For a decision over several reports: each piece of its evidence names its own source. */
    static final String SEVERAL = "the guard, over several reports (see each piece of evidence)";

    private SaidBy() {}

    static String words(RunRecord r) {
        return r.provenance().map(p -> WORDS.getOrDefault(p, p)).orElse(SEVERAL);
    }
}
