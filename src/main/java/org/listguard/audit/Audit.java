package org.listguard.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs every check at once and composes the verdict. A check that throws (a bug, or I/O it did
 * not expect) yields an {@code unknown} finding naming the error: an audit never reports "go"
 * for a check it could not finish. An {@link org.listguard.InputException} a check throws when it
 * starts (bad config it reads late, e.g. an unknown zone name) propagates: it is exit 2.
 */
public final class Audit {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Audit.class);
    private final List<Check> checks;

    public Audit(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public AuditReport run(AuditContext ctx) {
        List<CompletableFuture<List<Finding>>> running = new ArrayList<>();
        for (Check c : checks) running.add(start(c, ctx));
        List<Finding> all = new ArrayList<>();
        for (CompletableFuture<List<Finding>> f : running) all.addAll(f.join());
        List<Finding> others = List.copyOf(all);
        for (Check c : checks) if (c instanceof Check.Derived d) all.addAll(d.derive(ctx, others));
        return AuditReport.of(ctx.clock().instant(), all);
    }

    private static CompletableFuture<List<Finding>> start(Check c, AuditContext ctx) {
        CompletableFuture<List<Finding>> f;
        try {
            f = c.run(ctx);
        } catch (org.listguard.InputException e) {
            throw e; // bad config (e.g. an unknown zone name) is exit 2, not an unknown finding
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.exceptionally(err -> {
            Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            log.debug("check {} could not finish", c.name(), t);
            return List.of(Finding.of(c.name(), "-", null, Status.UNKNOWN)
                    .withDetail("the check could not finish: " + t)
                    .withRemediation("this is a bug in listguard or an unexpected I/O error; run with --verbose and report it"));
        });
    }
}
