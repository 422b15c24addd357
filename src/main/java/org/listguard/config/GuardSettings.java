package org.listguard.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the guard watches during a run (issue 4).
 *
 * @param recheckEvery re-check reputation every N batches (YAML {@code 1 batch} or {@code 3 batches})
 * @param seeds        seeds mixed into batches to detect silent discards and junk placement: plain
 *                     addresses (watched in {@code seed_mailbox}) or objects with their own mailbox ({@link SeedSpec})
 * @param seedMailbox  the mailbox where seeds without their own arrive
 * @param seedTimeout  a seed not seen by then pauses the run
 * @param maxPause     how long {@code send --wait} waits for a paused run to become safe
 * @param replyRules   a YAML file of reply rules put before (or replacing) the bundled ones
 * @param blockMemory  how long a receiver's block of the relay is remembered across runs (issue 8)
 * @param blockRetry   how long a suspended provider waits before a canary is sent to it within a run
 * @param canaryWait   how long a canary waits for a verdict from the return path
 * @param dsnWait      at the end of a run, how long the return path is still read for receivers' DSNs
 * @param corroborate  how many distinct members reporting the same thing by their own proof (token or
 *                     Message-ID) make it count beyond themselves (DESIGN.md invariant 11): e.g. their
 *                     complaints toward the complaint gate. At least 1; default {@link Defaults#CORROBORATE}
 *                     (0 here means "not given"; YAML {@code corroborate: 0} is an error naming the line)
 * @param seedFirst    when set, the seeds get the newsletter before any member and the run waits up
 *                     to this long for their placement: a provider whose seed is in junk or missing
 *                     gets no member's message (null: seeds go with the first batch)
 */
public record GuardSettings(@JsonDeserialize(using = BatchCount.class) Integer recheckEvery, PauseAfter pauseAfter, List<SeedSpec> seeds, MailboxSettings seedMailbox,
                            Duration seedTimeout, Duration maxPause, java.nio.file.Path replyRules, Duration blockMemory,
                            Duration blockRetry, Duration canaryWait, Duration dsnWait,
                            @JsonDeserialize(using = AtLeastOne.class) int corroborate, Duration seedFirst) {
    public static final GuardSettings DEFAULT = new GuardSettings(null, null, null, null, null, null, null);

    /** The old shape: seed addresses in one shared mailbox, no seed_first. */
    public GuardSettings(Integer recheckEvery, PauseAfter pauseAfter, List<String> seeds, MailboxSettings seedMailbox,
                         Duration seedTimeout, Duration maxPause, java.nio.file.Path replyRules, Duration blockMemory,
                         Duration blockRetry, Duration canaryWait, Duration dsnWait, int corroborate) {
        this(recheckEvery, pauseAfter, specs(seeds), seedMailbox, seedTimeout, maxPause, replyRules, blockMemory, blockRetry, canaryWait,
                dsnWait, corroborate, null);
    }

    public GuardSettings(Integer recheckEvery, PauseAfter pauseAfter, List<String> seeds, MailboxSettings seedMailbox,
                         Duration seedTimeout, Duration maxPause, java.nio.file.Path replyRules, Duration blockMemory,
                         Duration blockRetry, Duration canaryWait, Duration dsnWait) {
        this(recheckEvery, pauseAfter, seeds, seedMailbox, seedTimeout, maxPause, replyRules, blockMemory, blockRetry, canaryWait,
                dsnWait, 0);
    }

    public GuardSettings(Integer recheckEvery, PauseAfter pauseAfter, List<String> seeds, MailboxSettings seedMailbox,
                         Duration seedTimeout, Duration maxPause, java.nio.file.Path replyRules) {
        this(recheckEvery, pauseAfter, seeds, seedMailbox, seedTimeout, maxPause, replyRules, null, null, null, null);
    }

    public GuardSettings {
        recheckEvery = recheckEvery == null ? Defaults.RECHECK_EVERY_BATCHES : recheckEvery;
        pauseAfter = pauseAfter == null ? PauseAfter.DEFAULT : pauseAfter;
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        seedTimeout = seedTimeout == null ? Defaults.SEED_TIMEOUT : seedTimeout;
        maxPause = maxPause == null ? Defaults.MAX_PAUSE : maxPause;
        blockMemory = blockMemory == null ? Defaults.BLOCK_MEMORY : blockMemory;
        blockRetry = blockRetry == null ? Defaults.BLOCK_RETRY : blockRetry;
        canaryWait = canaryWait == null ? Defaults.CANARY_WAIT : canaryWait;
        dsnWait = dsnWait == null ? Defaults.DSN_WAIT : dsnWait;
        corroborate = corroborate == 0 ? Defaults.CORROBORATE : corroborate;
    }

    private static List<SeedSpec> specs(List<String> addresses) {
        return addresses == null ? null : addresses.stream().map(SeedSpec::of).toList();
    }

    /** The seed addresses, in order. */
    public List<String> seedAddresses() {
        return seeds.stream().map(SeedSpec::address).toList();
    }

    /** Whether the seeds go first and the run waits for their placement ({@code guard.seed_first}). */
    public Optional<Duration> seedFirstWait() { return Optional.ofNullable(seedFirst); }

    /** These settings with other seeds, their mailbox and timeout (the sandbox's scenarios). */
    public GuardSettings withSeeds(List<String> s, MailboxSettings mailbox, Duration timeout) {
        return withSeedSpecs(specs(s), mailbox, timeout, seedFirst);
    }

    /** These settings with other seeds (their own mailboxes kept), the shared mailbox, timeout and seed_first wait. */
    public GuardSettings withSeedSpecs(List<SeedSpec> s, MailboxSettings mailbox, Duration timeout, Duration first) {
        return new GuardSettings(recheckEvery, pauseAfter, s, mailbox, timeout, maxPause, replyRules, blockMemory, blockRetry,
                canaryWait, dsnWait, corroborate, first);
    }

    /** These settings with the waits of a run (canary retry and wait, the end-of-run DSN wait) {@code factor} times shorter: the sandbox. */
    public GuardSettings faster(int factor, Duration dsnWaitAtLeast) {
        Duration dsn = dsnWait.dividedBy(factor);
        return new GuardSettings(recheckEvery, pauseAfter, seeds, seedMailbox, seedTimeout, maxPause, replyRules, blockMemory,
                blockRetry.dividedBy(factor), canaryWait.dividedBy(factor), dsn.compareTo(dsnWaitAtLeast) < 0 ? dsnWaitAtLeast : dsn,
                corroborate, seedFirst == null ? null : seedFirst.dividedBy(factor));
    }

    public Optional<java.nio.file.Path> replyRulesFile() { return Optional.ofNullable(replyRules); }

    public Optional<MailboxSettings> seedMailboxSettings() { return Optional.ofNullable(seedMailbox); }

    /**
     * Thresholds per reply action. {@code reputation} counts replies from the relay itself.
     * {@code provider}: downstream verdicts (reputation, sender, throttle, by reply or DSN) from one
     * receiving provider that suspend it; {@code providers}: suspended providers that pause the run.
     */
    public record PauseAfter(Threshold reputation, Threshold reputationDownstream, Threshold sender,
                             Threshold throttle, Threshold content, Threshold provider, Threshold providers) {
        public static final PauseAfter DEFAULT = new PauseAfter(null, null, null, null, null);

        public PauseAfter(Threshold reputation, Threshold reputationDownstream, Threshold sender, Threshold throttle, Threshold content) {
            this(reputation, reputationDownstream, sender, throttle, content, null, null);
        }

        public PauseAfter {
            reputation = reputation == null ? Defaults.PAUSE_REPUTATION : reputation;
            reputationDownstream = reputationDownstream == null ? Defaults.PAUSE_REPUTATION_DOWNSTREAM : reputationDownstream;
            sender = sender == null ? Defaults.PAUSE_SENDER : sender;
            throttle = throttle == null ? Defaults.PAUSE_THROTTLE : throttle;
            content = content == null ? Defaults.PAUSE_CONTENT : content;
            provider = provider == null ? Defaults.SUSPEND_PROVIDER : provider;
            providers = providers == null ? Defaults.PAUSE_PROVIDERS : providers;
        }
    }

    /** A whole number of at least 1 ({@code guard.corroborate}); anything else is an error naming the line. */
    public static final class AtLeastOne extends JsonDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            int n;
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                n = p.getIntValue();
            } else {
                try {
                    n = Integer.parseInt(p.getValueAsString("").trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + p.getText() + "' is not a whole number");
                }
            }
            if (n < 1) throw new IllegalArgumentException("must be at least 1, got " + n);
            return n;
        }

        /** Not given (or null): 0, which the record reads as "the default". */
        @Override
        public Integer getNullValue(DeserializationContext ctxt) {
            return 0;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return 0;
        }
    }

    /** {@code 1}, {@code "1 batch"} or {@code "3 batches"}. */
    public static final class BatchCount extends JsonDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) return p.getIntValue();
            String s = p.getValueAsString("").trim().replaceFirst("\\s*batch(es)?$", "");
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p.getText() + "' is not N or \"N batches\"");
            }
        }
    }
}
