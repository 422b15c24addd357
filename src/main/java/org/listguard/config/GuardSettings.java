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
 * @param seeds        seed addresses mixed into batches to detect silent discards
 * @param seedMailbox  IMAP mailbox where seeds arrive
 * @param seedTimeout  a seed not seen by then pauses the run
 * @param maxPause     how long {@code send --wait} waits for a paused run to become safe
 * @param replyRules   a YAML file of reply rules put before (or replacing) the bundled ones
 */
public record GuardSettings(@JsonDeserialize(using = BatchCount.class) Integer recheckEvery, PauseAfter pauseAfter, List<String> seeds, MailboxSettings seedMailbox,
                            Duration seedTimeout, Duration maxPause, java.nio.file.Path replyRules) {
    public static final GuardSettings DEFAULT = new GuardSettings(null, null, null, null, null, null, null);

    public GuardSettings {
        recheckEvery = recheckEvery == null ? Defaults.RECHECK_EVERY_BATCHES : recheckEvery;
        pauseAfter = pauseAfter == null ? PauseAfter.DEFAULT : pauseAfter;
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        seedTimeout = seedTimeout == null ? Defaults.SEED_TIMEOUT : seedTimeout;
        maxPause = maxPause == null ? Defaults.MAX_PAUSE : maxPause;
    }

    /** These settings with other seeds, their mailbox and timeout (the sandbox's scenarios). */
    public GuardSettings withSeeds(List<String> s, MailboxSettings mailbox, Duration timeout) {
        return new GuardSettings(recheckEvery, pauseAfter, s, mailbox, timeout, maxPause, replyRules);
    }

    public Optional<java.nio.file.Path> replyRulesFile() { return Optional.ofNullable(replyRules); }

    public Optional<MailboxSettings> seedMailboxSettings() { return Optional.ofNullable(seedMailbox); }

    /** Thresholds per reply action. {@code reputation} counts replies from the relay itself. */
    public record PauseAfter(Threshold reputation, Threshold reputationDownstream, Threshold sender,
                             Threshold throttle, Threshold content) {
        public static final PauseAfter DEFAULT = new PauseAfter(null, null, null, null, null);

        public PauseAfter {
            reputation = reputation == null ? Defaults.PAUSE_REPUTATION : reputation;
            reputationDownstream = reputationDownstream == null ? Defaults.PAUSE_REPUTATION_DOWNSTREAM : reputationDownstream;
            sender = sender == null ? Defaults.PAUSE_SENDER : sender;
            throttle = throttle == null ? Defaults.PAUSE_THROTTLE : throttle;
            content = content == null ? Defaults.PAUSE_CONTENT : content;
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
