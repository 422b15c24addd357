package org.listguard.guard;

import java.util.List;

/** What the guard tells the pipeline to do next. Only guard/ makes these decisions. */
public sealed interface Decision {
    /** Go on at the current pace. */
    record Continue() implements Decision {}

    /** Receivers or the relay ask us to slow down: halve the rate (the throttle recovers gradually). */
    record SlowDown(String reason, Evidence evidence) implements Decision {}

    /**
     * Stop the run safely: the recipients concerned stay pending, the run becomes {@code paused}
     * with this reason and evidence, and the next {@code send} re-runs the gate and resumes.
     */
    record Pause(String reason, List<Evidence> evidence) implements Decision {
        public Pause {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * One receiving provider refuses the relay: its members wait (journaled {@code blocked}) and the
     * run goes on for everyone else; a run that ends with providers suspended ends paused.
     */
    record Suspend(String provider, String reason, List<Evidence> evidence) implements Decision {
        public Suspend {
            evidence = List.copyOf(evidence);
        }
    }

    /** The active relay is listed or being blocked: move to the next relay whose own audit passes. */
    record Failover(String relay, String reason, List<Evidence> evidence) implements Decision {
        public Failover {
            evidence = List.copyOf(evidence);
        }
    }

    /** A member of a suspended provider waits (journaled {@code blocked}); sent when the provider resumes. */
    record Hold(String provider, String reason) implements Decision {}

    /** A member of a suspended provider goes now, as its canary: no refusal within {@code guard.canary_wait} resumes the provider. */
    record Canary(String provider) implements Decision {}

    /** These providers' canaries got through: they are no longer suspended, their waiting members go again. */
    record Resume(List<String> providers) implements Decision {
        public Resume {
            providers = List.copyOf(providers);
        }
    }

    /**
     * The IP is the relay's egress, proven by a source a member cannot forge (a seed's Received:
     * line) or by {@code guard.corroborate} distinct members: remember it, and the gate audits it.
     *
     * @param source    how it was proven: {@code seed}, {@code dsn-corroborated}, {@code dmarc}
     * @param witnesses how many distinct sources named it
     */
    record LearnEgress(String ip, String source, String detail, int witnesses) implements Decision {}

    Decision CONTINUE = new Continue();
}
