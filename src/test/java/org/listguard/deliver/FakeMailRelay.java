package org.listguard.deliver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.listguard.config.Relay;
import org.listguard.reply.Stage;

/**
 * The hand-written fake of {@link MailRelay} for pipeline and guard tests: accepts everything
 * unless a recipient is scripted with {@link #answer}, and records every submission.
 */
public final class FakeMailRelay implements MailRelay {
    /** One recorded submission. */
    public record Submission(String relay, Envelope envelope, byte[] raw, SubmitResult result) {}

    private final Map<String, Function<Envelope, SubmitResult>> scripted = new ConcurrentHashMap<>();
    private final List<Submission> submissions = Collections.synchronizedList(new ArrayList<>());
    private int queue;

    /** What the relay answers for {@code recipient} (exact address, case-insensitive). */
    public FakeMailRelay answer(String recipient, Function<Envelope, SubmitResult> result) {
        scripted.put(recipient.toLowerCase(java.util.Locale.ROOT), result);
        return this;
    }

    /** A reply for {@code recipient} at {@code stage}, e.g. {@code reply("x@y", Stage.RCPT, "550 5.1.1 unknown")}. */
    public FakeMailRelay reply(String recipient, Stage stage, String reply) {
        return answer(recipient, e -> SubmitResult.fromReply(e.recipient(), stage, reply, "fake"));
    }

    /** The connection drops after the body was sent: the relay may have accepted it. */
    public FakeMailRelay dropAfterData(String recipient) {
        return answer(recipient, e -> SubmitResult.noReply(e.recipient(), Stage.DATA_END, true, "connection reset", "fake"));
    }

    public List<Submission> submissions() {
        synchronized (submissions) {
            return List.copyOf(submissions);
        }
    }

    @Override
    public RelaySession open(Relay relay, char[] password) {
        return new RelaySession() {
            private boolean open;

            @Override
            public SubmitResult submit(Envelope envelope, byte[] raw) {
                open = true;
                Function<Envelope, SubmitResult> f = scripted.get(envelope.recipient().toLowerCase(java.util.Locale.ROOT));
                SubmitResult r = f != null ? f.apply(envelope)
                        : SubmitResult.fromReply(envelope.recipient(), Stage.DATA_END, "250 2.0.0 Ok: queued as FAKE" + next(), relay.name());
                submissions.add(new Submission(relay.name(), envelope, raw.clone(), r));
                if (r.code() == 421 || (r.code() == 0 && r.outcome() != Outcome.ACCEPTED)) open = false;
                return r;
            }

            @Override public boolean connected() { return open; }
            @Override public String relayName() { return relay.name(); }
            @Override public void close() { open = false; }
        };
    }

    private synchronized int next() { return ++queue; }
}
