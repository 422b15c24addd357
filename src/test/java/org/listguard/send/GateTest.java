package org.listguard.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.listguard.audit.AuditReport;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.audit.Verdict;

/** The gate: --allow-unknown accepts what could not be decided, never a failure hidden under an unknown verdict. */
class GateTest {
    static AuditReport audit(Finding... f) {
        return AuditReport.of(Instant.parse("2026-12-01T09:00:00Z"), List.of(f));
    }

    @Test
    void anUnusableResolverMakesTheVerdictUnknownButItsFailuresStillNeedForce() {
        AuditReport a = audit(Finding.of("resolver", "127.0.0.1:9", null, Status.UNKNOWN),
                Finding.of("relay", "smtp.isp.example:587", Role.RELAY, Status.FAIL));
        assertEquals(Verdict.UNKNOWN, a.verdict());
        Gate.Result allowed = Gate.decide(a, false, true);
        assertFalse(allowed.open(), "--allow-unknown does not accept a failure");
        assertTrue(allowed.refusal().contains("1 blocking problem"), allowed.refusal());
        assertTrue(Gate.decide(a, true, false).open(), "--force does, and is recorded");
    }

    @Test
    void unknownsAloneAreAcceptedWithAllowUnknown() {
        AuditReport a = audit(Finding.of("dnsbl", "198.51.100.25", Role.RELAY, Status.UNKNOWN));
        assertFalse(Gate.decide(a, false, false).open());
        assertTrue(Gate.decide(a, false, true).open());
    }
}
