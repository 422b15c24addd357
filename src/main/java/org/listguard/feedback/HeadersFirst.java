package org.listguard.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bounce mailbox as a run reads it (issue 21): headers first. A message whose headers show it
 * cannot be a report ({@link ReportCandidate}) is not listed to the processor: its body is never
 * read, it is told to {@link Listener#notAReport} once, and it is {@link BounceMailbox#left left}
 * (a mailbox with read marks does not list it again). Everything else passes through unchanged.
 */
public final class HeadersFirst extends ForwardingMailbox {
    /** Told of each message passed over, with why. */
    @FunctionalInterface
    public interface Listener {
        void notAReport(String source, String why);
    }

    private final Listener listener;

    public HeadersFirst(BounceMailbox inner, Listener listener) {
        super(inner);
        this.listener = listener;
    }

    @Override
    public List<MailboxMessage> messages() throws MailboxException {
        List<MailboxMessage> out = new ArrayList<>();
        for (MailboxMessage m : inner.messages()) {
            Optional<String> why = ReportCandidate.whyNot(inner.headers(m));
            if (why.isEmpty()) {
                out.add(m);
                continue;
            }
            inner.left(m);
            listener.notAReport(m.source(), why.get());
        }
        return out;
    }
}
