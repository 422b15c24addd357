package org.listguard.deliver.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The receivers behind the sandbox smart host: what becomes of a message after the smart host
 * said {@code 250} (DELIVERABILITY.md §5). By default every message is delivered (stored); a rule
 * can make a receiver refuse it — the smart host then mails a DSN to the envelope sender, as a
 * real one does — or drop it without a word (a silent discard, which only seeds reveal). Rules
 * are tried in the order added; the first whose glob matches the recipient decides. Thread-safe.
 */
public final class SandboxReceivers {
    /** What a receiver does with one message. */
    public sealed interface Fate permits Deliver, Bounce, Discard, Junk {}

    /** Stored in the sandbox's delivered store (where seeds are looked for). */
    public record Deliver() implements Fate {}

    /**
     * Refused by the receiver {@code remoteMta} with {@code reply}; the smart host's DSN reaches
     * the return path {@code after} the smart host's 250.
     */
    public record Bounce(String reply, String remoteMta, Duration after) implements Fate {}

    /** Accepted and dropped: nothing arrives, nothing comes back. */
    public record Discard() implements Fate {}

    /**
     * Delivered into the junk folder (the store's {@code .Junk/}, as Dovecot keeps a Maildir++
     * folder), with the receiver's own header fields ({@code headers}: its Received: line, its
     * Authentication-Results, its spam engine's verdict) put on top, as a receiver writes them.
     */
    public record Junk(String remoteMta, List<String> headers) implements Fate {
        public Junk {
            headers = headers == null ? List.of() : List.copyOf(headers);
        }
    }

    private record Rule(Pattern match, Fate fate) {}

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    public SandboxReceivers bounce(String glob, String reply, String remoteMta, Duration after) {
        rules.add(new Rule(SandboxScript.glob(glob), new Bounce(reply, remoteMta == null ? "mx.receiver.invalid" : remoteMta, after)));
        return this;
    }

    public SandboxReceivers junk(String glob, String remoteMta, List<String> headers) {
        rules.add(new Rule(SandboxScript.glob(glob), new Junk(remoteMta == null ? "mx.receiver.invalid" : remoteMta, headers)));
        return this;
    }

    public SandboxReceivers discard(String glob) {
        rules.add(new Rule(SandboxScript.glob(glob), new Discard()));
        return this;
    }

    public SandboxReceivers clear() {
        rules.clear();
        return this;
    }

    Fate fate(String recipient) {
        return first(recipient).orElse(new Deliver());
    }

    private Optional<Fate> first(String recipient) {
        for (Rule r : rules) if (r.match().matcher(recipient).matches()) return Optional.of(r.fate());
        return Optional.empty();
    }
}
