package org.listguard.audit.dnsbl;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;

/** Placeholder until the check is built: reports unknown, never pass. */
public final class DnsblCheck implements Check {
    @Override
    public String name() { return "dnsbl"; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        return CompletableFuture.completedFuture(List.of(Finding.of(name(), "-", null, Status.UNKNOWN).withDetail("not built yet")));
    }
}
