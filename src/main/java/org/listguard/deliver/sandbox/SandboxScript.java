package org.listguard.deliver.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * What the {@link SandboxSmtpServer} answers instead of its default positive replies: the scripted
 * misbehaviour of a relay or receiver, for `send --sandbox` demonstrations and guard tests. Rules
 * are tried in the order added; the first that matches decides. Thread-safe.
 *
 * <pre>
 * script.reply(Command.RCPT, "*@blocked.example", "550 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org")
 *       .replyAfter(30, Command.RCPT, "*", "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.")
 *       .replyFirstAttempts(1, Command.RCPT, "x@example.com", "451 4.7.1 Greylisted, try again later")
 *       .hangUp(Command.END_OF_DATA, "lost@example.com");
 * </pre>
 */
public final class SandboxScript {
    /** Where a rule applies. MAIL rules match the sender; the others match the recipient. */
    public enum Command { CONNECT, EHLO, AUTH, MAIL, RCPT, DATA, END_OF_DATA }

    /** What the server does: send {@code reply} (may be multi-line, "\n"-separated), or hang up without one. */
    public record Response(String reply, boolean hangUp) {}

    /**
     * @param afterMessages applies once at least this many messages were accepted (0: from the start)
     * @param firstAttempts applies only to the first N attempts per address (0: every attempt)
     */
    record Rule(Command command, Pattern address, int afterMessages, int firstAttempts, Response response) {}

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    /** Always answer {@code command} for addresses matching {@code glob} ("*" any run of characters). */
    public SandboxScript reply(Command command, String glob, String reply) {
        return add(new Rule(command, glob(glob), 0, 0, new Response(reply, false)));
    }

    /** Answer {@code command} once {@code messages} messages were accepted (a reputation block mid-run). */
    public SandboxScript replyAfter(int messages, Command command, String glob, String reply) {
        return add(new Rule(command, glob(glob), messages, 0, new Response(reply, false)));
    }

    /** Answer the first {@code attempts} attempts per address (greylisting: 4xx, then accept). */
    public SandboxScript replyFirstAttempts(int attempts, Command command, String glob, String reply) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
        return add(new Rule(command, glob(glob), 0, attempts, new Response(reply, false)));
    }

    /** Close the connection without replying; at END_OF_DATA the client cannot know if it was accepted. */
    public SandboxScript hangUp(Command command, String glob) {
        return add(new Rule(command, glob(glob), 0, 0, new Response(null, true)));
    }

    public SandboxScript clear() {
        rules.clear();
        return this;
    }

    private SandboxScript add(Rule r) {
        rules.add(r);
        return this;
    }

    /** The scripted response, or empty for the default behaviour. */
    Optional<Response> decide(Command command, String address, int accepted, int attempt) {
        String a = address == null ? "" : address;
        for (Rule r : rules) {
            if (r.command() != command) continue;
            if (!r.address().matcher(a).matches()) continue;
            if (accepted < r.afterMessages()) continue;
            if (r.firstAttempts() > 0 && attempt > r.firstAttempts()) continue;
            return Optional.of(r.response());
        }
        return Optional.empty();
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) re.append(".*");
            if (!parts[i].isEmpty()) re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
