package org.listguard.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.listguard.compose.ComposedMessage;
import org.listguard.compose.Composer;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.deliver.Envelope;
import org.listguard.deliver.RelaySession;
import org.listguard.deliver.SubmitResult;
import org.listguard.reply.Action;
import org.listguard.reply.Classification;
import org.listguard.reply.Reply;
import org.listguard.reply.ReplyClassifier;
import org.listguard.guard.Observation;
import org.listguard.journal.Due;
import org.listguard.journal.Journal;
import org.listguard.journal.Outcome;
import org.listguard.journal.RecipientStatus;

/**
 * One recipient, start to finish: {@link #prepare} (compose → sign, CPU only, done ahead on other
 * cores) then {@link #submit} (journal "sending", committed before the SMTP transaction starts —
 * DESIGN invariant 2 — → submit → classify → journal the outcome). Returns what the guard needs
 * to see, or empty when the recipient was accepted or was not ours to send.
 */
final class Delivery {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Delivery.class);

    /**
     * Texts a smart host uses when it passes on a downstream receiver's reply (synchronous relaying):
     * such a reputation reply is about the receiver's view of the relay, counted against
     * {@code guard.pause_after.reputation_downstream}.
     */
    static final Pattern DOWNSTREAM = Pattern.compile(
            "(?i)(host \\S+ said:|remote (server|host) (replied|said|returned)|\\bmx\\S* (said|replied)|relayed reply)");

    /**
     * The result of one recipient's attempt.
     *
     * @param unrecorded its outcome, to be journaled with the connection's next step ({@link #submit})
     *                   or by {@link #record} when the connection stops; null when nothing was sent
     */
    record Attempt(boolean sent, SubmitResult result, Optional<Observation> observation, Unrecorded unrecorded, String failure) {
        Attempt(boolean sent, SubmitResult result, Optional<Observation> observation, Unrecorded unrecorded) {
            this(sent, result, observation, unrecorded, null);
        }
    }

    /** An outcome not journaled yet. */
    record Unrecorded(long seq, Outcome outcome) {}

    /**
     * A recipient's message, composed and signed: no side effect yet, so it may be made ahead and
     * dropped. {@code failure} is set (and the message null) when it could not be made: see {@link RecipientFailure}.
     */
    record Prepared(Due due, ComposedMessage message, byte[] raw, String failure) {
        Prepared(Due due, ComposedMessage message, byte[] raw) {
            this(due, message, raw, null);
        }
    }

    private final String runId;
    private final Composer composer;
    private final DkimSigner signer;
    private final Journal journal;
    private final ReplyClassifier classifier;
    private final Clock clock;
    private org.listguard.config.Throttle retry = org.listguard.config.Throttle.DEFAULT;
    private org.listguard.feedback.RelayRefusals refusals;

    Delivery(String runId, Composer composer, DkimSigner signer, Journal journal, ReplyClassifier classifier, Clock clock) {
        this.runId = runId;
        this.composer = composer;
        this.signer = signer;
        this.journal = journal;
        this.classifier = classifier;
        this.clock = clock;
        this.refusals = new org.listguard.feedback.RelayRefusals(journal, org.listguard.config.BounceScore.DEFAULT, clock);
    }

    /** The bounces.score settings a relay's refusal is weighed with (the defaults otherwise). */
    Delivery weighing(org.listguard.config.BounceScore score) {
        this.refusals = new org.listguard.feedback.RelayRefusals(journal, score, clock);
        return this;
    }

    /** Compose and sign (CPU only; safe to run on other threads ahead of the sending). */
    Prepared prepare(Due due) {
        ComposedMessage m;
        try {
            m = composer.compose(runId, due.seq(), due.recipient());
        } catch (RuntimeException e) {
            return new Prepared(due, null, null, RecipientFailure.reason("compose", e));
        }
        try {
            return new Prepared(due, m, signer == null ? m.raw() : signer.sign(m.raw()));
        } catch (RuntimeException e) {
            return new Prepared(due, null, null, RecipientFailure.reason("DKIM-sign", e));
        }
    }

    /**
     * Journal the connection's previous outcome together with "sending" for this recipient (one
     * commit, before the SMTP transaction starts), submit, classify. The outcome is returned
     * unrecorded: the connection's next step, or {@link #record}, journals it.
     */
    Attempt submit(Prepared prepared, RelaySession session, String relayHost, Unrecorded previous) {
        Due due = prepared.due();
        if (prepared.failure() != null) return RecipientFailure.record(journal, runId, due, prepared.failure(), previous);
        ComposedMessage m = prepared.message();
        boolean mine = journal.recipients().recordAndMarkSending(runId, previous == null ? 0 : previous.seq(),
                previous == null ? null : previous.outcome(), due.seq(), m.messageId());
        if (!mine) return new Attempt(false, null, Optional.empty(), null);
        SubmitResult r;
        try {
            r = session.submit(new Envelope(m.envelopeFrom(), due.recipient().email()), prepared.raw());
        } catch (RuntimeException e) {
            return RecipientFailure.record(journal, runId, due, RecipientFailure.reason("submit", e), null);
        }
        if (r.outcome() == org.listguard.deliver.Outcome.UNSENDABLE) {
            return RecipientFailure.skip(journal, runId, due, r.text());
        }
        if (log.isDebugEnabled()) { // the escaping of the reply is not made for a line nobody logs
            log.debug("run {} #{} {}: {} at {}: {}", runId, due.seq(), due.recipient().email(), r.outcome().json(),
                    r.stage(), org.listguard.report.Visible.line(r.text()));
        }
        if (r.accepted()) {
            return new Attempt(true, r, Optional.empty(), new Unrecorded(due.seq(),
                    Outcome.accepted(r.code(), r.enhanced(), r.text(), r.relay(), r.queueId(), m.messageId())));
        }
        boolean downstream = DOWNSTREAM.matcher(r.text()).find();
        Reply reply = new Reply(r.stage(), r.code(), r.enhanced(), r.text().replace('\n', ' '), relayHost, !downstream);
        Classification c = RecipientFailure.classify(classifier, reply);
        if (!c.action().senderSide() && c.action() != Action.NONE) {
            // every member-side refusal is the member's evidence, as a DSN is (issue 22): its rules decide (at once only
            // on an addressing code at RCPT; a full, disabled or filtering mailbox only adds to the look score)
            refusals.record(runId, due.seq(), due.recipient().email(), reply, c, r.relay());
        }
        return new Attempt(true, r, Optional.of(new Observation(clock.instant(), r.relay(), due.recipient().domain(), reply, c, due.recipient().key())),
                new Unrecorded(due.seq(), outcome(r, c, due.attempts() + 1, m.messageId())));
    }

    /** The retry schedule of deferred recipients (throttle.retry); the default otherwise. */
    Delivery retrying(org.listguard.config.Throttle throttle) {
        this.retry = throttle;
        return this;
    }

    /** Journals an outcome the connection's next step will not (the batch or the run stopped). */
    void record(Unrecorded u) {
        if (u != null) journal.recipients().recordOutcome(runId, u.seq(), u.outcome());
    }

    /**
     * The journal status of a failed attempt. A reply that is the sender's problem (reputation,
     * sender, throttle) keeps the recipient waiting whatever its code — never rejected, never
     * suppressed (DESIGN invariant 3); an unexplained transport failure after DATA is unknown.
     */
    private Outcome outcome(SubmitResult r, Classification c, int attempts, String messageId) {
        RecipientStatus status;
        Instant next = null;
        switch (r.outcome()) {
            case UNKNOWN -> status = RecipientStatus.UNKNOWN;
            case DEFERRED -> {
                status = RecipientStatus.DEFERRED;
                next = clock.instant().plus(retry.retryAfter(attempts));
            }
            default -> {
                if (c.action().senderSide()) {
                    status = RecipientStatus.DEFERRED;
                    next = clock.instant().plus(retry.retryAfter(attempts));
                } else {
                    status = RecipientStatus.REJECTED;
                }
            }
        }
        return new Outcome(status, r.code(), r.enhanced(), r.text(), r.stage(), r.relay(), r.queueId(), messageId,
                c.action(), c.reason(), next);
    }
}
