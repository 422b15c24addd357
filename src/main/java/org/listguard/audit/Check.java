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
}
