package org.listguard.deliver.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.listguard.config.Throttle;

/**
 * The pace of one run through one relay: batches of {@code batch_size} separated by
 * {@code batch_pause}, at most {@code max_per_hour} per relay and {@code per_domain} limits per
 * recipient domain (no rolling hour ever carries more; see {@link RateLimit}), and the guard's
 * {@link #slowDown()} / {@link #recover()}.
 *
 * <p>Sharing: one instance per relay per run, shared by all {@code connections} workers; it is
 * thread-safe. {@link #acquire} reserves the next slot under a lock and waits outside it, so
 * workers never exceed a limit together and a waiting worker does not block the others'
 * bookkeeping. Slots are handed out in call order (a worker whose recipient's domain is at its
 * limit waits; the others are not held back by it unless they need the same slot).
 */
public final class SendThrottle {
    private static final long HOUR = Duration.ofHours(1).toNanos();
    /** The slowest the guard can make a relay: 1/64 of its configured rate (six halvings). */
    static final double MIN_FACTOR = 1.0 / 64;
    /** recover() gives back an eighth of the configured rate per call (additive increase). */
    static final double RECOVER_STEP = 1.0 / 8;

    private final Throttle config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Instant origin;
    private final int batchSize;
    private final Map<String, Integer> perDomain = new HashMap<>();
    private final Map<String, RateLimit> domains = new HashMap<>();
    private RateLimit relay;
    private long baseInterval;          // the relay's configured interval; 0 = unlimited
    private double factor = 1.0;
    private long sequence;
    private long lastGrant = Long.MIN_VALUE;
    private long observedInterval;      // moving average of intervals between grants, for unlimited relays

    public SendThrottle(Throttle config, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.origin = clock.instant();
        this.batchSize = Math.max(1, config.batchSize());
        config.perDomain().forEach((d, limit) -> perDomain.put(d.toLowerCase(Locale.ROOT), limit));
        if (config.maxPerHour() > 0) {
            relay = RateLimit.perWindow(config.maxPerHour(), HOUR, batchSize, 0);
            baseInterval = relay.interval();
        }
    }

    /** Waits (through the sleeper) until one more message to {@code recipientDomain} may start. */
    public Permit acquire(String recipientDomain) throws InterruptedException {
        Permit p = reserve(recipientDomain);
        Duration wait = Duration.between(clock.instant(), p.at());
        if (!wait.isNegative() && !wait.isZero()) sleeper.sleep(wait);
        return p;
    }

    /** Reserves the next slot without waiting; the caller must not start before {@link Permit#at()}. */
    public synchronized Permit reserve(String recipientDomain) {
        long now = nanos(clock.instant());
        long at = now;
        boolean startsBatch = sequence % batchSize == 0;
        if (startsBatch && sequence > 0) at = Math.max(at, lastGrant + config.batchPause().toNanos());
        if (relay != null) at = relay.earliest(at);
        RateLimit domain = domainLimit(recipientDomain);
        if (domain != null) at = domain.earliest(at);
        if (relay != null) relay.take(at);
        if (domain != null) domain.take(at);
        if (lastGrant != Long.MIN_VALUE && !startsBatch && at > lastGrant) {
            long gap = at - lastGrant;
            observedInterval = observedInterval == 0 ? gap : (observedInterval * 7 + gap) / 8;
        }
        lastGrant = Math.max(lastGrant, at);
        Permit p = new Permit(sequence, sequence / batchSize, startsBatch, origin.plusNanos(at));
        sequence++;
        return p;
    }

    /**
     * How long a message to {@code recipientDomain} would wait if reserved now, without reserving:
     * lets the pipeline put a recipient of a domain at its limit aside and take another first.
     */
    public synchronized Duration delay(String recipientDomain) {
        long now = nanos(clock.instant());
        long at = now;
        if (sequence % batchSize == 0 && sequence > 0) at = Math.max(at, lastGrant + config.batchPause().toNanos());
        if (relay != null) at = relay.earliest(at);
        RateLimit domain = domainLimit(recipientDomain);
        if (domain != null) at = domain.earliest(at);
        return Duration.ofNanos(at - now);
    }

    /**
     * Halves the relay's rate (multiplicative decrease, down to 1/64). A relay without
     * {@code max_per_hour} is slowed to half of the rate observed so far.
     */
    public synchronized void slowDown() {
        if (relay == null) {
            baseInterval = Math.max(Duration.ofMillis(1).toNanos(), observedInterval);
            relay = RateLimit.everyNanos(baseInterval, nanos(clock.instant()));
            factor = 1.0;
        }
        factor = Math.max(MIN_FACTOR, factor / 2);
        relay.interval((long) (baseInterval / factor), nanos(clock.instant()));
    }

    /** Gives back an eighth of the configured rate (additive increase) up to the configured rate. */
    public synchronized void recover() {
        if (relay == null || factor >= 1.0) return;
        factor = Math.min(1.0, factor + RECOVER_STEP);
        if (factor >= 1.0 && config.maxPerHour() == 0) {
            relay = null;   // back to unlimited
            return;
        }
        relay.interval((long) (baseInterval / factor), nanos(clock.instant()));
    }

    /** The share of the configured rate currently allowed (1.0 = full speed). */
    public synchronized double rateFactor() { return factor; }

    /** Parallel sessions the pipeline should run, each owning one RelaySession and sharing this throttle. */
    public int connections() { return Math.max(1, config.connections()); }

    private RateLimit domainLimit(String domain) {
        if (domain == null || perDomain.isEmpty()) return null;
        String d = domain.toLowerCase(Locale.ROOT);
        Integer limit = perDomain.get(d);
        if (limit == null || limit <= 0) return null;
        return domains.computeIfAbsent(d, k -> RateLimit.perWindow(limit, HOUR, batchSize, 0));
    }

    private long nanos(Instant t) {
        return Duration.between(origin, t).toNanos();
    }
}
