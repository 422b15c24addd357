package org.listguard.audit.dnsbl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.listguard.audit.dnsbl.ReputationWorld.only;
import static org.listguard.audit.dnsbl.ReputationWorld.run;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;

/** Score and allow zones (Sender Score, Mailspike rep, DNSWL): check {@code reputation}, value and threshold. */
class ScoreZonesTest {
    @TempDir
    Path dir;

    ReputationWorld world;

    @BeforeEach
    void start() {
        world = new ReputationWorld(dir);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    Finding relay(String ip, String zone) {
        List<Finding> fs = run(new DnsblCheck(), world.context(world.config("192.0.2.101", "ips: [" + ip + "]", "  zones: [" + zone + "]")));
        return only(fs, f -> ip.equals(f.target()) && f.role() == Role.RELAY);
    }

    @Test
    void aSenderScoreBelowTheFailThresholdFailsOnARelayAndGivesValueAndThreshold() {
        Finding f = relay("192.0.2.30", "score.senderscore.com");
        assertEquals("reputation", f.check());
        assertEquals(Status.FAIL, f.status());
        assertEquals("127.0.4.35", f.code());
        assertTrue(f.detail().contains(" 35 ") && f.detail().contains("fail below 50"), f.detail());
    }

    @Test
    void aHighSenderScorePasses() {
        assertEquals(Status.PASS, relay("192.0.2.31", "score.senderscore.com").status());
    }

    @Test
    void senderScoresUnregisteredResolverAnswerIsUnknown() {
        Finding f = relay("192.0.2.32", "score.senderscore.com");
        assertEquals(Status.UNKNOWN, f.status());
        assertTrue(f.meaning().contains("not registered"), f.meaning());
    }

    @Test
    void mailspikeL4FailsOnARelay() {
        Finding f = relay("192.0.2.40", "rep.mailspike.net");
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.meaning().startsWith("L4"), f.meaning());
    }

    @Test
    void mailspikeL4OnTheOriginWarns() {
        List<Finding> fs = run(new DnsblCheck(), world.context(world.config("192.0.2.40", "ips: [192.0.2.100]", "  zones: [rep.mailspike.net]")));
        assertEquals(Status.WARN, only(fs, f -> f.role() == Role.ORIGIN).status());
    }

    @Test
    void mailspikeH3Passes() {
        Finding f = relay("192.0.2.41", "rep.mailspike.net");
        assertEquals(Status.PASS, f.status());
        assertTrue(f.detail().contains(" 18 "), f.detail());
    }

    @Test
    void aDnswlListingIsAPositiveSignalWithItsTrust() {
        Finding f = relay("192.0.2.50", "list.dnswl.org");
        assertEquals("reputation", f.check());
        assertEquals(Status.PASS, f.status());
        assertEquals("127.0.5.3", f.code());
        assertTrue(f.detail().contains("trust 3"), f.detail());
    }
}
