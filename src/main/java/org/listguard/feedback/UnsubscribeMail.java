package org.listguard.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.listguard.compose.ListHeaders;
import org.listguard.reply.Action;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.UnverifiedReports;
import org.listguard.journal.Unsubscribes;
import org.listguard.unsubscribe.Unsubscriber;

/**
 * A member's mail to the List-Unsubscribe mailto address, {@code LOCAL+u-TOKEN@DOMAIN}
 * (RFC 2369 §3.2): the token as the receiving MTA recorded the envelope recipient
 * (Delivered-To, X-Original-To, Envelope-To) or, failing those, the To header. Only the header
 * section is read, at most 64 KB (DESIGN.md invariant 9). A valid keyed unsubscribe token
 * unsubscribes the member it names; any other is kept as an unverified report.
 */
final class UnsubscribeMail {
    private static final Pattern TOKEN = Pattern.compile("\\+" + ListHeaders.MAILTO_PREFIX + "([A-Za-z0-9-]{1,80})@", Pattern.CASE_INSENSITIVE);
    private static final String[] HEADERS = {"Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To"};
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Journal journal;
    private final Unsubscriber unsubscriber;

    UnsubscribeMail(Journal journal, Unsubscriber unsubscriber) {
        this.journal = journal;
        this.unsubscriber = unsubscriber;
    }

    /** Applies a mail to the unsubscribe address with this token (its key not yet processed); unverified when the token is not ours. */
    MessageOutcome apply(String key, String source, String token) {
        Unsubscriber.Result r = unsubscriber.check(token);
        if (r instanceof Unsubscriber.Result.Done d) {
            RecipientRow row = d.row();
            boolean[] fresh = new boolean[2];
            boolean applied = journal.atomically(() -> {
                if (!journal.feedback().markProcessed(key, source, json(Map.of("run", row.run(), "seq", row.seq(), "action", "unsubscribe",
                        "matched_by", "unsubscribe-token")))) {
                    return false;
                }
                fresh[1] = !journal.suppressions().isSuppressed(row.emailKey());
                fresh[0] = unsubscriber.applyInTransaction(row, Unsubscribes.Channel.MAILTO, source);
                return true;
            });
            if (!applied) return new MessageOutcome(source, MessageOutcome.Kind.ALREADY_PROCESSED, List.of(), List.of(), null);
            return new MessageOutcome(source, MessageOutcome.Kind.UNSUBSCRIBED, List.of(new MessageOutcome.AppliedRecord(row.run(), row.seq(),
                    row.email(), Action.UNSUBSCRIBE, "unsubscribe-token", fresh[1], false, null)), List.of(), null);
        }
        String why = r instanceof Unsubscriber.Result.BadToken b ? "unsubscribe mail whose token does not verify: " + b.why()
                : "unsubscribe mail for a recipient this journal does not have";
        MessageOutcome.UnverifiedRecord u = new MessageOutcome.UnverifiedRecord("unsubscribe", null, Action.UNSUBSCRIBE, why, null, null);
        journal.unverifiedReports().add(new UnverifiedReports.Entry(key, 0, source, "unsubscribe", Action.UNSUBSCRIBE.json(), null, null, null,
                why, json(Map.of("token", token))));
        return new MessageOutcome(source, MessageOutcome.Kind.UNVERIFIED, List.of(), List.of(u), null);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unsubscribe token this mail was addressed to, or empty when it is not such a mail. */
    static Optional<String> token(byte[] message) {
        InternetHeaders h;
        try {
            int n = Math.min(message.length, MAX_HEADER_BYTES);
            h = new InternetHeaders(new ByteArrayInputStream(message, 0, n));
        } catch (MessagingException e) {
            return Optional.empty();
        }
        for (String name : HEADERS) {
            String[] vs = h.getHeader(name);
            if (vs == null) continue;
            for (String v : vs) {
                Matcher m = TOKEN.matcher(v);
                if (m.find()) return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
