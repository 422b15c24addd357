package org.listguard.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composed bytes are what DKIM signs, and {@link SendableMessage} writes them to the relay
 * unchanged even after {@code saveChanges()}: the signature still verifies on what is sent.
 */
class SignedBytesTest {
    @TempDir
    Path dir;

    @Test
    void signatureOverComposedBytesVerifiesOnWhatSendableMessageWrites() throws Exception {
        Fixture fx = new Fixture(dir)
                .write("news.txt", "Dear {{first_name}},\nGrüße.\n{{unsubscribe_url}}\n")
                .write("news.html", "<p>Dear {{first_name}},</p>\n")
                .write("news.subject", "Nouvelles pour {{first_name}}\n");
        fx.senderExtra = "  unsubscribe_url: https://lists.example.org/u/{token}\n";
        ComposedMessage c = fx.composer().compose("r1", 5, Fixture.row(2, "f@example.net", "François", "Lefèvre"));

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=news; "
                + "h=from:to:subject:date:message-id:list-id:list-unsubscribe:list-unsubscribe-post:mime-version:content-type; bh=; b=;";
        String header = new DKIMSigner(template, keys.getPrivate()).sign(new ByteArrayInputStream(c.raw()));
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.writeBytes((header + "\r\n").getBytes(StandardCharsets.US_ASCII));
        signed.writeBytes(c.raw());

        SendableMessage m = new SendableMessage(Session.getInstance(new Properties()), signed.toByteArray(), c.envelopeFrom());
        m.saveChanges(); // what Transport.send and 8BITMIME conversion would do
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        m.writeTo(sent, new String[] {"Bcc", "Content-Length"}); // SMTPTransport's ignore list
        assertEquals(c.messageId(), m.getMessageID());

        String dns = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(dns));
        List<SignatureRecord> ok = verifier.verify(new ByteArrayInputStream(sent.toByteArray()));
        assertTrue(ok != null && ok.size() == 1, "signature did not verify: " + verifier.getResults());
    }
}
