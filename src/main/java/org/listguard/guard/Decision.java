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

    Decision CONTINUE = new Continue();
}
