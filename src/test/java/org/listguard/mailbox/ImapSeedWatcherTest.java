package org.listguard.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.listguard.config.Credentials;
import org.listguard.config.MailboxSettings;
import org.listguard.config.TlsMode;
import org.listguard.guard.Seed;
import org.listguard.guard.SeedWatcher.Look;

/** The IMAP seed watcher against GreenMail's IMAPS: verified TLS, search by marker or Message-ID, read-only. */
class ImapSeedWatcherTest {
    static final Path TRUSTED = Path.of("src/test/resources/tls/relay-test.pem");

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAPS.dynamicPort()});

    @BeforeEach
    void user() {
        mail.setUser("seed@example.com", "seed@example.com", "pw");
    }

    MailboxSettings box(Path trust) {
        return new MailboxSettings("127.0.0.1", mail.getImaps().getPort(), TlsMode.IMPLICIT,
                new Credentials("seed@example.com", "SEED_PW", null), null, null, null, trust);
    }

    static Seed seed(String marker, String messageId) {
        return new Seed("seed@example.com", messageId, marker, "isp", Instant.now(), "Q1", "250 ok");
    }

    /** Puts a message straight into the seed's INBOX, headers exactly as given. */
    void deliver(String marker, String messageId) throws Exception {
        String raw = (marker == null ? "" : Seed.HEADER + ": " + marker + "\r\n") + "Message-ID: " + messageId + "\r\n"
                + "From: news@example.org\r\nTo: seed@example.com\r\nSubject: News\r\n\r\nbody\r\n";
        MimeMessage m = GreenMailUtil.newMimeMessage(raw);
        mail.getUserManager().getUser("seed@example.com").deliver(m);
    }

    @Test
    void findsSeedsByMarkerOrMessageIdAndNotOthers() throws Exception {
        deliver("run.1.aaaa", "<a@example.org>");
        deliver(null, "<b@example.org>");
        try (ImapSeedWatcher w = new ImapSeedWatcher(box(TRUSTED), "pw".toCharArray(), Duration.ofSeconds(5))) {
            Look l = w.look(List.of(seed("run.1.aaaa", "<rewritten@relay>"), seed("run.2.bbbb", "<b@example.org>"),
                    seed("run.3.cccc", "<c@example.org>")));
            Look.Seen seen = assertInstanceOf(Look.Seen.class, l);
            assertEquals(java.util.Set.of("run.1.aaaa", "run.2.bbbb"), seen.markers());
        }
        assertEquals(2, mail.getReceivedMessages().length, "looking moves and deletes nothing");
    }

    /** Puts a message into {@code folder} (created when missing), as a receiver's filter files it. */
    void file(String folder, String raw) throws Exception {
        var user = mail.getUserManager().getUser("seed@example.com");
        var host = mail.getManagers().getImapHostManager();
        var box = host.getFolder(user, folder);
        if (box == null) box = host.createMailbox(user, folder);
        box.appendMessage(GreenMailUtil.newMimeMessage(raw), new jakarta.mail.Flags(), new java.util.Date());
    }

    static final String JUNKED = String.join("\r\n",
            "Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org; dmarc=pass",
            "Received: from smtp.isp.example (smtp.isp.example [198.51.100.25]) by mx.example.com (Postfix) with ESMTP id 1",
            Seed.HEADER + ": run.1.junk",
            "Message-ID: <j@example.org>",
            "From: news@example.org",
            "Subject: News",
            "X-Listguard-Seed-End: run.1.junk",
            "X-Spam-Flag: YES",
            "X-Spam-Status: Yes, score=6.3 required=5.0 tests=RCVD_IN_LG_LISTED,DKIM_VALID",
            "", "body", "");

    @Test
    void aSeedFiledInJunkIsPlacedJunkWithTheReceiversVerdict() throws Exception {
        deliver("run.2.inbox", "<i@example.org>");
        file("Junk", JUNKED);
        try (ImapSeedWatcher w = new ImapSeedWatcher(box(TRUSTED), "pw".toCharArray(), Duration.ofSeconds(5))) {
            Look.Seen seen = assertInstanceOf(Look.Seen.class, w.look(List.of(seed("run.1.junk", "<x@y>"), seed("run.2.inbox", "<i@example.org>"))));
            assertEquals(java.util.Set.of("run.1.junk", "run.2.inbox"), seen.markers());
            var junk = seen.arrival("run.1.junk");
            assertEquals(org.listguard.placement.Placement.JUNK, junk.placement());
            assertEquals("Junk", junk.folder());
            assertEquals("pass", junk.verdict().authentication().dmarc());
            assertEquals(6.3, junk.verdict().spam().score());
            assertEquals(java.util.List.of("RCVD_IN_LG_LISTED", "DKIM_VALID"), junk.verdict().spam().rules());
            assertEquals("198.51.100.25", junk.verdict().egressIp());
            assertEquals(org.listguard.placement.Placement.INBOX, seen.arrival("run.2.inbox").placement());
        }
    }

    @Test
    void theSeedsJunkFolderSettingWinsOverTheUsualNames() throws Exception {
        file("Junk", JUNKED.replace("run.1.junk", "run.9.other"));
        file("Quarantaene", JUNKED);
        try (ImapSeedWatcher w = new ImapSeedWatcher(box(TRUSTED), "pw".toCharArray(), Duration.ofSeconds(5), "Quarantaene", "mx.example.com")) {
            Look.Seen seen = assertInstanceOf(Look.Seen.class, w.look(List.of(seed("run.1.junk", "<x@y>"))));
            assertEquals("Quarantaene", seen.arrival("run.1.junk").folder());
            assertEquals(org.listguard.placement.Placement.JUNK, seen.arrival("run.1.junk").placement());
        }
    }

    @Test
    void anUntrustedCertificateIsUnreachableNeverSeen() throws Exception {
        deliver("run.1.aaaa", "<a@example.org>");
        try (ImapSeedWatcher w = new ImapSeedWatcher(box(null), "pw".toCharArray(), Duration.ofSeconds(5))) {
            Look.Unreachable u = assertInstanceOf(Look.Unreachable.class, w.look(List.of(seed("run.1.aaaa", "<a@example.org>"))));
            assertTrue(u.why().contains("imaps://127.0.0.1"), u.why());
        }
    }

    @Test
    void aWrongPasswordIsUnreachableAndTheMessageHasNoPassword() {
        try (ImapSeedWatcher w = new ImapSeedWatcher(box(TRUSTED), "wrong-secret".toCharArray(), Duration.ofSeconds(5))) {
            Look.Unreachable u = assertInstanceOf(Look.Unreachable.class, w.look(List.of(seed("m", "<m@x>"))));
            assertFalse(u.why().contains("wrong-secret"), u.why());
        }
    }
}
