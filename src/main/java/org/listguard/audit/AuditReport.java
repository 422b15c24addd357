package org.listguard.audit;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The audit's result; serialised as DESIGN.md's audit JSON. */
public record AuditReport(Verdict verdict,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) Instant checkedAt,
                          List<Finding> findings) {
    public AuditReport {
        findings = List.copyOf(findings);
    }

    public static AuditReport of(Instant at, List<Finding> findings) {
        List<Finding> sorted = findings.stream()
                .sorted(Comparator.comparing(Finding::status).thenComparing(f -> f.role() == null ? "" : f.role().json())
                        .thenComparing(f -> f.target() == null ? "" : f.target()).thenComparing(Finding::check))
                .toList();
        return new AuditReport(Verdict.of(findings), at, sorted);
    }

    public long count(Status s) {
        return findings.stream().filter(f -> f.status() == s).count();
    }
}
