package org.listguard.audit;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One audit rule. A check issues its network questions (through {@link AuditContext#dns()} and
 * the probes) without blocking, so that all checks of an audit run in parallel and the audit
 * takes about one round trip. A check whose question could not be answered returns a finding
 * with {@link Status#UNKNOWN} — never PASS (fail closed).
 */
public interface Check {
    /** The check's name in findings ({@code dnsbl}, {@code spf}, …). */
    String name();

    CompletableFuture<List<Finding>> run(AuditContext ctx);

    /**
     * A check that also reads what the other checks found, once they all have (the bulk-sender
     * section restates SPF, DKIM, DMARC, FCrDNS and TLS findings as the providers' rules).
     */
    interface Derived {
        /** @param others every finding of the other checks of this audit */
        List<Finding> derive(AuditContext ctx, List<Finding> others);
    }
}
