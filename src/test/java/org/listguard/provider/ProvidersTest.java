package org.listguard.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.listguard.dns.DnsjavaClient;
import org.listguard.testing.TestDnsServer;

/** Provider grouping by MX, over a real DNS server on loopback (src/test/resources/dns/providers). */
class ProvidersTest {
    static TestDnsServer server;
    static Providers providers;

    @BeforeAll
    static void start() throws Exception {
        server = TestDnsServer.start(Path.of("src/test/resources/dns/providers"));
        server.servfail("broken.mail.test");
        providers = new Providers(DnsjavaClient.of(List.of(server.address()), Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void gmailAndGoogleHostedDomainsAreOneProvider() {
        assertEquals("google", providers.of("gmail.mail.test").name());
        assertEquals("google", providers.of("someone@workspace.mail.test").name());
        assertEquals("google", providers.of("legacy.mail.test").name());
    }

    @Test
    void microsoftYahooAolAndAppleAreRecognisedByMx() {
        assertEquals("microsoft", providers.of("tenant.mail.test").name());
        assertEquals("microsoft", providers.of("hotmail.mail.test").name());
        assertEquals("yahoo", providers.of("yahoo.mail.test").name());
        assertEquals("yahoo", providers.of("aol.mail.test").name());
        assertEquals("apple", providers.of("icloud.mail.test").name());
    }

    @Test
    void anyOtherMxIsGroupedByItsRegistrableDomainUsingTheMostPreferredHost() {
        Provider p = providers.of("isp1.mail.test");
        assertEquals("isp-mail.co.uk", p.name());
        assertEquals("mx1.isp-mail.co.uk", p.via());
        assertEquals("isp-mail.co.uk", providers.of("isp2.mail.test").name());
    }

    /** Issue 18: the Public Suffix List, so two ISPs under net.nz are two providers (a block at one does not hold the other). */
    @Test
    void mxHostsUnderAMultiLabelPublicSuffixAreGroupedByTheirOwnRegistrableDomain() {
        assertEquals("example.net.nz", providers.of("nz1.mail.test").name());
        assertEquals("other.net.nz", providers.of("nz2.mail.test").name());
    }

    @Test
    void aDomainWithoutMxIsItsOwnProvider() {
        Provider p = providers.of("nomx.mail.test");
        assertEquals("mail.test", p.name());
        assertTrue(p.via().startsWith("no MX"), p.via());
    }

    @Test
    void eachDomainIsAskedOnce() {
        providers.of("icloud.mail.test");
        int before = server.queryCount();
        providers.of("ICLOUD.mail.test");
        providers.of("x@icloud.mail.test");
        assertEquals(before, server.queryCount());
    }

    @Test
    void aFailedLookupIsMarkedUnresolvedAndNotCached() {
        Provider p = providers.of("broken.mail.test");
        assertTrue(p.via().startsWith("unresolved"), p.via());
        int before = server.queryCount();
        providers.of("broken.mail.test");
        assertTrue(server.queryCount() > before);
    }
}
