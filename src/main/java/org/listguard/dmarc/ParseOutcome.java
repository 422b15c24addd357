package org.listguard.dmarc;

import java.util.List;

/** What reading one report gave: the report (with the deviations from the schema it tolerated), or why it was set aside. */
public sealed interface ParseOutcome {
    /** @param deviations what the report did that the schema does not allow and was tolerated, in plain words */
    record Parsed(AggregateReport report, List<String> deviations) implements ParseOutcome {
        public Parsed {
            deviations = List.copyOf(deviations);
        }
    }

    /** Not a report listguard will use; {@code reason} says why, for the operator. */
    record SetAside(String reason) implements ParseOutcome {}
}
