package org.listguard.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.MailboxSettings;
import org.listguard.feedback.ProcessFixture;
import org.listguard.feedback.ProcessSummary;

/**
 * Issue 13: over IMAPS, a message larger than bounces.max_message_size (by RFC822.SIZE) is not
 * fetched: it is flagged with a keyword and a note, never listed again; the bounce beside it is applied.
 */
class ImapOversizedTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.IMAP, ServerSetupTest.IMAPS}))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(ImapMailboxTest.USER, new String(ImapMailboxTest.PASSWORD)));

    @TempDir
    Path dir;

    private static MailboxSettings imaps() {
        return new MailboxSettings("127.0.0.1", GREENMAIL.getImaps().getPort(), org.listguard.config.TlsMode.IMPLICIT,
                new org.listguard.config.Credentials(ImapMailboxTest.USER, "X", null), "INBOX", null, "listguard-processed",
                ImapMailboxTest.PEM);
    }

    private static ProcessSummary process(ProcessFixture f) throws Exception {
        try (ImapMailbox m = ImapMailbox.open(imaps(), ImapMailboxTest.PASSWORD, Optional.of("listguard-processed"), 64 * 1024)) {
            return f.processor().process(m, Set.of("monthly"));
        }
    }

    @Test
    void aMessageOverTheLimitIsFlaggedUnreadAndNeverListedAgain() throws Exception {
        try (ProcessFixture f = new ProcessFixture(dir, 10)) {
            var user = GREENMAIL.getUserManager().getUser(ImapMailboxTest.USER);
            String big = "From: x@example.net\r\nSubject: big\r\n\r\n" + ("y".repeat(76) + "\r\n").repeat(3_000);
            user.deliver(new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.US_ASCII))));
            user.deliver(new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(f.sample("hard.eml", ProcessFixture.HARD))));

            ProcessSummary first = process(f);
            assertEquals(2, first.read());
            assertEquals(1, first.matched());
            assertTrue(first.unrelated().get(0).why().contains("max_message_size")
                    && first.unrelated().get(0).why().contains(ImapMailbox.SET_ASIDE_KEYWORD), first.unrelated().toString());
            StoredMessage kept = GREENMAIL.getManagers().getImapHostManager().getInbox(user).getMessages().get(0);
            assertTrue(kept.getFlags().contains(ImapMailbox.SET_ASIDE_KEYWORD), "flagged, kept in place");
            assertTrue(!kept.getFlags().contains(jakarta.mail.Flags.Flag.SEEN), "never fetched, so still unread");

            assertEquals(0, process(f).read(), "never retried");
        }
    }
}
