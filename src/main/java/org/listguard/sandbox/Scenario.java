package org.listguard.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One offline world for {@code --sandbox --scenario NAME}: a data file under
 * {@code config/sandbox/scenarios/NAME.yaml} saying how the simulated world differs from the
 * clean one. Durations are simulated time: the sandbox runs them {@code SPEED_UP} times faster,
 * while the journal keeps the real times.
 *
 * @param name      the file's name without {@code .yaml}
 * @param summary   one line for {@code listguard sandbox scenarios}
 * @param story     what the user will see, step by step (printed when the scenario starts)
 * @param throttle  overrides of the campaign's pace (so that a 12-member list has several batches)
 * @param guard     seeds and their timeout, for scenarios that need witnesses
 * @param dns       records added to the simulated DNS world, by zone origin (a zone the world lacks is created)
 * @param relay     what the smart host itself answers (its own refusals and limits)
 * @param receivers what the receivers behind the smart host do with mail it accepted
 */
public record Scenario(String name, String summary, String story, ThrottleOverride throttle, GuardOverride guard,
                       Map<String, List<String>> dns, List<RelayRule> relay, List<Receiver> receivers) {
    public Scenario {
        story = story == null ? "" : story.strip();
        dns = dns == null ? Map.of() : Map.copyOf(dns);
        relay = relay == null ? List.of() : List.copyOf(relay);
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
    }

    /** The world of a plain {@code --sandbox} run: nothing differs. */
    public static Scenario clean() {
        return new Scenario("clean", "every relay and receiver accepts; no listing", "", null, null, null, null, null);
    }

    /** @param batchSize recipients per batch; @param batchPause simulated pause between batches */
    public record ThrottleOverride(Integer batchSize, Duration batchPause) {}

    /**
     * @param seeds       seed addresses (the sandbox relay delivers them to its own store, or its junk folder)
     * @param seedTimeout simulated
     * @param seedFirst   simulated {@code guard.seed_first} (null: seeds go with the first batch)
     */
    public record GuardOverride(List<String> seeds, Duration seedTimeout, Duration seedFirst) {
        public GuardOverride(List<String> seeds, Duration seedTimeout) {
            this(seeds, seedTimeout, null);
        }
    }

    /**
     * A scripted reply of the smart host (see {@code SandboxScript}).
     *
     * @param command       connect, ehlo, mail, rcpt, data or end_of_data
     * @param match         address glob ({@code *} any run of characters)
     * @param afterMessages applies once this many messages were accepted (0: from the start)
     * @param firstAttempts applies only to the first N attempts per address (0: every attempt)
     * @param reply         the SMTP reply, e.g. {@code 554 5.7.1 …}
     */
    public record RelayRule(String command, String match, Integer afterMessages, Integer firstAttempts, String reply) {
        public RelayRule {
            match = match == null ? "*" : match;
            afterMessages = afterMessages == null ? 0 : afterMessages;
            firstAttempts = firstAttempts == null ? 0 : firstAttempts;
        }
    }

    /**
     * What a receiver behind the smart host does with a message the smart host accepted.
     *
     * @param match     recipient glob, e.g. {@code *@example.net}
     * @param verdict   deliver (default), bounce (a DSN to the return path after {@code after}), discard (nothing,
     *                  ever) or junk (delivered into the junk folder, with {@code headers} on top)
     * @param reply     the receiver's refusal, quoted in the DSN's Diagnostic-Code
     * @param remoteMta the receiver's host name (DSN Remote-MTA)
     * @param after     simulated delay between the smart host's 250 and the DSN
     * @param headers   for junk: the receiver's header fields (Received:, Authentication-Results, X-Spam-*)
     */
    public record Receiver(String match, Verdict verdict, String reply, String remoteMta, Duration after, List<String> headers) {
        public Receiver {
            match = match == null ? "*" : match;
            verdict = verdict == null ? Verdict.DELIVER : verdict;
            after = after == null ? Duration.ZERO : after;
            headers = headers == null ? List.of() : List.copyOf(headers);
        }

        public Receiver(String match, Verdict verdict, String reply, String remoteMta, Duration after) {
            this(match, verdict, reply, remoteMta, after, null);
        }
    }

    public enum Verdict {
        DELIVER, BOUNCE, DISCARD, JUNK;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Verdict parse(String s) {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
