package org.listguard.guard;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.listguard.audit.AuditReport;

/**
 * What happened in a run, as its collaborators report it to the {@link Guard} — the one owner of
 * the run's state — through {@link Guard#decide}. Collaborators (the delivery, the return path,
 * the seeds, the provider hold) report; the guard decides; the run loop alone acts (STYLE.md rule
 * 9). Each event says who said it ({@link Provenance}), and what it may change follows from that
 * (DESIGN.md invariant 11), not from where in the code it was read.
 */
public sealed interface RunEvent {

    /** Who said it. */
    Provenance provenance();

    /** The relay's reply to one transaction in our session (a member's or a seed's). */
    record Replied(Observation observation) implements RunEvent {
        @Override public Provenance provenance() { return new Provenance.RelayReply(observation.relay()); }
    }

    /**
     * A receiver behind the relay refused a message it had accepted (a DSN read from the return
     * path), proven by {@code provenance}: one member's token or Message-ID, or our seed's
     * Message-ID. {@code listingConfirmed}: the IP the receiver named is a known egress of ours
     * and the list it named answers "listed" for it (our own lookup): only then may a named
     * listing pause the run at once.
     */
    record Refused(DownstreamVerdict verdict, Provenance provenance, boolean listingConfirmed) implements RunEvent {}

    /**
     * A report named {@code ip} as the relay's egress (a DSN's "client host [ip]", a seed's
     * Received: line). The guard decides whether it is learned: a seed's line at once, one member's
     * report never on its own.
     */
    record EgressNamed(String ip, String zone, String text, Provenance provenance) implements RunEvent {}

    /** The between-batch reputation re-check, against the gate's baseline (our own DNS lookups). */
    record Rechecked(AuditReport baseline, AuditReport recheck) implements RunEvent {
        @Override public Provenance provenance() { return Provenance.OWN_LOOKUP; }
    }

    /**
     * A look into the seed mailbox: the seeds the relay accepted that it did not find, and why the
     * mailbox could not be read (null when it was read).
     */
    record SeedsLooked(List<Seed> missing, String mailbox, String unreachable) implements RunEvent {
        public SeedsLooked {
            missing = List.copyOf(missing);
        }

        @Override public Provenance provenance() { return new Provenance.Seed(mailbox); }
    }

    /**
     * Where one of our seeds ended up at its receiving provider ({@code provider}): in the inbox or
     * the junk folder of its mailbox (with the receiver's verdict from its headers), or missing when
     * {@code guard.seed_first} stopped waiting for it. Our own mailbox saw it: no member can forge it.
     */
    record SeedPlaced(Seed seed, String provider, org.listguard.placement.Placement placement, String folder,
                      org.listguard.placement.ReceiverVerdict verdict, java.time.Duration after) implements RunEvent {
        public SeedPlaced {
            verdict = verdict == null ? org.listguard.placement.ReceiverVerdict.NONE : verdict;
        }

        @Override public Provenance provenance() { return new Provenance.Seed(seed.address()); }
    }

    /** The return path could not be read (since {@code lastRead}): no news is not good news. */
    record ReturnPathUnreadable(Instant lastRead, String mailbox, String why) implements RunEvent {
        @Override public Provenance provenance() { return Provenance.OWN_LOOKUP; }
    }

    /**
     * A member of {@code provider} is next in a batch: {@link Decision.Continue} (send),
     * {@link Decision.Canary} (send as the suspended provider's canary) or {@link Decision.Hold}.
     */
    record MemberDue(String provider) implements RunEvent {
        @Override public Provenance provenance() { return Provenance.OWN_LOOKUP; }
    }

    /** What became of a canary: the relay accepted it ({@code accepted}; a refusal is awaited) or did not. */
    /**
     * What became of the canary let through to a suspended provider: accepted by the relay or not.
     * {@code run} and {@code seq} name the canary member, so only its own report (or an
     * unforgeable one) can speak for the canary; empty run and -1 when not known.
     */
    record CanarySubmitted(String provider, boolean accepted, String run, long seq) implements RunEvent {
        public CanarySubmitted(String provider, boolean accepted) {
            this(provider, accepted, "", -1);
        }

        @Override public Provenance provenance() { return new Provenance.RelayReply(provider); }
    }

    /**
     * Time passed (a look at the return path): providers whose canary drew no refusal within
     * {@code guard.canary_wait} resume ({@link Decision.Resume}).
     */
    record Tick() implements RunEvent {
        @Override public Provenance provenance() { return Provenance.OWN_LOOKUP; }
    }

    /**
     * A block remembered from an earlier run ({@code guard.block_memory}): the provider starts
     * suspended, with a canary due at once.
     */
    record RememberedBlock(String provider, String reason, List<Evidence> evidence) implements RunEvent {
        public RememberedBlock {
            evidence = List.copyOf(evidence);
        }

        @Override public Provenance provenance() { return Provenance.OWN_LOOKUP; }
    }

    /**
     * Every member is done: {@code waitingProviders} hold members journaled blocked, and
     * {@code blockedMembers} members of the run are blocked in all.
     */
    record Ended(Set<String> waitingProviders, long blockedMembers) implements RunEvent {
        public Ended {
            waitingProviders = Set.copyOf(waitingProviders);
        }

        @Override public Provenance provenance() { return Provenance.OWN_LOOKUP; }
    }
}
