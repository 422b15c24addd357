package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.auth.Fixtures;
import org.listguard.compose.dkim.DkimKey;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.compose.dkim.JdkimStreamSigning;

/** What the composer makes is signed the same by {@link DkimSigner} as by jDKIM's MIME-parsing path. */
class ComposedSignatureTest {
    @TempDir
    Path dir;

    void assertSameSignature(Fixture fx, String[]... rows) throws Exception {
        DkimSigner signer = new DkimSigner("example.org", "news",
                DkimKey.load(Fixtures.writePkcs8(dir.resolve("k.pem"), Fixtures.rsa(2048))), Fixture.CLOCK);
        Composer composer = fx.composer();
        int seq = 1;
        for (String[] r : rows) {
            byte[] raw = composer.compose("r20261123-0730", seq++, Fixture.row(2, r[0], r[1], r[2])).raw();
            assertEquals(new String(JdkimStreamSigning.sign(signer, raw), StandardCharsets.US_ASCII),
                    new String(signer.sign(raw), StandardCharsets.US_ASCII));
        }
    }

    /** email, first_name, last_name: short, long and non-ASCII (folded, RFC 2047), none. */
    static final String[][] ROWS = {
        {"a@example.net", "Ann", "Lee"},
        {"zoe.marie-therese@a-rather-long-domain.example.net", "Zoë Marie-Thérèse", "Ångström-Lefèvre de la Tour"},
        {"b@example.net", "", ""},
    };

    @Test
    void textOnly() throws Exception {
        assertSameSignature(new Fixture(dir).write("news.txt", "Dear {{first_name}},\n. a dot\nGrüße  \n\n\n{{unsubscribe_url}}\n")
                .write("news.subject", "News for {{first_name}}\n"), ROWS);
    }

    @Test
    void htmlOnlyWithOneClickUnsubscribe() throws Exception {
        Fixture fx = new Fixture(dir).write("news.html", "<p>Dear {{first_name}},</p>\n<a href=\"{{unsubscribe_url}}\">leave</a>\n")
                .write("news.subject", "Nouvelles très longues pour {{first_name}} {{last_name}}, ".repeat(3) + "\n");
        fx.senderExtra = "  unsubscribe_url: https://lists.example.org/u/{token}\n";
        assertSameSignature(fx, ROWS);
    }

    @Test
    void multipartAlternative() throws Exception {
        assertSameSignature(new Fixture(dir).write("news.txt", "Dear {{first_name}},\n" + "a line of news ".repeat(40) + "\n")
                .write("news.html", "<p>Dear {{first_name}},</p>\n").write("news.subject", "Ünïcödé {{first_name}}\n"), ROWS);
    }
}
