package org.listguard.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.listguard.guard.ReturnPathWatcher;

/**
 * The return-path watcher a run uses between batches: one {@link BounceProcessor} pass over the
 * bounce mailbox per look — the same parse, match, classify and apply path as
 * {@code bounces process}, with the same journaled report keys, so a report is applied once
 * whichever of the two reads it first. What the pass applied is handed to the guard.
 *
 * <p>Headers first ({@link HeadersFirst}): a message whose headers show it cannot be a report is
 * noted as skipped and left unread; with read marks ({@link ReadMarks}) such messages, and reports
 * tied to nothing of ours, are not listed again, so a look costs work proportional to the new
 * messages (issue 21).
 *
 * <p>The mailbox is opened on the first look and opened again after a failure; a failure is an
 * {@link ReturnPathWatcher.Look.Unreachable}, never an exception.
 */
public final class ReturnPathReader implements ReturnPathWatcher {
    /** Opens the bounce mailbox (the Maildir adapter here, or IMAP in deliver/mailbox). */
    @FunctionalInterface
    public interface Opener {
        BounceMailbox open() throws MailboxException;
    }

    private final Opener opener;
    private final BounceProcessor processor;
    private final String where;
    private BounceMailbox mailbox;

    /** @param where a description of the mailbox for messages, before it is first opened */
    public ReturnPathReader(Opener opener, BounceProcessor processor, String where) {
        this.opener = opener;
        this.processor = processor;
        this.where = where;
    }

    @Override
    public synchronized Look look() {
        List<Report> reports = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        try {
            if (mailbox == null) mailbox = opener.open();
            // headers first (issue 21): a message that cannot be a report is noted once and its body never read
            BounceMailbox headersFirst = new HeadersFirst(mailbox, (source, why) -> skipped.add(new Skipped(source, why)));
            processor.process(headersFirst, Set.of(), new BounceProcessor.Listener() {
                @Override
                public void applied(BounceProcessor.AppliedRecord a) {
                    BounceRecord r = a.record();
                    reports.add(new Report(a.run(), a.seq(), a.address(), r.action(), r.reason(), r.status(), r.replyCode(), r.diagnostic(),
                            a.reportingMta(), r.remoteHost(), a.egress() == null ? null : a.egress().ip(),
                            a.egress() == null ? null : a.egress().zone(), r.originalMessageId(), a.source(), a.provenance()));
                }

                @Override
                public void unmatched(String source, BounceRecord r, String reportingMta) {
                    NamedEgress.Named n = NamedEgress.in(r.diagnostic()).orElse(null);
                    reports.add(new Report(null, 0, r.recipient(), r.action(), r.reason(), r.status(), r.replyCode(), r.diagnostic(),
                            reportingMta, r.remoteHost(), n == null ? null : n.ip(), n == null ? null : n.zone(),
                            r.originalMessageId(), source, null));
                }

                @Override
                public void skipped(String source, String why) {
                    skipped.add(new Skipped(source, why));
                }
            });
            return new Look.Read(reports, skipped);
        } catch (MailboxException e) {
            closeQuietly();
            return new Look.Unreachable(e.getMessage());
        } catch (RuntimeException e) { // the journal is local: a failure there is a bug, not the mailbox's
            closeQuietly();
            throw e;
        }
    }

    @Override
    public String describe() {
        return mailbox != null ? mailbox.describe() : where;
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (mailbox == null) return;
        try {
            mailbox.close();
        } catch (MailboxException ignored) {
            // closing a broken mailbox: nothing more to learn
        }
        mailbox = null;
    }
}
