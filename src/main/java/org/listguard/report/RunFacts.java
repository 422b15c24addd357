package org.listguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;
import org.listguard.events.RunRecordCodec;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.RecipientStatus;
import org.listguard.journal.RunHistory;

/**
 * The facts every run report (HTML, JSON, CSV summary) shows beyond the raw rows, computed in one
 * pass over the recipients: outcomes per receiving provider ({@link Providers}) and per batch (a
 * recipient counts in the batch during which its latest outcome was journaled), the refusals
 * (recipients that were tried and not accepted; the first {@value #REFUSALS_SHOWN} are kept),
 * the pending recipients never tried (a count), skip reasons, the markers (pauses, suspensions,
 * slow-downs, failovers, resumes) and the DSN arrival delays.
 */
public final class RunFacts {
    /** Refusals kept for the HTML report; the CSV and JSON reports have them all. */
    public static final int REFUSALS_SHOWN = 500;
    /**
     * Whether a record marks the run's course on the batch chart: a receiving provider suspended or
     * resumed, a slow-down, a failover, overdue seeds, a resume, an interruption. The run's current
     * pause is marked from the run itself (no event is journaled for a pause).
     */
    static boolean marks(RunRecord r) {
        return r instanceof RunRecord.ProviderSuspended || r instanceof RunRecord.ProviderResumed || r instanceof RunRecord.SlowDown
                || r instanceof RunRecord.Failover || r instanceof RunRecord.SeedOverdue || r instanceof RunRecord.Resumed
                || r instanceof RunRecord.ResumedAfterWait || r instanceof RunRecord.Interrupted;
    }

    /** Outcome counts; "held" = tried, refused for a sender-side reason, waiting to be sent again (still pending). */
    public static final class Tally {
        long accepted, deferred, rejected, unknown, held, blocked, pending, skipped, failed, unconfirmed;

        void add(RecipientRow r) {
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case DEFERRED -> deferred++;
                case REJECTED -> rejected++;
                case UNKNOWN -> unknown++;
                case SKIPPED -> skipped++;
                case BLOCKED -> {         // refused downstream by a receiver's DSN, or its provider is suspended (issue 8)
                    held++;
                    blocked++;
                }
                case FAILED -> failed++;  // could not be composed, signed or submitted (issue 13)
                case UNCONFIRMED -> unconfirmed++; // accepted by the relay, its provider's seed never arrived (issue 19)
                case PENDING, SENDING -> {
                    if (r.attempts() > 0) held++;
                    else pending++;
                }
            }
        }

        public long accepted() { return accepted; }
        public long deferred() { return deferred; }
        public long rejected() { return rejected; }
        public long unknown() { return unknown; }
        public long failed() { return failed; }
        public long held() { return held; }
        /** Of {@link #held()}: journaled blocked (a receiver refused it by DSN, or its provider is suspended); the rest the relay itself refused. */
        public long blocked() { return blocked; }
        /** Accepted by the relay at a provider whose seed never arrived: not delivered as far as listguard knows. */
        public long unconfirmed() { return unconfirmed; }
        public long pending() { return pending; }
        public long skipped() { return skipped; }
        /** Recipients that were tried. */
        public long tried() { return accepted + deferred + rejected + unknown + held + unconfirmed; }

        /** Counts by name in chart order (tried outcomes only). */
        public Map<String, Long> tried(boolean withZeros) {
            Map<String, Long> m = new LinkedHashMap<>();
            for (var e : Map.of("accepted", accepted, "deferred", deferred, "rejected", rejected, "unknown", unknown, "held", held,
                    "unconfirmed", unconfirmed).entrySet()) {
                m.put(e.getKey(), e.getValue());
            }
            Map<String, Long> ordered = new LinkedHashMap<>();
            for (String k : OUTCOMES) if (withZeros || m.get(k) > 0) ordered.put(k, m.get(k));
            return ordered;
        }
    }

    /** The outcomes of a tried recipient, in the order charts and tables show them. */
    public static final List<String> OUTCOMES = List.of("accepted", "unconfirmed", "deferred", "held", "rejected", "unknown");

    /** One batch: its ordinal in the run (1…), when it started, and the outcomes journaled during it. */
    public record Batch(int no, Instant start, Tally tally) {}

    /** Something that changed the run's course, placed after the batch during which it happened (0 = before the first). */
    public record Marker(Instant at, String kind, String label, int afterBatch) {}

    private final List<Batch> batches = new ArrayList<>();
    /** Each batch's members' sequence numbers, sorted (empty for records written before batches named them). */
    private final List<long[]> members = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final Map<String, Tally> providers = new TreeMap<>();
    private final Tally total = new Tally();
    private final List<RecipientRow> refusals = new ArrayList<>();
    private final Map<String, Long> skipReasons = new TreeMap<>();
    private final List<Duration> dsnDelays = new ArrayList<>();
    private long refusalCount;
    private long waitingUntried;

    private RunFacts() {}

    public static RunFacts of(RunData data) {
        RunFacts f = new RunFacts();
        for (Journaled e : data.events()) {
            if (e.record() instanceof RunRecord.Batch b) {
                f.batches.add(new Batch(f.batches.size() + 1, e.at(), new Tally()));
                long[] seqs = b.seqs().stream().mapToLong(Long::longValue).sorted().toArray();
                f.members.add(seqs);
            }
        }
        for (Journaled e : data.events()) {
            if (marks(e.record())) f.markers.add(new Marker(e.at(), e.kind(), label(e), f.batchAt(e.at())));
        }
        if (data.run().pauseReason() != null) {
            Instant at = pausedAt(data);
            f.markers.add(new Marker(at, "pause", data.run().pauseReason(), f.batchAt(at)));
        }
        f.markers.sort(Comparator.comparing(Marker::at));
        data.rows().forEach(Set.of(), f::add);
        for (RunHistory.Dsn d : data.dsns()) {
            if (d.sentAt() != null && d.at() != null && !d.at().isBefore(d.sentAt())) f.dsnDelays.add(Duration.between(d.sentAt(), d.at()));
        }
        return f;
    }

    private void add(RecipientRow r) {
        total.add(r);
        if (r.status() == RecipientStatus.SKIPPED) {
            skipReasons.merge(r.skipReason() == null ? "(no reason)" : r.skipReason(), 1L, Long::sum);
            return;
        }
        // never tried: pending, or held (blocked) for a suspended provider before its turn; not a refusal (issue 19)
        if (r.attempts() == 0 && (r.status() == RecipientStatus.PENDING || r.status() == RecipientStatus.SENDING
                || r.status() == RecipientStatus.BLOCKED)) {
            if (r.status() == RecipientStatus.BLOCKED) waitingUntried++;
            return;
        }
        providers.computeIfAbsent(Providers.of(r.email()), k -> new Tally()).add(r);
        if (!batches.isEmpty() && r.updatedAt() != null) {
            int b = batchOf(r);
            batches.get(Math.max(0, b - 1)).tally().add(r);
        }
        if (r.status() != RecipientStatus.ACCEPTED && r.status() != RecipientStatus.UNCONFIRMED) { // unconfirmed: accepted, not refused
            refusalCount++;
            if (refusals.size() < REFUSALS_SHOWN) refusals.add(r);
        }
    }

    /** The batch during which a recipient's latest outcome was journaled (0: none, or never tried). */
    public int batchOf(RecipientRow r) {
        if (r.attempts() == 0 || r.updatedAt() == null || r.status() == RecipientStatus.SKIPPED) return 0;
        return Math.max(batches.isEmpty() ? 0 : 1, batchOf(r.seq(), r.updatedAt()));
    }

    /**
     * The batch during which a recipient's latest outcome was journaled: of the batches the
     * recipient was sent in (their records name their members), the latest started at or before
     * its outcome — a batch that starts in the same millisecond as the previous batch's last
     * outcome cannot take it. Records without members (older runs) fall back to time alone.
     */
    private int batchOf(long seq, Instant updated) {
        int byTime = batchAt(updated);
        for (int b = byTime; b >= 1; b--) { // usually the batch by time itself, or the one before it (a tie)
            long[] in = members.get(b - 1);
            if (in.length == 0) return byTime; // an older record: time alone
            if (java.util.Arrays.binarySearch(in, seq) >= 0) return b;
        }
        return byTime;
    }

    /** The ordinal of the last batch started at or before {@code t}; 0 when before the first. */
    private int batchAt(Instant t) {
        int lo = 0, hi = batches.size() - 1, n = 0; // batches are in start order: binary search
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (!batches.get(mid).start().isAfter(t)) {
                n = batches.get(mid).no();
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return n;
    }

    /**
     * When the current pause happened: the time of the record that journaled the decision when there
     * is one (a silent discard's {@code seed_overdue}: its evidence is the seed's acceptance, minutes
     * earlier), else the latest evidence time, else the latest event.
     */
    private static Instant pausedAt(RunData data) {
        Instant decided = null;
        for (Journaled e : data.events()) {
            if (e.record() instanceof RunRecord.SeedOverdue o && o.reason().equals(data.run().pauseReason())) decided = e.at();
        }
        if (decided != null) return decided;
        Instant at = null;
        for (PauseFacts.Item i : PauseFacts.of(data.run()).items()) {
            try {
                Instant t = i.at() == null ? null : Instant.parse(i.at());
                if (t != null && (at == null || t.isAfter(at))) at = t;
            } catch (java.time.format.DateTimeParseException ignored) {
                // an evidence time that is not ISO-8601 is shown as text, not placed on the chart
            }
        }
        if (at == null && !data.events().isEmpty()) at = data.events().get(data.events().size() - 1).at();
        return at == null ? data.run().startedAt() : at;
    }

    private static String label(Journaled e) {
        String detail = flatten(RunRecordCodec.shown(e.record()));
        return detail.isEmpty() ? e.kind() : e.kind() + ": " + detail;
    }

    /** An event's JSON detail as "key: value; key: value" text (nested values flattened), or the text itself. */
    public static String flatten(String json) {
        if (json == null || json.isBlank()) return "";
        try {
            JsonNode n = Json.mapper().readTree(json);
            StringBuilder sb = new StringBuilder();
            flatten(n, "", sb);
            return sb.toString();
        } catch (IOException e) {
            return json;
        }
    }

    private static void flatten(JsonNode n, String prefix, StringBuilder sb) {
        if (n.isObject()) {
            n.fields().forEachRemaining(f -> flatten(f.getValue(), prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), sb));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) flatten(n.get(i), prefix + "[" + (i + 1) + "]", sb);
        } else if (!n.isNull()) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(prefix.isEmpty() ? "" : prefix.replace('_', ' ') + ": ").append(n.asText());
        }
    }

    public List<Batch> batches() { return batches; }
    public List<Marker> markers() { return markers; }
    /** Providers by number of tried recipients, most first. */
    public List<Map.Entry<String, Tally>> providers() {
        List<Map.Entry<String, Tally>> l = new ArrayList<>(providers.entrySet());
        l.sort(Comparator.comparingLong((Map.Entry<String, Tally> e) -> e.getValue().tried()).reversed().thenComparing(Map.Entry::getKey));
        return l;
    }
    public Tally total() { return total; }
    public List<RecipientRow> refusals() { return refusals; }
    public long refusalCount() { return refusalCount; }
    /** Pending recipients never tried: they are sent when the run resumes. */
    public long untried() { return total.pending; }
    public Map<String, Long> skipReasons() { return skipReasons; }
    /** Blocked members never tried: held for a suspended provider before their turn (counted in {@code total().held()}). */
    public long waitingUntried() { return waitingUntried; }
    /** Blocked members the relay accepted and a receiver refused (or held after a try): {@code held} minus those never tried. */
    public long refusedDownstream() { return total.blocked - waitingUntried; }
    public List<Duration> dsnDelays() { return dsnDelays; }
}
