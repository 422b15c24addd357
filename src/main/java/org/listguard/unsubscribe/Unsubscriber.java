package org.listguard.unsubscribe;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.VerpToken;
import org.listguard.config.ConfigMapper;
import org.listguard.reply.Action;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientRow;
import org.listguard.journal.Timestamps;
import org.listguard.journal.Unsubscribes;

/**
 * The unsubscribe use case, whatever the channel (one-click POST, mailto, ARF opt-out): a keyed
 * unsubscribe token ({@link VerpToken.Purpose#UNSUBSCRIBE}) names one recipient of one run; the
 * member's address is suppressed with reason {@code unsubscribe} (never counted as a complaint),
 * the request is journaled once with its UTC time and channel, and the row's action becomes
 * {@code unsubscribe}. Repeating it changes nothing and still succeeds (RFC 8058 §3.2: the
 * sender must honour the request; a second POST is not an error). Thread-safe (the journal is).
 */
public final class Unsubscriber {
    public static final String REASON = "unsubscribe";

    /** The outcome of a request. */
    public sealed interface Result {
        /** The member is unsubscribed; {@code fresh} false when an earlier request already did it. */
        record Done(RecipientRow row, boolean fresh) implements Result {}

        /** Not a token of ours (forged, altered, another purpose, a retired key): HTTP 400. */
        record BadToken(String why) implements Result {}

        /** A valid token whose run or recipient this journal does not have (pruned, another journal): HTTP 404. */
        record Unknown(String why) implements Result {}
    }

    private final Journal journal;
    private final KeyedTokens tokens;
    private final Clock clock;

    /** @param tokens the keyed tokens, or null when no key is available (every token is then refused) */
    public Unsubscriber(Journal journal, KeyedTokens tokens, Clock clock) {
        this.journal = journal;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Who the token names, without changing anything (the confirmation page of a GET). */
    public Result check(String token) {
        if (tokens == null) return new Result.BadToken("no token key to verify it with");
        KeyedTokens.Check c = tokens.check(token, VerpToken.Purpose.UNSUBSCRIBE);
        if (!(c instanceof KeyedTokens.Check.Valid v)) {
            return new Result.BadToken(c instanceof KeyedTokens.Check.Invalid i ? i.why() : "a token from before keyed tokens proves nothing");
        }
        Optional<RecipientRow> row = journal.recipient(v.id().runId(), v.id().seq());
        return row.<Result>map(r -> new Result.Done(r, false))
                .orElseGet(() -> new Result.Unknown("no such recipient in this journal (the run may have been removed)"));
    }

    /** Unsubscribes the member the token names. */
    public Result unsubscribe(String token, Unsubscribes.Channel channel, String origin) {
        Result r = check(token);
        if (!(r instanceof Result.Done d)) return r;
        return new Result.Done(d.row(), apply(d.row(), channel, origin));
    }

    /** Unsubscribes the member of a row already tied to a message we sent, in one transaction; false when done before. */
    public boolean apply(RecipientRow row, Unsubscribes.Channel channel, String origin) {
        return journal.atomically(() -> applyInTransaction(row, channel, origin));
    }

    /**
     * {@link #apply} for a caller already inside {@link Journal#atomically} (transactions do not
     * nest): bounce processing applies an authenticated ARF opt-out or mailto request this way.
     */
    public boolean applyInTransaction(RecipientRow row, Unsubscribes.Channel channel, String origin) {
        boolean fresh = journal.unsubscribes().record(row.run(), row.seq(), row.email(), channel, origin);
        if (!journal.suppressions().isSuppressed(row.emailKey())) {
            journal.suppressions().add(row.email(), REASON, Action.UNSUBSCRIBE, evidence(row, channel, origin), row.run());
        }
        if (fresh) journal.feedback().recordLaterAction(row.run(), row.seq(), Action.UNSUBSCRIBE, REASON);
        return fresh;
    }

    private String evidence(RecipientRow row, Unsubscribes.Channel channel, String origin) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("action", Action.UNSUBSCRIBE.json());
        e.put("channel", channel.db());
        e.put("run", row.run());
        e.put("seq", row.seq());
        if (origin != null) e.put("origin", origin);
        e.put("at", Timestamps.format(clock.instant()));
        try {
            return ConfigMapper.json().writeValueAsString(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }
}
