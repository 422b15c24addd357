package org.listguard.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A run's counts, serialised (with {@code report.Json}) to exactly DESIGN.md's status shape:
 * {@code {"run","campaign","state","pause_reason","total","counts":{…},"actions":{…}}}.
 * {@code pause_reason} is always present (null when not paused).
 *
 * @param counts  every status key of the shape, in order, zero included: accepted, deferred,
 *                rejected, skipped, unknown, pending (pending + sending); plus failed (issue 13's extension)
 *                only when a recipient failed
 * @param actions every classifier action, zero included, by its JSON name
 */
@JsonPropertyOrder({"run", "campaign", "state", "pause_reason", "total", "counts", "actions"})
public record RunStatus(String run, String campaign, RunState state,
        @JsonInclude(JsonInclude.Include.ALWAYS) String pauseReason,
        long total, Map<String, Long> counts, Map<String, Long> actions) {
    public RunStatus {
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        actions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(actions));
    }

    public long count(String status) { return counts.getOrDefault(status, 0L); }
}
