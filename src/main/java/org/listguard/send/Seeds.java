package org.listguard.send;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.listguard.events.RunRecord;
import org.listguard.compose.ComposedMessage;
import org.listguard.compose.Composer;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.deliver.Envelope;
import org.listguard.deliver.RelaySession;
import org.listguard.deliver.SubmitResult;
import org.listguard.reply.Classification;
import org.listguard.reply.Reply;
import org.listguard.reply.ReplyClassifier;
import org.listguard.deliver.throttle.SendThrottle;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.guard.Decision;
import org.listguard.guard.Guard;
import org.listguard.guard.Observation;
import org.listguard.guard.Seed;
import org.listguard.guard.SeedWatcher;
import org.listguard.journal.Journal;
import org.listguard.list.Recipient;
import org.listguard.placement.Arrival;
import org.listguard.placement.Placement;
import org.listguard.placement.ReceiverVerdict;
import org.listguard.placement.VerdictHeaders;

/**
 * Silent-discard detection: the seed addresses of {@code guard.seeds} are mixed into the run —
 * one message to each seed in the first batch and again every {@link #EVERY} batches — composed,
 * signed, throttled and submitted exactly as a member's message (same template, same relay, same
 * session), plus an {@code X-Listguard-Seed} header carrying a unique marker. Seeds are not list
 * members: they are journaled as events ({@code seed_sent}, {@code seed_refused},
 * {@code seed_arrived}, {@code seed_overdue}), never as recipient rows, so the run's counts stay
 * the members' counts.
 *
 * <p>Between batches, and at the end of the run until every seed has arrived or is overdue, the
 * {@link SeedWatcher} is asked which seeds are in their mailboxes, in the inbox or in junk, and what
 * the receiver's headers said ({@code seed_placed}, DELIVERABILITY.md s10); the {@link Guard}
 * decides on the placements and on the missing ones. With {@code guard.seed_first} the run loop
 * sends a round before any member and waits for it ({@link #expire}: what has not arrived is
 * missing). Each run loop tracks its own seeds: a resumed run sends fresh ones.
 */
final class Seeds {
    /** A seed round every this many batches (the first batch always has one). */
    static final int EVERY = 10;
    /** How often the mailbox is looked at while seeds are outstanding. */
    static final Duration POLL = Duration.ofSeconds(30);

    private final String runId;
    private final List<String> addresses;
    private final Map<String, String> blankFields;
    private final Composer composer;
    private final DkimSigner signer;
    private final Journal journal;
    private final ReplyClassifier classifier;
    private final SeedWatcher watcher;
    private final Duration timeout;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final List<Seed> outstanding = new ArrayList<>();
    private final Map<String, Placed> placements = new LinkedHashMap<>();
    private final java.util.Set<String> problems = new java.util.HashSet<>();
    private Instant lastLook;
    private String lastProblem;
    private int sent;

    /**
     * @param columns the list's header row: a seed is rendered with every column empty (no member's
     *                data ever goes to a seed) and {@code email} set to the seed address
     */
    Seeds(String runId, List<String> addresses, List<String> columns, Composer composer, DkimSigner signer, Journal journal,
          ReplyClassifier classifier, SeedWatcher watcher, Duration timeout, Clock clock) {
        this.runId = runId;
        this.addresses = List.copyOf(addresses);
        Map<String, String> blank = new LinkedHashMap<>();
        for (String c : columns) blank.put(c, "");
        this.blankFields = blank;
        this.composer = composer;
        this.signer = signer;
        this.journal = journal;
        this.classifier = classifier;
        this.watcher = watcher;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** No seeds configured: never sends, never waits. */
    static Seeds none(String runId, Journal journal, Clock clock) {
        return new Seeds(runId, List.of(), List.of(), null, null, journal, null, null, Duration.ZERO, clock);
    }

    private Duration first;

    /** {@code guard.seed_first}: the seeds go before any member and the run waits up to {@code wait} for their placement (null: off). */
    Seeds first(Duration wait) {
        this.first = wait;
        return this;
    }

    /** The seed_first wait, when the seeds go first. */
    java.util.Optional<Duration> firstWait() { return java.util.Optional.ofNullable(first).filter(w -> enabled()); }

    /** Whether seeds are configured. */
    boolean enabled() { return !addresses.isEmpty(); }

    /** Whether batch number {@code batchNo} (from 1) carries a seed round. */
    boolean due(int batchNo) {
        return !addresses.isEmpty() && (batchNo - 1) % EVERY == 0;
    }

    /** Whether seeds the relay accepted are still not seen in the mailbox. */
    boolean waiting() { return !outstanding.isEmpty(); }

    /**
     * Sends one seed to each seed address on {@code session}, when the throttle would let a member
     * go (seeds do not count towards {@code batch_size}).
     * Returns the classified replies of seeds the relay did not accept, for the guard.
     */
    List<Observation> send(RelaySession session, String relayHost, SendThrottle throttle, Sleeper sleeper) throws InterruptedException {
        List<Observation> refused = new ArrayList<>();
        for (String address : addresses) {
            Recipient r = seedRecipient(address);
            // waits for the throttle like a member, without taking a member's place in a batch
            Duration wait = throttle.delay(r.domain());
            if (!wait.isNegative() && !wait.isZero()) sleeper.sleep(wait);
            ComposedMessage m = composer.compose(runId, 0, r);
            String marker = runId + "." + (++sent) + "." + HexFormat.of().formatHex(randomBytes());
            byte[] raw = withHeader(m.raw(), marker);
            if (signer != null) raw = signer.sign(raw);
            SubmitResult res = session.submit(new Envelope(m.envelopeFrom(), address), raw);
            Instant now = clock.instant();
            if (res.accepted()) {
                Seed s = new Seed(address, m.messageId(), marker, res.relay(), now, res.queueId(), res.text());
                outstanding.add(s);
                journal.runEvents().append(runId, new RunRecord.SeedSent(address, m.messageId(), marker, res.relay(), res.text(),
                        now.toString(), res.queueId()));
                continue;
            }
            boolean downstream = Delivery.DOWNSTREAM.matcher(res.text()).find();
            Reply reply = new Reply(res.stage(), res.code(), res.enhanced(), res.text().replace('\n', ' '), relayHost, !downstream);
            Classification c = classifier.classify(reply.stage(), reply.code(), reply.enhanced(), reply.text(), reply.host(), reply.fromRelay());
            journal.runEvents().append(runId, new RunRecord.SeedRefused(address, m.messageId(), marker, res.relay(), res.text(),
                    c.action(), c.reason()));
            refused.add(new Observation(now, res.relay(), r.domain(), reply, c, "seed:" + r.key()));
        }
        return refused;
    }

    /**
     * Looks for the outstanding seeds (at most every {@link #POLL}, unless one is due for a
     * decision, or {@code force}), reports where each arrived one was placed (inbox or junk, with
     * the receiver's verdict) and lets the guard decide on them and on the missing ones. Returns the
     * weightiest decision: a Pause, else a Suspend (the provider hold keeps its members out), else a
     * Resume (the run loop releases that provider's members), else Continue.
     */
    Decision check(Guard guard, boolean force) {
        return check(guard, force, true);
    }

    /**
     * As {@link #check(Guard, boolean)}; {@code overdue} false while {@code guard.seed_first} waits:
     * the seeds not seen yet are not asked about (when the wait ends they are {@link #expire}d as missing).
     */
    Decision check(Guard guard, boolean force, boolean overdue) {
        if (outstanding.isEmpty()) return Decision.CONTINUE;
        Instant now = clock.instant();
        boolean anyDue = outstanding.stream().anyMatch(s -> !s.acceptedAt().plus(timeout).isAfter(now));
        if (!force && !anyDue && lastLook != null && now.isBefore(lastLook.plus(POLL))) return Decision.CONTINUE;
        lastLook = now;
        SeedWatcher.Look look = watcher.look(List.copyOf(outstanding));
        String problem = null;
        Decision placedDecision = Decision.CONTINUE;
        if (look instanceof SeedWatcher.Look.Seen seen) {
            for (Seed s : List.copyOf(outstanding)) {
                if (!seen.markers().contains(s.marker())) continue;
                outstanding.remove(s);
                String egress = egressOf(seen.received().get(s.marker()));
                if (egress != null) learnedEgress(guard, s.address(), egress, seen.received().get(s.marker()));
                String clearedOf = null;
                if (providerOf != null) {
                    String provider = providerOf.apply(s.domain());
                    int cleared = journal.downstream().clearBlocksBefore(provider, s.acceptedAt(), "seed " + s.address() + " arrived (run " + runId + ")");
                    if (cleared > 0) clearedOf = provider;
                }
                journal.runEvents().append(runId, new RunRecord.SeedArrived(s.address(), s.messageId(),
                        Duration.between(s.acceptedAt(), now).toSeconds(), egress, clearedOf));
                Arrival a = seen.arrival(s.marker());
                placedDecision = weightier(placedDecision, placed(guard, s, a.placement(), a.folder(), a.verdict(), now));
            }
            seen.unreadable().forEach((mailbox, why) -> {
                if (problems.add(mailbox + why)) {
                    journal.runEvents().append(runId, new RunRecord.SeedMailboxUnreachable(mailbox, why));
                }
            });
            // seeds in a mailbox that could not be read are unconfirmed, not missing: the guard is told why
            if (!seen.unreadable().isEmpty()) problem = String.join("; ", seen.unreadable().values());
            lastProblem = null;
        } else if (look instanceof SeedWatcher.Look.Unreachable u) {
            problem = u.why();
            if (!problem.equals(lastProblem)) {
                journal.runEvents().append(runId, new RunRecord.SeedMailboxUnreachable(watcher.describe(), problem));
            }
            lastProblem = problem;
        }
        if (!overdue) return placedDecision;
        Decision d = guard.decide(new org.listguard.guard.RunEvent.SeedsLooked(List.copyOf(outstanding), watcher.describe(), problem));
        if (d instanceof Decision.Pause p) {
            journal.runEvents().append(runId, new RunRecord.SeedOverdue(p.reason(), p.evidence()));
            if (problem == null) unconfirm();
        }
        return weightier(placedDecision, d);
    }

    /** The overdue seeds never arrived: the members the relay accepted for their providers are unconfirmed, not delivered. */
    private void unconfirm() {
        Instant now = clock.instant();
        List<Seed> overdue = outstanding.stream().filter(s -> !s.acceptedAt().plus(timeout).isAfter(now)).toList();
        java.util.Map<String, Integer> marked = Unconfirmed.mark(journal, runId, overdue, providerOf);
        if (!marked.isEmpty() && operator != null) {
            operator.warn("not counted as delivered: " + Unconfirmed.said(marked) + " accepted by the relay whose seed never arrived"
                    + " are unconfirmed; they are not sent again unless you resume with --resend-unconfirmed");
        }
    }

    /**
     * {@code guard.seed_first}'s wait is over: every seed still outstanding is {@code missing}, its
     * provider's members get no message in this run (the guard suspends it); they are no longer
     * waited for. Returns the weightiest decision, as {@link #check}.
     */
    Decision expire(Guard guard) {
        Decision d = Decision.CONTINUE;
        Instant now = clock.instant();
        for (Seed s : List.copyOf(outstanding)) {
            outstanding.remove(s);
            d = weightier(d, placed(guard, s, Placement.MISSING, null, null, now));
        }
        return d;
    }

    /** Journals {@code seed_placed} and lets the guard decide; a suspension or resumption is journaled and told. */
    private Decision placed(Guard guard, Seed s, Placement placement, String folder, ReceiverVerdict verdict, Instant now) {
        String provider = providerOf == null ? s.domain() : providerOf.apply(s.domain());
        Duration after = Duration.between(s.acceptedAt(), now);
        ReceiverVerdict v = verdict == null ? ReceiverVerdict.NONE : verdict;
        journal.runEvents().append(runId, new RunRecord.SeedPlaced(s.address(), provider, placement, folder, s.messageId(), s.relay(),
                after.toSeconds(), v));
        placements.put(s.address(), new Placed(s.address(), provider, placement, folder, v, after));
        Decision d = guard.decide(new org.listguard.guard.RunEvent.SeedPlaced(s, provider, placement, folder, v, after));
        if (d instanceof Decision.Suspend sus) {
            journal.runEvents().append(runId, new RunRecord.ProviderSuspended(sus.provider(), sus.reason(), sus.evidence(), false));
            if (operator != null) operator.warn("suspending receiving provider " + sus.provider() + ": " + sus.reason() + "; its members wait, the others go on");
        } else if (d instanceof Decision.Pause p) {
            journal.runEvents().append(runId, new RunRecord.ProviderSuspended(provider, p.reason(), p.evidence(), false));
        }
        return d;
    }

    /** Pause (or Failover) over Suspend over Resume over Continue; two Resumes are merged. */
    static Decision weightier(Decision a, Decision b) {
        if (rank(b) > rank(a)) return b;
        if (a instanceof Decision.Resume ra && b instanceof Decision.Resume rb) {
            List<String> both = new ArrayList<>(ra.providers());
            rb.providers().stream().filter(x -> !both.contains(x)).forEach(both::add);
            return new Decision.Resume(both);
        }
        return a;
    }

    private static int rank(Decision d) {
        if (d instanceof Decision.Pause || d instanceof Decision.Failover) return 3;
        if (d instanceof Decision.Suspend) return 2;
        if (d instanceof Decision.Resume) return 1;
        return 0;
    }

    /** Where one seed ended up in this run (the last look), for {@code seeds test}'s table. */
    record Placed(String address, String provider, Placement placement, String folder, ReceiverVerdict verdict, Duration after) {}

    /** The placements seen in this run, by seed address (the latest per address). */
    Map<String, Placed> placements() { return Map.copyOf(placements); }

    int outstandingCount() { return outstanding.size(); }

    private java.util.Set<String> relayIps = java.util.Set.of();
    private Operator operator;
    private java.util.function.Function<String, String> providerOf;

    /**
     * What an arriving seed also tells: the egress IP in its Received: line (a warning when it is not
     * in relays[].ips), and that its receiving provider takes mail again (blocks remembered before
     * the seed was accepted are forgotten).
     */
    Seeds watching(java.util.Set<String> relayIps, Operator operator, java.util.function.Function<String, String> providerOf) {
        this.relayIps = java.util.Set.copyOf(relayIps);
        this.operator = operator;
        this.providerOf = providerOf;
        return this;
    }

    private static final java.util.regex.Pattern RECEIVED_FROM =
            java.util.regex.Pattern.compile("^from\\s.*?\\[(?:IPv6:)?([0-9a-fA-F.:]+)\\]");

    /** The IP in the "from … [ip]" clause of the receiver's Received: line (RFC 5321 s4.4), or null. */
    static String egressOf(String received) {
        if (received == null) return null;
        java.util.regex.Matcher m = RECEIVED_FROM.matcher(received);
        return m.find() ? m.group(1) : null;
    }

    /** Our seed's Received: line names the egress: the guard decides (a seed is a source no member can forge; a private or test address is never learned). */
    private void learnedEgress(Guard guard, String seed, String named, String line) {
        Decision d = guard.decide(new org.listguard.guard.RunEvent.EgressNamed(named, null, line, new org.listguard.guard.Provenance.Seed(seed)));
        if (!(d instanceof Decision.LearnEgress learn)) return;
        String ip = learn.ip();
        boolean fresh = journal.downstream().learnEgress(ip, learn.source(), line, runId);
        if (!fresh) return;
        journal.runEvents().append(runId, new RunRecord.EgressLearned(ip, "seed", null, null, relayIps.contains(ip), null));
        if (operator != null && !relayIps.isEmpty() && !relayIps.contains(ip)) {
            operator.warn("a seed arrived from the relay's egress IP " + ip + " (its Received: line), which is not in relays[].ips "
                    + relayIps + ": add it so the gate audits it");
        }
    }

    /**
     * A report from the return path that no member row matched: when it is about one of this run's
     * outstanding seeds (by the original Message-ID, which only our message carries), the seed is
     * explained by it — refused downstream, not silently discarded — and journaled
     * {@code seed_refused_downstream} with the receiver's text and the IP it named. True when it was a seed's.
     */
    boolean explain(org.listguard.guard.ReturnPathWatcher.Report r) {
        if (r.originalMessageId() == null) return false;
        String id = bare(r.originalMessageId());
        for (Seed s : List.copyOf(outstanding)) {
            if (!bare(s.messageId()).equals(id)) continue;
            outstanding.remove(s);
            journal.runEvents().append(runId, new RunRecord.SeedRefusedDownstream(s.address(), s.messageId(), s.relay(), r.action(),
                    r.reason(), r.status(), r.diagnostic(), r.reportingMta(), r.remoteMta(), r.egressIp(), r.zone(),
                    Duration.between(s.acceptedAt(), clock.instant()).toSeconds()));
            return true;
        }
        return false;
    }

    private static String bare(String messageId) {
        String m = messageId.trim();
        if (m.startsWith("<")) m = m.substring(1);
        if (m.endsWith(">")) m = m.substring(0, m.length() - 1);
        return m;
    }

    private Recipient seedRecipient(String address) {
        Map<String, String> fields = new LinkedHashMap<>(blankFields);
        fields.put("email", address);
        return new Recipient(0, address, fields);
    }

    /**
     * The marker header goes first, and again as {@value VerdictHeaders#END_MARKER} last in the
     * header section (what a receiver's milter appends comes after it: {@link VerdictHeaders}); the
     * message is otherwise byte-for-byte what a member gets.
     */
    static byte[] withHeader(byte[] raw, String marker) {
        byte[] h = (Seed.HEADER + ": " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] t = (VerdictHeaders.END_MARKER + ": " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int end = headerEnd(raw); // the index of the empty line's CRLF
        byte[] out = new byte[h.length + raw.length + (end < 0 ? 0 : t.length)];
        System.arraycopy(h, 0, out, 0, h.length);
        if (end < 0) {
            System.arraycopy(raw, 0, out, h.length, raw.length);
            return out;
        }
        System.arraycopy(raw, 0, out, h.length, end);
        System.arraycopy(t, 0, out, h.length + end, t.length);
        System.arraycopy(raw, end, out, h.length + end + t.length, raw.length - end);
        return out;
    }

    /** Where the empty line that ends the header section starts (after the last header's CRLF), or -1. */
    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') return i + 2;
        }
        return -1;
    }

    private byte[] randomBytes() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return b;
    }
}
