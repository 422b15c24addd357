package org.listguard.audit.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.listguard.audit.dnsbl.ReputationWorld.only;
import static org.listguard.audit.dnsbl.ReputationWorld.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.audit.dnsbl.ReputationWorld;

class ContentCheckTest {
    static final String DOMAIN_ZONES = "  zones: [dbl.spamhaus.org, multi.surbl.org, multi.uribl.com]";

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

    List<Finding> audit(String text, String html) throws IOException {
        Files.writeString(dir.resolve("news.txt"), text);
        if (html != null) Files.writeString(dir.resolve("news.html"), html);
        return run(new ContentCheck(), world.context(world.config("192.0.2.60", "ips: [192.0.2.60]", DOMAIN_ZONES)));
    }

    static Finding domain(List<Finding> fs, String d) {
        return only(fs, f -> d.equals(f.target()) && f.check().equals("content"));
    }

    @Test
    void aLinkToADblListedDomainFailsWithTheZoneAndCode() throws IOException {
        Finding f = domain(audit("Read https://www.badlinks.example/offer?x=1 now\n", null), "badlinks.example");
        assertEquals(Status.FAIL, f.status());
        assertEquals(Role.CONTENT, f.role());
        assertEquals("dbl.spamhaus.org", f.source());
        assertEquals("127.0.1.2", f.code());
        assertTrue(f.url().contains("badlinks.example"), f.url());
    }

    @Test
    void aCleanLinkDomainPassesUnderItsRegistrableDomain() throws IOException {
        Finding f = domain(audit("See http://news.clean.co.uk/a and https://clean.co.uk/b\n", null), "clean.co.uk");
        assertEquals(Status.PASS, f.status());
        assertTrue(f.detail().contains("multi.uribl.com"), f.detail());
    }

    @Test
    void aSurblBitmaskListingInTheHtmlTemplateFails() throws IOException {
        Finding f = domain(audit("plain\n", "<a href=\"https://login.phish.example/\">x</a>"), "phish.example");
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.meaning().contains("phishing"), f.meaning());
    }

    @Test
    void aUriblGreyListingFails() throws IOException {
        Finding f = domain(audit("https://grey.example/\n", null), "grey.example");
        assertEquals(Status.FAIL, f.status());
        assertEquals("multi.uribl.com", f.source());
    }

    @Test
    void anErrorAnswerMakesTheDomainUnknown() throws IOException {
        Finding f = domain(audit("https://oops.example/\n", null), "oops.example");
        assertEquals(Status.UNKNOWN, f.status());
        assertEquals("127.0.1.255", f.code());
    }

    @Test
    void aZoneThatTimesOutMakesTheDomainUnknownNotClean() throws IOException {
        world.dns.drop("multi.uribl.com");
        Finding f = domain(audit("https://clean.example/\n", null), "clean.example");
        assertEquals(Status.UNKNOWN, f.status());
    }

    @Test
    void eachDomainGetsOneFinding() throws IOException {
        List<Finding> fs = audit("https://a.clean.example/ https://b.clean.example/ https://www.badlinks.example/\n", null);
        assertEquals(2, fs.stream().filter(f -> f.check().equals("content")).count(), fs.toString());
    }

    @Test
    void withoutACampaignTheCheckSaysNothing() {
        var c = world.config("192.0.2.60", "ips: [192.0.2.60]", DOMAIN_ZONES);
        var ctx = world.context(c);
        var noCampaign = new org.listguard.audit.AuditContext(c, ctx.dns(), null, ctx.clock(), ctx.env(), java.util.Optional.empty());
        assertTrue(run(new ContentCheck(), noCampaign).isEmpty());
    }
}
