package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.InputException;
import org.listguard.testing.TestKeys;

class ComposerTest {
    @TempDir
    Path dir;

    Fixture fx;

    @BeforeEach
    void campaign() {
        fx = new Fixture(dir)
                .write("news.txt", "Dear {{first_name}},\nnews for {{campaign}}.\nLeave: {{unsubscribe_url}}\n")
                .write("news.html", "<p>Dear {{first_name}},</p>\n<a href=\"{{unsubscribe_url}}\">leave</a>\n")
                .write("news.subject", "News for {{first_name}}\nthis second line is ignored\n");
    }

    static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    static String text(byte[] raw) {
        return new String(raw, StandardCharsets.US_ASCII);
    }

    @Test
    void textAndHtmlBecomeMultipartAlternativeThatParsesBack() throws Exception {
        ComposedMessage c = fx.composer().compose("r1", 7, Fixture.row(2, "a@example.net", "Ann", "Lee"));
        MimeMessage m = parse(c.raw());
        assertTrue(m.isMimeType("multipart/alternative"), m.getContentType());
        MimeMultipart alt = (MimeMultipart) m.getContent();
        assertEquals(2, alt.getCount());
        assertTrue(alt.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alt.getBodyPart(1).isMimeType("text/html"));
        assertEquals("quoted-printable", ((jakarta.mail.internet.MimeBodyPart) alt.getBodyPart(0)).getEncoding());
        assertTrue(((String) alt.getBodyPart(0).getContent()).contains("Dear Ann,"));
        assertTrue(((String) alt.getBodyPart(1).getContent()).contains("<p>Dear Ann,</p>"));
        assertEquals("News for Ann", m.getSubject());
        assertEquals("1.0", m.getHeader("MIME-Version", null));
    }

    @Test
    void everyLineEndsInCrlfAndEveryByteIsSevenBit() {
        fx.write("members.csv", "email,first_name,last_name\n");
        ComposedMessage c = fx.composer().compose("r1", 1, Fixture.row(2, "a@example.net", "Zoë", "Ångström"));
        byte[] raw = c.raw();
        for (int i = 0; i < raw.length; i++) {
            assertTrue(raw[i] >= 0, "8-bit byte at " + i);
            if (raw[i] == '\n') assertTrue(i > 0 && raw[i - 1] == '\r', "bare LF at " + i);
            if (raw[i] == '\r') assertTrue(i + 1 < raw.length && raw[i + 1] == '\n', "bare CR at " + i);
        }
    }

    @Test
    void textOnlyTemplateGivesTextPlainQuotedPrintable() throws Exception {
        java.nio.file.Files.delete(dir.resolve("news.html"));
        MimeMessage m = parse(fx.composer().compose("r1", 1, Fixture.row(2, "a@example.net", "Ann", "Lee")).raw());
        assertTrue(m.isMimeType("text/plain"), m.getContentType());
        assertEquals("quoted-printable", m.getEncoding());
        assertTrue(m.getContentType().toLowerCase().contains("charset=utf-8"), m.getContentType());
    }

    @Test
    void htmlOnlyTemplateGivesTextHtml() throws Exception {
        java.nio.file.Files.delete(dir.resolve("news.txt"));
        MimeMessage m = parse(fx.composer().compose("r1", 1, Fixture.row(2, "a@example.net", "Ann", "Lee")).raw());
        assertTrue(m.isMimeType("text/html"), m.getContentType());
    }

    @Test
    void htmlTemplateEscapesValuesAndTextTemplateDoesNot() throws Exception {
        ComposedMessage c = fx.composer().compose("r1", 1, Fixture.row(2, "a@example.net", "<b>Tom & Jo</b>", "Lee"));
        MimeMultipart alt = (MimeMultipart) parse(c.raw()).getContent();
        assertTrue(((String) alt.getBodyPart(0).getContent()).contains("Dear <b>Tom & Jo</b>,"));
        String html = (String) alt.getBodyPart(1).getContent();
        assertTrue(html.contains("Dear &lt;b&gt;Tom &amp; Jo&lt;/b&gt;,"), html);
        assertFalse(html.contains("<b>Tom"), html);
    }

    @Test
    void missingVariableNamesTemplateLineVariableAndRow() {
        fx.write("news.txt", "Dear {{first_name}},\n\nYour number is {{member_no}}.\n");
        Composer composer = fx.composer();
        InputException e = assertThrows(InputException.class,
                () -> composer.compose("r1", 1, Fixture.row(9, "a@example.net", "Ann", "Lee")));
        assertEquals(dir.resolve("news.txt").toString(), e.file());
        assertEquals(3, e.line());
        assertEquals("member_no", e.field());
        assertTrue(e.getMessage().contains("members.csv line 9"), e.getMessage());
    }

    @Test
    void missingSectionVariableFailsToo() {
        fx.write("news.txt", "{{#nickname}}Hi {{nickname}}{{/nickname}}\n");
        Composer composer = fx.composer();
        InputException e = assertThrows(InputException.class,
                () -> composer.compose("r1", 1, Fixture.row(4, "a@example.net", "Ann", "Lee")));
        assertEquals("nickname", e.field());
    }

    @Test
    void anEmptyColumnIsFalseForSections() throws Exception {
        java.nio.file.Files.delete(dir.resolve("news.html"));
        fx.write("news.txt", "{{#first_name}}Dear {{first_name}},{{/first_name}}{{^first_name}}Dear member,{{/first_name}}\n");
        fx.write("news.subject", "News\n");
        MimeMessage m = parse(fx.composer().compose("r1", 1, Fixture.row(2, "a@example.net", "", "")).raw());
        assertEquals("Dear member,\r\n", m.getContent());
    }

    @Test
    void requireColumnsReportsAVariableTheListLacksBeforeSending() {
        fx.write("news.html", "<p>{{first_name}}</p>\n<p>{{town}}</p>\n");
        Composer composer = fx.composer();
        composer.requireColumns(java.util.List.of("email", "first_name", "last_name", "town"));
        InputException e = assertThrows(InputException.class,
                () -> composer.requireColumns(java.util.List.of("email", "first_name", "last_name")));
        assertEquals(dir.resolve("news.html").toString(), e.file());
        assertEquals(2, e.line());
        assertEquals("town", e.field());
    }

    @Test
    void templateSyntaxErrorFailsTheConstructorWithFileAndLine() {
        fx.write("news.html", "<p>ok</p>\n<p>\n{{#a}}x{{/b}}</p>\n");
        InputException e = assertThrows(InputException.class, fx::composer);
        assertEquals(dir.resolve("news.html").toString(), e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("syntax"), e.getMessage());
    }

    @Test
    void partialsAreRefusedWhenLoading() {
        fx.write("news.txt", "Hello\n\n{{> footer}}\n");
        InputException e = assertThrows(InputException.class, fx::composer);
        assertEquals(dir.resolve("news.txt").toString(), e.file());
        assertEquals(3, e.line());
        assertEquals("footer", e.field());
    }

    @Test
    void subjectFromConfigIsUsedWhenThereIsNoSubjectFile() throws Exception {
        java.nio.file.Files.delete(dir.resolve("news.subject"));
        fx.campaignExtra = "    subject: \"Hello {{first_name}}\"\n";
        MimeMessage m = parse(fx.composer().compose("r1", 1, Fixture.row(2, "a@example.net", "Ann", "Lee")).raw());
        assertEquals("Hello Ann", m.getSubject());
    }

    @Test
    void missingVariableInAConfigSubjectNamesTheConfigLine() {
        fx.write("news.subject", "");
        java.nio.file.Path subject = dir.resolve("news.subject");
        assertTrue(subject.toFile().delete());
        fx.campaignExtra = "    subject: \"Hello {{nickname}}\"\n";
        Composer composer = fx.composer();
        InputException e = assertThrows(InputException.class,
                () -> composer.compose("r1", 1, Fixture.row(4, "a@example.net", "Ann", "Lee")));
        assertEquals(dir.resolve("listguard.yaml").toString(), e.file());
        assertEquals(13, e.line());
        assertEquals("nickname", e.field());
    }

    @Test
    void crlfInANameIsRefusedNamingListLineAndColumn() {
        Composer composer = fx.composer();
        InputException e = assertThrows(InputException.class, () -> composer.compose("r1", 1,
                Fixture.row(5, "a@example.net", "Ann\r\nBcc: victim@example.com", "Lee")));
        assertEquals(dir.resolve("members.csv").toString(), e.file());
        assertEquals(5, e.line());
        assertEquals("first_name", e.field());
        assertTrue(e.getMessage().contains("CR"), e.getMessage());
    }

    @Test
    void controlCharacterReachingTheSubjectIsRefused() {
        fx.write("news.subject", "News about {{topic}}\n");
        Composer composer = fx.composer();
        var r = new org.listguard.list.Recipient(6, "a@example.net",
                java.util.Map.of("email", "a@example.net", "first_name", "Ann", "topic", "x\nBcc: victim@example.com"));
        InputException e = assertThrows(InputException.class, () -> composer.compose("r1", 1, r));
        assertEquals(6, e.line());
        assertEquals("topic", e.field());
    }

    @Test
    void nonAsciiSubjectAndNameAreEncodedAndRoundTrip() throws Exception {
        fx.write("news.subject", "Grüße an {{first_name}} – Herbst\n");
        ComposedMessage c = fx.composer().compose("r1", 1, Fixture.row(2, "zoe@example.net", "Zoë", "Ångström"));
        String head = text(c.raw()).split("\r\n\r\n", 2)[0];
        assertTrue(head.contains("=?UTF-8?"), head);
        MimeMessage m = parse(c.raw());
        assertEquals("Grüße an Zoë – Herbst", m.getSubject());
        InternetAddress to = (InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertEquals("Zoë Ångström", to.getPersonal());
        assertEquals("zoe@example.net", to.getAddress());
    }

    @Test
    void displayNameWithQuotesAndCommaIsQuotedAndRoundTrips() throws Exception {
        MimeMessage m = parse(fx.composer().compose("r1", 1, Fixture.row(2, "a@example.net", "Ann \"Annie\",", "<Lee>")).raw());
        InternetAddress to = (InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertEquals("Ann \"Annie\", <Lee>", to.getPersonal());
        assertEquals("a@example.net", to.getAddress());
        assertEquals(1, m.getRecipients(MimeMessage.RecipientType.TO).length);
    }

    @Test
    void returnPathTooLongForVerpIsAConfigError() {
        fx.returnPath = "newsletter-bounces@example.org";
        Composer composer = fx.composer();
        composer.compose("r1", 1, Fixture.row(2, "a@example.net", "Ann", "Lee"));
        InputException e = assertThrows(InputException.class, () -> composer.compose("r".repeat(36), Long.MAX_VALUE,
                Fixture.row(2, "a@example.net", "Ann", "Lee")));
        assertEquals("sender.return_path", e.field());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("64"), e.getMessage());
    }

    @Test
    void noDisplayNameWithoutNameColumns() throws Exception {
        var r = new org.listguard.list.Recipient(3, "b@example.net", java.util.Map.of("email", "b@example.net"));
        fx.write("news.txt", "Hello\n").write("news.html", "<p>Hello</p>\n").write("news.subject", "News\n");
        MimeMessage m = parse(fx.composer().compose("r1", 1, r).raw());
        InternetAddress to = (InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0];
        assertNull(to.getPersonal());
        assertEquals("Retirees News", ((InternetAddress) m.getFrom()[0]).getPersonal());
    }

    @Test
    void listUnsubscribeIsMailtoOnlyWithoutHttpsUrl() throws Exception {
        ComposedMessage c = fx.composer().compose("r1", 1, Fixture.row(2, "a@example.net", "Ann", "Lee"));
        MimeMessage m = parse(c.raw());
        assertEquals("<mailto:bounces+u-" + TestKeys.unsubscribeToken("r1", 1) + "@example.org?subject=unsubscribe>", m.getHeader("List-Unsubscribe", null));
        assertNull(m.getHeader("List-Unsubscribe-Post"));
        assertEquals("<monthly.example.org>", m.getHeader("List-Id", null));
        assertNull(m.getHeader("Bcc"));
    }

    @Test
    void listUnsubscribeWithHttpsUrlCarriesTheTokenAndOneClick() throws Exception {
        fx.senderExtra = "  unsubscribe_url: https://lists.example.org/u/{token}?l=monthly\n"
                + "  unsubscribe_mailto: leave@example.org\n  list_id: \"Retirees News <news.example.org>\"\n";
        ComposedMessage c = fx.composer().compose("r1", 7, Fixture.row(2, "a@example.net", "Ann", "Lee"));
        MimeMessage m = parse(c.raw());
        String token = TestKeys.unsubscribeToken("r1", 7);
        assertEquals("<https://lists.example.org/u/" + token + "?l=monthly>, <mailto:leave+u-" + token + "@example.org?subject=unsubscribe>",
                jakarta.mail.internet.MimeUtility.unfold(m.getHeader("List-Unsubscribe", null)));
        assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post", null));
        assertEquals("Retirees News <news.example.org>", m.getHeader("List-Id", null));
        MimeMultipart alt = (MimeMultipart) m.getContent();
        assertTrue(((String) alt.getBodyPart(0).getContent()).contains("https://lists.example.org/u/" + token + "?l=monthly"));
    }

    @Test
    void headerLinesStayWithin78Characters() {
        fx.senderExtra = "  unsubscribe_url: https://lists.example.org/u/{token}\n";
        fx.write("news.subject", "A long subject for {{first_name}} ".repeat(4) + "\n");
        ComposedMessage c = fx.composer().compose("r20261123-0730", 123456,
                Fixture.row(2, "a@example.net", "Zoë Marie-Thérèse", "Ångström-Lefèvre"));
        for (String line : text(c.raw()).split("\r\n\r\n", 2)[0].split("\r\n")) {
            // RFC 5322 §2.1.1 SHOULD; a longer msg-id or URL (the field name and one word) has no place to fold and is only bound by 998
            assertTrue(line.length() <= 78 || line.strip().split(" ").length <= 2, line.length() + ": " + line);
        }
    }

    @Test
    void unsubscribeUrlWithoutTokenIsAConfigError() {
        fx.senderExtra = "  unsubscribe_url: https://lists.example.org/unsubscribe\n";
        InputException e = assertThrows(InputException.class, fx::composer);
        assertEquals("sender.unsubscribe_url", e.field());
        assertEquals(4, e.line());
    }

    @Test
    void messageIdHasRunSeqAndFromDomainAndIsUniquePerMessage() throws Exception {
        Composer composer = fx.composer();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = composer.compose("r1", i, Fixture.row(2, "a@example.net", "Ann", "Lee")).messageId();
            assertTrue(id.matches("<r1\\." + i + "\\.[0-9a-z]{26}@example\\.org>"), id);
            ids.add(id);
        }
        assertEquals(200, ids.size());
    }

    @Test
    void messageIdSurvivesWriteToAndReparse() throws Exception {
        ComposedMessage c = fx.composer().compose("r1", 3, Fixture.row(2, "a@example.net", "Ann", "Lee"));
        MimeMessage m = parse(c.raw());
        assertEquals(c.messageId(), m.getMessageID());
        m.saveChanges();
        assertFalse(c.messageId().equals(m.getMessageID()), "plain MimeMessage.saveChanges replaces it (the trap)");
        SendableMessage s = new SendableMessage(Session.getInstance(new Properties()), c.raw(), c.envelopeFrom());
        s.saveChanges();
        assertEquals(c.messageId(), s.getMessageID());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        s.writeTo(out);
        assertTrue(java.util.Arrays.equals(c.raw(), out.toByteArray()), "sent bytes differ from composed bytes");
        assertEquals(c.envelopeFrom(), s.getEnvelopeFrom());
    }

    @Test
    void composeIsSafeFromSeveralThreads() throws Exception {
        var config = fx.config();
        Composer composer = new Composer(config, config.campaign("monthly"), Fixture.CLOCK);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<ComposedMessage>>();
            for (int i = 0; i < 400; i++) {
                long seq = i;
                futures.add(pool.submit(() -> composer.compose("r1", seq, Fixture.row(seq + 2, "m" + seq + "@example.net", "N" + seq, "L"))));
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < futures.size(); i++) {
                ComposedMessage c = futures.get(i).get();
                MimeMessage m = parse(c.raw());
                assertEquals("News for N" + i, m.getSubject());
                assertEquals("m" + i + "@example.net", ((InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress());
                ids.add(m.getMessageID());
            }
            assertEquals(400, ids.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dateComesFromTheInjectedClock() throws Exception {
        MimeMessage m = parse(fx.composer().compose("r1", 1, Fixture.row(2, "a@example.net", "Ann", "Lee")).raw());
        assertEquals("Mon, 23 Nov 2026 07:30:05 +0000", m.getHeader("Date", null));
        assertEquals(Fixture.NOW, m.getSentDate().toInstant());
    }

    @Test
    void envelopeSenderIsVerpWithTheRecipientsToken() {
        ComposedMessage c = fx.composer().compose("r1", 42, Fixture.row(2, "a@example.net", "Ann", "Lee"));
        assertEquals("bounces+" + TestKeys.returnToken("r1", 42) + "@example.org", c.envelopeFrom());
        assertEquals(new KeyedTokens.Check.Valid(new VerpToken("r1", 42), false),
                TestKeys.TOKENS.check(fx.composer().verp().tokenOf(c.envelopeFrom()).orElseThrow(), VerpToken.Purpose.RETURN));
    }

    @Test
    void listVariablesCannotReplaceTheUnsubscribeLink() throws Exception {
        var r = new org.listguard.list.Recipient(3, "b@example.net", java.util.Map.of("email", "b@example.net",
                "first_name", "Bo", "unsubscribe_url", "https://evil.example/"));
        MimeMultipart alt = (MimeMultipart) parse(fx.composer().compose("r1", 1, r).raw()).getContent();
        assertFalse(((String) alt.getBodyPart(0).getContent()).contains("evil"));
    }

    @Test
    void malformedAddressIsRefusedNamingTheEmailColumn() {
        Composer composer = fx.composer();
        InputException e = assertThrows(InputException.class,
                () -> composer.compose("r1", 1, Fixture.row(8, "not an address@", "Ann", "Lee")));
        assertEquals(8, e.line());
        assertEquals("email", e.field());
    }
}
