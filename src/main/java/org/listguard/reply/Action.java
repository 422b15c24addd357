package org.listguard.reply;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What listguard does about a reply or bounce (DELIVERABILITY.md §4). The cardinal rule: only
 * {@link #HARD}, {@link #COMPLAINT} and {@link #UNSUBSCRIBE} ever suppress a recipient; {@link #REPUTATION},
 * {@link #SENDER} and {@link #THROTTLE} are the sender's problem and pause or slow the run.
 */
public enum Action {
    /** The sender's IP or domain is blocked for reputation: pause, keep the recipient, collect evidence. */
    REPUTATION,
    /** Rate or connection limits: slow down, defer; pause if it persists. */
    THROTTLE,
    /** Sender-side configuration (auth, PTR, relay access, envelope): pause. */
    SENDER,
    /** The address does not exist / does not accept mail: suppress the recipient. */
    HARD,
    /** Temporary recipient-side problem: retry later, no suppression. */
    SOFT,
    /** The message was judged as spam/virus/policy: flag the campaign, pause if repeated. */
    CONTENT,
    /** A feedback-loop complaint (ARF): suppress and count toward the complaint rate. */
    COMPLAINT,
    /**
     * The member asked to leave (one-click or mailto unsubscribe, ARF {@code feedback-type: opt-out}):
     * suppress with reason {@code unsubscribe}; not a complaint, never counted toward the complaint rate.
     */
    UNSUBSCRIBE,
    /** Nothing to do (auto-reply, delivery report). */
    NONE;

    /** Whether this action may suppress the recipient (only HARD, COMPLAINT and UNSUBSCRIBE may). */
    public boolean suppresses() { return this == HARD || this == COMPLAINT || this == UNSUBSCRIBE; }

    /** Whether this is the sender's problem, which must pause/slow the run and never touch the member. */
    public boolean senderSide() { return this == REPUTATION || this == SENDER || this == THROTTLE; }

    @JsonValue
    public String json() { return name().toLowerCase(Locale.ROOT); }

    public static Action parse(String s) { return valueOf(s.trim().toUpperCase(Locale.ROOT)); }
}
