package org.listguard.deliver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.listguard.config.Credentials;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;

/** Raw test messages (CRLF, a fixed Message-ID, a body line starting with '.') and loopback relays. */
public final class TestMessages {
    private TestMessages() {}

    public static byte[] message(String to, String messageId, int bodyBytes) {
        StringBuilder sb = new StringBuilder()
                .append("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=news; h=from:to:message-id; bh=x; b=y\r\n")
                .append("From: News <news@example.org>\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("Subject: Test\r\n")
                .append("Message-ID: <").append(messageId).append(">\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\n")
                .append("\r\n")
                .append("Hello.\r\n")
                .append(".a line that starts with a dot (RFC 5321 §4.5.2)\r\n")
                .append("..and one with two\r\n");
        while (sb.length() < bodyBytes) sb.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] message(String to) {
        return message(to, "m1." + Math.abs(to.hashCode()) + "@example.org", 0);
    }

    public static Relay plain(String host, int port, Duration timeout) {
        return new Relay("test", host, port, TlsMode.NONE, null, null, null, timeout, null);
    }

    public static Relay plain(int port) {
        return plain("127.0.0.1", port, Duration.ofSeconds(5));
    }

    public static Relay withAuth(Relay r, TlsMode tls) {
        return new Relay(r.name(), r.host(), r.port(), tls, null, new Credentials("list@example.org", "PW", null), null, r.timeout(), null);
    }
}
