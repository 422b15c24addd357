package org.listguard.send;

import org.listguard.audit.AuditReport;
import org.listguard.audit.Verdict;

/**
 * The first step of every send: the audit's verdict decides whether the run may start.
 * {@code no-go} refuses unless forced (the override is recorded in the journal); {@code unknown}
 * refuses unless the operator accepts it with {@code --allow-unknown}.
 */
public final class Gate {
    /** @param refusal null when the run may start; otherwise why not */
    public record Result(AuditReport audit, boolean open, boolean forced, String refusal) {}

    private Gate() {}

    public static Result decide(AuditReport audit, boolean force, boolean allowUnknown) {
        Verdict v = audit.verdict();
        if (v == Verdict.GO) return new Result(audit, true, false, null);
        if (v == Verdict.NO_GO) {
            if (force) return new Result(audit, true, true, null);
            return new Result(audit, false, false, "the audit found " + audit.count(org.listguard.audit.Status.FAIL)
                    + " blocking problem(s); fix them (see above) or override with --force at your own risk");
        }
        // an unknown verdict can hide failures (an unusable resolver makes the verdict unknown whatever else
        // failed): --allow-unknown accepts the unknowns, never a failure; only --force overrides those
        long fails = audit.count(org.listguard.audit.Status.FAIL);
        if (fails > 0 && !force) {
            return new Result(audit, false, false, "the audit could not decide everything and found " + fails
                    + " blocking problem(s); fix them (see above) or override with --force at your own risk");
        }
        if (allowUnknown || force) return new Result(audit, true, force, null);
        return new Result(audit, false, false, audit.count(org.listguard.audit.Status.UNKNOWN)
                + " check(s) could not be decided; fix the cause (often DNS: use your own resolver) or accept with --allow-unknown");
    }
}
