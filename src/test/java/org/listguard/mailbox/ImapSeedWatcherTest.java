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
