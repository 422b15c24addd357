package org.listguard.send;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.listguard.guard.Seed;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientStatus;

/**
 * Unconfirmed is not delivered (issue 19): when the seeds at a receiving provider never arrive
 * (silent discard suspected), every member of the run the relay accepted for that provider is
 * journaled {@code unconfirmed} with the seed that says why. They count as unconfirmed in every
 * view, never as accepted, and are sent again only with {@code send --resend-unconfirmed}.
 */
final class Unconfirmed {
    private Unconfirmed() {}

    /**
     * Marks the accepted members of the providers of {@code missing} unconfirmed; returns how many
     * per provider (empty when none).
     */
    static Map<String, Integer> mark(Journal journal, String runId, List<Seed> missing, Function<String, String> providerOf) {
        Map<String, String> why = new java.util.LinkedHashMap<>();
        for (Seed s : missing) {
            String provider = providerOf == null ? s.domain() : providerOf.apply(s.domain());
            why.merge(provider, s.address(), (a, b) -> a + ", " + b);
        }
        if (why.isEmpty()) return Map.of();
        List<long[]> rows = new ArrayList<>();
        List<String> providers = new ArrayList<>();
        journal.recipients().each(runId, EnumSet.of(RecipientStatus.ACCEPTED), row -> {
            String domain = row.email().substring(row.email().lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
            String provider = providerOf == null ? domain : providerOf.apply(domain);
            if (why.containsKey(provider)) {
                rows.add(new long[] {row.seq()});
                providers.add(provider);
            }
        });
        Map<String, Integer> marked = new java.util.TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String provider = providers.get(i);
            String reason = "unconfirmed: the seed at " + provider + " (" + why.get(provider) + ") never arrived (silent discard suspected)";
            if (journal.recipients().markUnconfirmed(runId, rows.get(i)[0], reason)) marked.merge(provider, 1, Integer::sum);
        }
        return marked;
    }

    /** "4 at example.com" for the operator. */
    static String said(Map<String, Integer> marked) {
        return marked.entrySet().stream().map(e -> e.getValue() + " at " + e.getKey()).collect(Collectors.joining(", "));
    }
}
