package org.listguard.compose.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.listguard.audit.auth.Fixtures;

/**
 * {@link DkimSigner} splits the message itself instead of letting jDKIM parse it as MIME: the
 * signature must be the same bytes as jDKIM's stream path gives (RSA PKCS#1 v1.5 is
 * deterministic), whatever the message, and must verify.
 */
class SameSignatureTest {
    static final String HEAD = "From: News <news@example.org>\r\nTo: a@example.net\r\nSubject: Hello\r\n"
            + "Date: Mon, 23 Nov 2026 08:00:00 +0000\r\nMessage-ID: <1@example.org>\r\nMIME-Version: 1.0\r\n";
    static final String TEXT = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n";

    @TempDir
    static Path dir;

    static DkimSigner signer;
    static String record;

    @BeforeAll
    static void key() throws Exception {
        DkimKey k = DkimKey.load(Fixtures.writePkcs8(dir.resolve("k.pem"), DkimSignerTest.KP));
        signer = new DkimSigner("example.org", "news", k, Clock.fixed(Instant.parse("2026-01-01T08:00:00Z"), ZoneOffset.UTC));
        record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(DkimSignerTest.KP.getPublic().getEncoded());
    }

    static Stream<Arguments> messages() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text", HEAD + TEXT + "\r\nHello there,\r\nthe club meets on the 14th.\r\n");
        m.put("html", HEAD + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<p>Hello <a href=3D\"https://example.org/u?t=3Dabc\">there</a></p>\r\n");
        m.put("multipart", HEAD + "Content-Type: multipart/alternative; boundary=\"----=_lg_abc\"\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n\r\n------=_lg_abc\r\n" + TEXT + "\r\nHello\r\n\r\n------=_lg_abc\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Hello</p>\r\n"
                + "\r\n------=_lg_abc--\r\n");
        m.put("long folded To and Subject, RFC 2047 words", "From: News <news@example.org>\r\n"
                + "To: =?UTF-8?Q?Zo=C3=AB_Marie-Th=C3=A9r=C3=A8se?=\r\n =?UTF-8?Q?_=C3=85ngstr=C3=B6m-Lef=C3=A8vre?=\r\n"
                + "\t<zoe.marie-therese.angstrom-lefevre@a-rather-long-domain.example.net>\r\n"
                + "Subject: =?UTF-8?Q?Nouvelles_pour_Zo=C3=AB=2C_une_tr=C3=A8s_longue_ligne_d?=\r\n"
                + " =?UTF-8?Q?e_sujet_qui_doit_=C3=AAtre_pli=C3=A9e?=   \r\n"
                + "Date: Mon, 23 Nov 2026 08:00:00 +0000\r\nMessage-ID: <1@example.org>\r\n"
                + "List-Unsubscribe: <https://lists.example.org/u/abc?l=monthly>,\r\n <mailto:unsub@example.org?subject=unsubscribe>\r\n"
                + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nList-Id: Retirees News <monthly.example.org>\r\n"
                + "MIME-Version: 1.0\r\n" + TEXT + "\r\nBody\r\n");
        m.put("duplicated header names", "Received: from a\r\nReceived: from b\r\n" + HEAD
                + "Subject: a second subject\r\nTO: b@example.net\r\nsubject:   a third one\r\n" + TEXT + "\r\nBody\r\n");
        m.put("names in odd case and spacing, a line that is no field", "FROM: News <news@example.org>\r\n"
                + "to :a@example.net\r\nSubject:\r\nthis line has no colon\r\nDate:  Mon, 23 Nov 2026 08:00:00 +0000  \r\n"
                + "message-id: <1@example.org>\r\nX Spaced Name: x\r\n\tFrom : folded into the field above\r\n"
                + " List-Id\t: <a.example.org>\r\nSubject\t: tabbed\r\n: no name\r\nX-\u00e9: 8-bit name\r\n" + TEXT + "\r\nBody\r\n");
        m.put("8-bit UTF-8 in a header", HEAD.replace("a@example.net", "Zoë <zoë@example.net>") + TEXT + "\r\nBody\r\n");
        m.put("empty body", HEAD + TEXT + "\r\n");
        m.put("no empty line", HEAD + TEXT);
        m.put("no empty line, last field unterminated", HEAD + "Content-Type: text/plain");
        m.put("no header", "\r\nonly a body\r\n");
        m.put("trailing blank lines", HEAD + TEXT + "\r\nBody\r\n\r\n\r\n\r\n");
        m.put("trailing whitespace in the body", HEAD + TEXT + "\r\nBody  \r\n \t \r\nnext\t\tline \t\r\n  \r\n\t\r\n");
        m.put("body without final CRLF", HEAD + TEXT + "\r\nBody ends here  ");
        m.put("lines starting with a dot", HEAD + TEXT + "\r\n.\r\n..two\r\n.\r\nend\r\n");
        m.put("LF only", (HEAD + TEXT + "\r\nHello there,\r\n\r\nthe club.\r\n\r\n").replace("\r\n", "\n"));
        m.put("CR only", (HEAD + TEXT + "\r\nHello there,\r\nthe club.\r\n").replace("\r\n", "\r"));
        m.put("mixed line endings", HEAD.replace("Subject: Hello\r\n", "Subject: Hello\n") + TEXT + "\n\r\nline\rline\r\n\n\r\r\n");
        StringBuilder big = new StringBuilder(HEAD + TEXT + "\r\n");
        // whitespace runs at every offset, so jDKIM's 2,048-byte copy loop splits some of them
        for (int i = 0; big.length() < 40_000; i++) {
            big.append("word ".repeat(i % 17)).append(" ".repeat(i % 5)).append(i % 3 == 0 ? "\t" : "").append("x  y").append(" ".repeat(i % 7)).append("\r\n");
            if (i % 11 == 0) big.append("\r\n \r\n");
        }
        m.put("40 KB with whitespace everywhere", big.toString());
        return m.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** Also a message whose first line starts with a space: signed the same, but the prepended signature would absorb it. */
    static Stream<Arguments> splits() {
        return Stream.concat(messages(), Stream.of(Arguments.of("first line starts with a space", " X-First: x\r\n" + HEAD + "\r\nBody\r\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void sameFieldsAndBodyAsJdkimsMimeParse(String name, String message) throws Exception {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        org.apache.james.jdkim.impl.Message parsed = new org.apache.james.jdkim.impl.Message(new ByteArrayInputStream(raw));
        SplitMessage split = SplitMessage.of(raw);
        assertEquals(parsed.getFields(), split.getFields());
        for (String field : DkimSigner.SIGNED_HEADERS.split(":")) assertEquals(parsed.getFields(field), split.getFields(field), field);
        byte[] body = java.util.Arrays.copyOfRange(split.bodyBytes(), split.bodyOffset(), split.bodyBytes().length);
        assertArrayEquals(parsed.getBodyInputStream().readAllBytes(), body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void sameSignatureAsJdkimsMimeParseAndItVerifies(String name, String message) {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        byte[] ours = signer.sign(raw);
        assertEquals(new String(JdkimStreamSigning.sign(signer, raw), StandardCharsets.UTF_8), new String(ours, StandardCharsets.UTF_8));
        assertEquals(new DkimVerification.Pass("example.org", "news"),
                new DkimVerifier(DkimSignerTest.answering(record)).verify(ours));
    }

    /** Random messages from pieces (folding, repeated and odd names, bare CR and LF, dots, blanks, 8-bit): same fields, body and signature. */
    @org.junit.jupiter.api.Test
    void randomMessagesSplitAndSignAsJdkimsParseDoes() throws Exception {
        java.util.Random random = new java.util.Random(6376);
        String[] head = {"From: a@example.org", "from :b@example.org", "To: x@example.net", "TO:\ty@example.net", "Subject: s",
                "Subject:", "subject:  two  spaces  ", "Date: Mon, 23 Nov 2026 08:00:00 +0000", "Message-ID: <1@x>", "X-No-Colon",
                "List-Id: <l.example.org>", "Content-Type: text/plain", "MIME-Version: 1.0", "Bad Name: x", "X-\u00e9: y", ": empty"};
        String[] fold = {" folded", "\tfolded", "  ", " =?UTF-8?Q?Zo=C3=AB?="};
        String[] eol = {"\r\n", "\r\n", "\r\n", "\n", "\r"};
        String[] body = {"text", " ", "\t", "  ", ".", "..", "Zo\u00eb", "=3D", "word word", ""};
        for (int round = 0; round < 400; round++) {
            StringBuilder m = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                m.append(head[random.nextInt(head.length)]);
                if (random.nextInt(4) == 0) m.append(eol[random.nextInt(eol.length)]).append(fold[random.nextInt(fold.length)]);
                m.append(eol[random.nextInt(eol.length)]);
            }
            if (random.nextInt(10) > 0) m.append(eol[random.nextInt(eol.length)]);
            for (int k = random.nextInt(30); k > 0; k--) {
                m.append(body[random.nextInt(body.length)]);
                if (random.nextBoolean()) m.append(eol[random.nextInt(eol.length)]);
            }
            String message = m.toString();
            sameFieldsAndBodyAsJdkimsMimeParse("round " + round, message);
            if (round % 8 == 0) {
                byte[] raw = message.getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(JdkimStreamSigning.sign(signer, raw), signer.sign(raw), message);
            }
        }
    }
}
