package org.listguard.audit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.listguard.audit.auth.Fixtures.RELAY;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Status;
import org.listguard.dns.DnsClient;
import org.listguard.dns.DnsjavaClient;
import org.listguard.testing.TestDnsServer;

class MxCheckTest {
    static TestDnsServer server;
    static DnsClient dns;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestDnsServer.start(Path.of("src/test/resources/dns/auth"));
        server.drop("slowmx.auth.test");
        dns = DnsjavaClient.of(List.of(server.address()), Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    Finding mx(String returnPathDomain) {
        return Fixtures.only(Fixtures.run(new MxCheck(), Fixtures.context(
                Fixtures.config(dir, "news@auth.test", "bounces@" + returnPathDomain, RELAY, ""), dns)));
    }

    @Test
    void mxRecordsPass() {
        Finding f = mx("pass.auth.test");
        assertEquals(Status.PASS, f.status());
        assertEquals("10 mx.auth.test.", f.code());
    }

    @Test
    void nullMxFails() {
        Finding f = mx("nullmx.auth.test");
        assertEquals(Status.FAIL, f.status());
        assertEquals("0 .", f.code());
    }

    @Test
    void noMxButAnAddressIsTheImplicitMxAndWarns() {
        assertEquals(Status.WARN, mx("implicit.auth.test").status());
    }

    @Test
    void existingNameWithoutMxOrAddressFails() {
        assertEquals(Status.FAIL, mx("neutral.auth.test").status());
    }

    @Test
    void nonexistentDomainFails() {
        Finding f = mx("gone.auth.test");
        assertEquals(Status.FAIL, f.status());
        assertEquals("NXDOMAIN", f.code());
    }

    @Test
    void unansweredLookupIsUnknown() {
        assertEquals(Status.UNKNOWN, mx("slowmx.auth.test").status());
    }
}
