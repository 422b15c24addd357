package org.listguard.unsubscribe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.feedback.ProcessFixture;
import org.listguard.testing.TestKeys;
import org.listguard.unsubscribe.RateLimiter;
import org.listguard.unsubscribe.UnsubscribeUrl;
import org.listguard.unsubscribe.Unsubscriber;

/** Requests as RFC 8058 senders and RFC 9110 clients send them, written on a raw socket. */
class OneClickProtocolTest {
    @TempDir
    Path dir;

    ProcessFixture f;
    OneClickServer server;
    String token;

    @BeforeEach
    void setUp() throws IOException {
        f = new ProcessFixture(dir, 10);
        server = OneClickServer.start(new InetSocketAddress("127.0.0.1", 0), UnsubscribeUrl.of("https://example.org/unsubscribe?t={token}"),
                new Unsubscriber(f.journal, TestKeys.TOKENS, f.clock), new RateLimiter(f.clock, 1000, 1000), List.of(), ServeLimits.DEFAULT);
        token = TestKeys.unsubscribeToken(f.run, 4);
    }

    @AfterEach
    void tearDown() {
        server.close();
        f.close();
    }

    String send(String method, String target, String headers, String body) throws IOException {
        return RawHttp.exchange(server.address().getPort(), method + " " + target + " HTTP/1.1\r\nHost: lists.example.org\r\n" + headers
                + (body == null ? "" : "Content-Length: " + body.length() + "\r\n") + "Connection: close\r\n\r\n" + (body == null ? "" : body));
    }

    @Test
    void aMultipartFormDataOneClickUnsubscribes() throws Exception {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";
        String r = send("POST", "/unsubscribe?t=" + token, "Content-Type: multipart/form-data; boundary=XyZ\r\n", body);
        assertEquals(200, RawHttp.status(r), r);
        assertTrue(f.journal.suppressions().find("kijitora@example.net").isPresent());
    }

    @Test
    void aMultipartBodyWithAnotherFieldNamedOneClickIsRefused() throws Exception {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"Other\"\r\n\r\nList-Unsubscribe One-Click\r\n--XyZ--\r\n";
        String r = send("POST", "/unsubscribe?t=" + token, "Content-Type: multipart/form-data; boundary=XyZ\r\n", body);
        assertEquals(400, RawHttp.status(r), r);
        assertTrue(f.journal.suppressions().list().isEmpty());
    }

    @Test
    void aFormUrlencodedOneClickAmongOtherFieldsUnsubscribes() throws Exception {
        String r = send("POST", "/unsubscribe?t=" + token, "Content-Type: application/x-www-form-urlencoded\r\n", "a=1&List-Unsubscribe=One-Click");
        assertEquals(200, RawHttp.status(r), r);
    }

    @Test
    void theConfirmationFormPostsToThePathAndQueryOnlyEvenForAnAbsoluteTarget() throws Exception {
        String r = send("GET", "http://lists.example.org/unsubscribe?t=" + token, "", null);
        assertEquals(200, RawHttp.status(r), r);
        assertTrue(RawHttp.body(r).contains("action=\"/unsubscribe?t=" + token + "\""), r);
    }

    @Test
    void anotherHostOrASchemeRelativeTargetIsRefusedWithoutEchoingIt() throws Exception {
        for (String target : List.of("http://evil.example/unsubscribe?t=" + token, "//evil.example/unsubscribe?t=" + token)) {
            String r = send("GET", target, "", null);
            assertEquals(400, RawHttp.status(r), r);
            assertTrue(!r.contains("evil.example") && !r.contains("action="), r);
        }
        assertTrue(f.journal.suppressions().list().isEmpty());
    }

    @Test
    void headAnswersGetsHeadersWithoutABodyAndChangesNothing() throws Exception {
        String r = send("HEAD", "/unsubscribe?t=" + token, "", null);
        assertEquals(200, RawHttp.status(r), r);
        assertEquals("", RawHttp.body(r));
        assertTrue(RawHttp.header(r, "Content-Type").startsWith("text/html"), r);
        assertTrue(f.journal.suppressions().list().isEmpty());
    }

    @Test
    void optionsListsTheAllowedMethods() throws Exception {
        String r = send("OPTIONS", "/unsubscribe?t=" + token, "", null);
        assertEquals(204, RawHttp.status(r), r);
        assertEquals("GET, HEAD, POST, OPTIONS", RawHttp.header(r, "Allow"));
        String h = send("OPTIONS", "/healthz", "", null);
        assertEquals("GET, HEAD, OPTIONS", RawHttp.header(h, "Allow"), h);
    }

    @Test
    void aKnownMethodTheResourceDoesNotTakeIs405WithAllowAndAnUnknownOneIs501() throws Exception {
        for (String m : List.of("PUT", "DELETE", "PATCH")) {
            String r = send(m, "/unsubscribe?t=" + token, "", "List-Unsubscribe=One-Click");
            assertEquals(405, RawHttp.status(r), m + ": " + r);
            assertEquals("GET, HEAD, POST, OPTIONS", RawHttp.header(r, "Allow"), m);
        }
        assertEquals(405, RawHttp.status(send("POST", "/healthz", "", "x")));
        assertEquals(501, RawHttp.status(send("BREW", "/unsubscribe?t=" + token, "", null)));
        assertTrue(f.journal.suppressions().list().isEmpty());
    }

    @Test
    void aBodyOverTheLimitIs413AndChangesNothing() throws Exception {
        String big = "List-Unsubscribe=One-Click&pad=" + "x".repeat(ServeLimits.DEFAULT.maxBodyBytes());
        String r = send("POST", "/unsubscribe?t=" + token, "Content-Type: application/x-www-form-urlencoded\r\n", big);
        assertEquals(413, RawHttp.status(r), r);
        assertTrue(f.journal.suppressions().list().isEmpty());
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        String r = send("GET", "/unsubscribe?t=" + token, "X-Pad: " + "y".repeat(ServeLimits.DEFAULT.maxHeaderBytes()) + "\r\n", null);
        assertEquals(431, RawHttp.status(r), r);
    }

    @Test
    void theServerDoesNotNameItself() throws Exception {
        assertNull(RawHttp.header(send("GET", "/healthz", "", null), "Server"));
    }

    @Test
    void aConnectionTricklingItsHeadersIsClosedAfterTheHeaderTimeout() throws Exception {
        server.close();
        server = OneClickServer.start(new InetSocketAddress("127.0.0.1", 0), UnsubscribeUrl.of("https://example.org/unsubscribe?t={token}"),
                new Unsubscriber(f.journal, TestKeys.TOKENS, f.clock), new RateLimiter(f.clock, 1000, 1000), List.of(),
                ServeLimits.DEFAULT.withHeaderTimeout(java.time.Duration.ofMillis(600)));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(200);
            s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            boolean closed = false;
            long started = System.nanoTime();
            for (int i = 0; i < 50 && !closed; i++) { // a header line every 200 ms: never idle, never done
                try {
                    s.getOutputStream().write("X-a: b\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    closed = s.getInputStream().read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing to read yet
                } catch (java.io.IOException reset) {
                    closed = true;
                }
            }
            assertTrue(closed, "the server closed the slow connection");
            assertTrue((System.nanoTime() - started) / 1_000_000 >= 500, "not before the header timeout");
        }
    }
}
