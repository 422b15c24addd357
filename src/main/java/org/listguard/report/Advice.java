package org.listguard.report;

import java.util.List;

/**
 * One piece of advice for a paused run: who is blocking (or what went wrong), where to go, the
 * exact text to quote, and the steps — rendered by {@code status} (text, and JSON's {@code advice}).
 *
 * @param id     the advisor's id in advice.yaml ({@code delist:<zone>} for the zone catalog's, {@code resume})
 * @param title  one line
 * @param url    where to go (delisting or reset form, postmaster page), or null
 * @param quote  the exact reply or finding to quote, or null
 * @param at     when it happened (ISO-8601 UTC), or null
 * @param steps  what to do, in order
 * @param source where the advice comes from
 */
public record Advice(String id, String title, String url, String quote, String at, List<String> steps, String source) {
    public Advice {
        steps = List.copyOf(steps);
    }
}
