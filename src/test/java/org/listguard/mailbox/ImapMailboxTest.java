package org.listguard.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.Credentials;
import org.listguard.config.MailboxSettings;
import org.listguard.config.TlsMode;
import org.listguard.reply.Action;
import org.listguard.feedback.MailboxException;
import org.listguard.feedback.ProcessFixture;
import org.listguard.feedback.ProcessSummary;

/**
 * The IMAP adapter against GreenMail on loopback: IMAPS with GreenMail's test certificate
 * (trusted through trust_certificate, as a private CA would be) and plain IMAP (tls: none,
 * loopback only). The bounce processor runs over it with a real journal.
 */
class ImapMailboxTest {
    static final String USER = "bounces@example.org";
    static final char[] PASSWORD = "imap-s3cret".toCharArray();
    static final Path PEM = Path.of("src/test/resources/tls/relay-test.pem").toAbsolutePath();

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.IMAP, ServerSetupTest.IMAPS}))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, new String(PASSWORD)));

    @TempDir
    Path dir;

    ProcessFixture f;

    @BeforeEach
    void setUp() {
        f = new ProcessFixture(dir, 200);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static MailboxSettings imaps(String processedFolder, Path trust) {
        return new MailboxSettings("127.0.0.1", GREENMAIL.getImaps().getPort(), TlsMode.IMPLICIT, new Credentials(USER, "X", null),
                "INBOX", null, processedFolder, trust);
    }

    static MailboxSettings imap(String processedFolder) {
        return new MailboxSettings("127.0.0.1", GREENMAIL.getImap().getPort(), TlsMode.NONE, new Credentials(USER, "X", null),
                "INBOX", null, processedFolder, null);
    }

    static void deliver(byte[] data) throws Exception {
        GreenMailUser u = GREENMAIL.getUserManager().getUser(USER);
        u.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data)));
    }

    static MailFolder inbox() throws Exception {
        return GREENMAIL.getManagers().getImapHostManager().getInbox(GREENMAIL.getUserManager().getUser(USER));
    }

    static MailFolder folder(String name) {
        return GREENMAIL.getManagers().getImapHostManager().getFolder(GREENMAIL.getUserManager().getUser(USER), name);
    }

    ProcessSummary process(MailboxSettings s) throws MailboxException {
        Optional<String> processed = org.listguard.feedback.BounceMailbox.processedFolder(s);
        try (ImapMailbox m = ImapMailbox.open(s, PASSWORD, processed)) {
            return f.processor().process(m, Set.of("monthly"));
        }
    }

    @Test
    void overImapsAHardBounceSuppressesAndMovesToTheProcessedFolderItCreates() throws Exception {
        deliver(f.sample("hard.eml", ProcessFixture.HARD));
        ProcessSummary s = process(imaps("listguard-processed", PEM));
        assertEquals(1, s.count(Action.HARD));
        assertEquals(Action.HARD, f.journal.suppressions().find("kijitora@example.co.jp").orElseThrow().action());
        assertTrue(f.journal.suppressions().find("kijitora@example.co.jp").get().evidence().contains(";UID="), "IMAP URL as the source");
        assertEquals(0, inbox().getMessages().size());
        MailFolder done = folder("listguard-processed");
        assertNotNull(done, "processed folder created");
        StoredMessage moved = done.getMessages().get(0);
        assertTrue(moved.isSet(Flags.Flag.SEEN));
        assertTrue(moved.getFlags().contains(ImapMailbox.KEYWORD));
    }

    @Test
    void aReputationBounceDoesNotSuppressTheMember() throws Exception {
        deliver(f.sample("reputation.eml", ProcessFixture.REPUTATION));
        ProcessSummary s = process(imap("listguard-processed"));
        assertEquals(1, s.count(Action.REPUTATION));
        assertTrue(f.journal.suppressions().list().isEmpty());
        assertTrue(f.journal.runEvents().list(f.run).stream().anyMatch(e -> e.kind().equals("bounce-reputation")));
    }

    @Test
    void aComplaintIsJournaledForTheComplaintRate() throws Exception {
        deliver(f.sample("complaint.eml", ProcessFixture.COMPLAINT));
        ProcessSummary s = process(imap("listguard-processed"));
        assertEquals(1, s.complaints());
        assertEquals(1, f.journal.feedback().complaintRate("monthly", org.listguard.config.Defaults.CORROBORATE).orElseThrow().reported(), "journaled; one member alone does not count toward the rate");
        assertEquals("monthly", s.rates().get(0).rate().campaign());
    }

    @Test
    void unrelatedMailStaysUnreadInTheInbox() throws Exception {
        deliver(ProcessFixture.sample("unrelated.eml", "x"));
        deliver(ProcessFixture.sample("unmatched.eml", "x"));
        deliver(f.sample("hard.eml", ProcessFixture.HARD));
        ProcessSummary s = process(imap("listguard-processed"));
        assertEquals(3, s.read());
        assertEquals(1, s.matched());
        List<StoredMessage> left = inbox().getMessages();
        assertEquals(2, left.size());
        for (StoredMessage m : left) {
            assertFalse(m.isSet(Flags.Flag.SEEN), "still unread");
            assertFalse(m.getFlags().contains(ImapMailbox.KEYWORD));
        }
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        deliver(f.sample("hard.eml", ProcessFixture.HARD));
        deliver(f.sample("complaint.eml", ProcessFixture.COMPLAINT));
        deliver(ProcessFixture.sample("unrelated.eml", "x"));
        process(imap("listguard-processed"));
        ProcessSummary again = process(imap("listguard-processed"));
        assertEquals(1, again.read(), "only the unrelated message is still there");
        assertEquals(0, again.matched());
        assertEquals(0, again.suppressed());
        assertEquals(2, f.journal.suppressions().list().size());
        assertEquals(1, f.journal.feedback().complaintRate("monthly", org.listguard.config.Defaults.CORROBORATE).orElseThrow().reported(), "journaled; one member alone does not count toward the rate");
        assertEquals(2, folder("listguard-processed").getMessages().size());
        assertFalse(inbox().getMessages().get(0).isSet(Flags.Flag.SEEN));
    }

    @Test
    void flagModeKeepsProcessedMessagesInTheInboxSeenWithTheKeyword() throws Exception {
        deliver(f.sample("hard.eml", ProcessFixture.HARD));
        process(imap("none"));
        StoredMessage m = inbox().getMessages().get(0);
        assertTrue(m.isSet(Flags.Flag.SEEN));
        assertTrue(m.getFlags().contains(ImapMailbox.KEYWORD));
        assertEquals(0, process(imap("none")).read(), "flagged messages are not listed again");
    }

    @Test
    void anUntrustedCertificateIsAMailboxErrorNamingTrustCertificate() {
        MailboxException e = assertThrows(MailboxException.class, () -> process(imaps("listguard-processed", null)));
        assertEquals("trust_certificate", e.setting(), e.getMessage());
    }

    @Test
    void aRefusedLoginIsAMailboxErrorNamingAuthWithoutThePassword() {
        MailboxException e = assertThrows(MailboxException.class,
                () -> ImapMailbox.open(imap("none"), "wrong-pw".toCharArray(), Optional.empty()));
        assertEquals("auth", e.setting());
        assertFalse(e.getMessage().contains("wrong-pw"));
    }
}
