package org.listguard.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.auth.Fixtures;
import org.listguard.config.Config;
import org.listguard.dns.DnsAnswer;
import org.listguard.dns.DnsClient;
import org.listguard.dns.ZoneAnswerer;
import org.listguard.dns.ZoneDnsClient;
import org.listguard.report.AuditText;

/**
 * A resolver that does not answer, or answers NXDOMAIN to everything, is one top-line finding and
 * an unknown verdict (exit 4), not dozens of unknowns and advice to remove every list (issue 19).
 */
class ResolverCheckTest {
    @TempDir
    Path dir;

    private Config config() {
        return Fixtures.config(dir, "news@example.org", "bounces@example.org", Fixtures.RELAY, "");
    }

    private AuditReport audit(DnsClient dns) {
        return new Audit(Checks.standard(url -> CompletableFuture.completedFuture(
                new org.listguard.audit.bulk.EndpointProbe.Answer(200, null)))).run(Fixtures.context(config(), dns));
    }

    @Test
    void aResolverThatTimesOutIsOneFindingAndTheVerdictIsUnknown() {
        DnsClient dead = (name, type) -> CompletableFuture.completedFuture(new DnsAnswer.Failure(DnsAnswer.Failure.Kind.TIMEOUT, "no answer in 2s"));
        AuditReport r = audit(dead);
        assertEquals(Verdict.UNKNOWN, r.verdict(), "exit 4: nothing could be decided");
        List<Finding> resolver = r.findings().stream().filter(f -> f.check().equals("resolver")).toList();
        assertEquals(1, resolver.size(), r.findings().toString());
        assertTrue(resolver.get(0).detail().contains("did not answer"), resolver.get(0).detail());
        String text = AuditText.render(r);
        String top = text.lines().skip(1).filter(l -> !l.isBlank()).findFirst().orElseThrow();
        assertTrue(top.contains("UNKNOWN resolver"), "the resolver is the top line: " + text);
        assertTrue(text.contains("other check(s) are unknown because of it"), text);
        assertTrue(!text.contains("remove zen.spamhaus.org"), "no advice to remove lists: " + text);
    }

    @Test
    void aResolverThatAnswersNxdomainToEverythingIsNotBelieved() {
        DnsClient liar = (name, type) -> CompletableFuture.completedFuture(new DnsAnswer.NxDomain(60));
        AuditReport r = audit(liar);
        assertEquals(Verdict.UNKNOWN, r.verdict());
        Finding f = r.findings().stream().filter(x -> x.check().equals("resolver")).findFirst().orElseThrow();
        assertTrue(f.detail().contains("NXDOMAIN to everything"), f.detail());
    }

    @Test
    void aWorkingResolverAddsNoFinding() throws Exception {
        DnsClient world = new ZoneDnsClient(ZoneAnswerer.fromDirectory(Path.of("config", "sandbox")));
        AuditReport r = audit(world);
        assertTrue(r.findings().stream().noneMatch(f -> f.check().equals("resolver")), r.findings().toString());
    }
}
