package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.listguard.reply.Stage;

/**
 * After a refusal on a pipelining connection the RSET opens the next message's group. When that
 * RSET fails — refused, or the relay gone — nothing of the next message was answered and no data
 * was sent: the connection is dropped, the message goes on a new connection, and when none can be
 * opened it is DEFERRED (retryable), never UNKNOWN.
 */
class ResetLedGroupTest {
    /** How the first connection answers the RSET that opens the second message's group. */
    private enum OnReset { REFUSE, HANG_UP_BEFORE }

    /** A pipelining relay: refuses refused@… at RCPT; on its first connection misbehaves at the RSET as told. */
    private static final class Relay implements AutoCloseable {
        final ServerSocket ss = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        final List<String> heard = Collections.synchronizedList(new ArrayList<>());
        final Thread thread;

        Relay(OnReset onReset, int connections) throws IOException {
            thread = new Thread(() -> {
                for (int n = 1; n <= connections; n++) {
                    try (Socket c = ss.accept()) {
                        c.setSoTimeout(10_000);
                        serve(c, n, n == 1 ? onReset : null);
                    } catch (IOException e) {
                        heard.add(n + " failed: " + e);
                    }
                }
                try {
                    ss.close();   // no third connection: connecting is refused from now on
                } catch (IOException ignored) {
                    // closed
                }
            }, "reset-relay");
            thread.setDaemon(true);
            thread.start();
        }

        int port() { return ss.getLocalPort(); }

        private void serve(Socket c, int n, OnReset onReset) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(c.getOutputStream(), StandardCharsets.US_ASCII);
            out.write("220 relay.example ESMTP\r\n");
            out.flush();
            boolean refusedRcpt = false;
            for (String line; (line = in.readLine()) != null; ) {
                heard.add(n + " " + line);
                String verb = line.length() >= 4 ? line.substring(0, 4) : line;
                if (verb.equals("RSET") && onReset == OnReset.HANG_UP_BEFORE) return;
                switch (verb) {
                    case "EHLO" -> out.write("250-relay.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
                    case "RSET" -> out.write(onReset == OnReset.REFUSE ? "500 5.5.1 RSET not now\r\n" : "250 2.0.0 Ok\r\n");
                    case "RCPT" -> {
                        refusedRcpt = line.contains("refused");
                        out.write(refusedRcpt ? "550 5.1.1 no such user\r\n" : "250 2.1.5 Ok\r\n");
                    }
                    case "DATA" -> {
                        if (refusedRcpt) {
                            out.write("503 5.5.1 no valid recipients\r\n");
                            break;
                        }
                        out.write("354 go ahead\r\n");
                        out.flush();
                        int lines = 0;
                        for (String l = in.readLine(); ; l = in.readLine(), lines++) {
                            if (l == null) {
                                heard.add(n + " data ended without \".\" after " + lines + " lines: nothing delivered");
                                return;
                            }
                            if (l.equals(".")) break;
                        }
                        heard.add(n + " delivered");
                        out.write("250 2.0.0 Ok: queued as Q" + n + "\r\n");
                    }
                    case "QUIT" -> out.write("221 Bye\r\n");
                    default -> out.write("250 Ok\r\n");
                }
                out.flush();
                if (verb.equals("QUIT")) return;
            }
        }

        @Override
        public void close() throws Exception {
            ss.close();
            thread.join(10_000);
        }
    }

    private static List<SubmitResult> refusalThenOne(Relay relay) {
        try (RelaySession s = new AngusMailRelay("client.example.org").open(TestMessages.plain(relay.port()), null)) {
            SubmitResult refused = s.submit(new Envelope("b@example.org", "refused@example.net"), TestMessages.message("refused@example.net"));
            SubmitResult next = s.submit(new Envelope("b@example.org", "ok@example.net"), TestMessages.message("ok@example.net"));
            return List.of(refused, next);
        }
    }

    @Test
    void aRefusedRsetDropsTheConnectionUnreadAndTheMessageGoesOnANewOne() throws Exception {
        List<SubmitResult> r;
        List<String> heard;
        try (Relay relay = new Relay(OnReset.REFUSE, 2)) {
            r = refusalThenOne(relay);
            relay.thread.join(10_000);
            heard = relay.heard;
        }
        assertEquals(Outcome.REJECTED, r.get(0).outcome(), r.toString());
        assertEquals(Stage.RCPT, r.get(0).stage());
        assertEquals(Outcome.ACCEPTED, r.get(1).outcome(), r.toString());
        assertEquals("Q2", r.get(1).queueId(), "sent on the second connection: " + heard);
        assertTrue(heard.contains("1 RSET"), heard.toString());
        assertFalse(heard.contains("1 delivered"), "no data ended on the first connection: " + heard);
        assertEquals(1, heard.stream().filter(h -> h.matches("\\d delivered")).count(), heard.toString());
    }

    @Test
    void aRelayGoneAtTheRsetIsAClosedKeptConnectionAndTheMessageGoesOnANewOne() throws Exception {
        List<SubmitResult> r;
        List<String> heard;
        try (Relay relay = new Relay(OnReset.HANG_UP_BEFORE, 2)) {
            r = refusalThenOne(relay);
            relay.thread.join(10_000);
            heard = relay.heard;
        }
        assertEquals(Outcome.REJECTED, r.get(0).outcome(), r.toString());
        assertEquals(Outcome.ACCEPTED, r.get(1).outcome(), r.toString());
        assertEquals("Q2", r.get(1).queueId(), heard.toString());
    }

    @Test
    void whenNoNewConnectionCanBeOpenedTheMessageIsDeferredNeverUnknown() throws Exception {
        List<SubmitResult> r;
        try (Relay relay = new Relay(OnReset.HANG_UP_BEFORE, 1)) {
            r = refusalThenOne(relay);
        }
        SubmitResult next = r.get(1);
        assertEquals(Outcome.DEFERRED, next.outcome(), next.toString());
        assertEquals(Stage.CONNECT, next.stage(), next.toString());
        assertEquals(0, next.code());
    }

    @Test
    void aRefusedRsetWithNoNewConnectionLeavesTheMessageDeferredNeverUnknown() throws Exception {
        List<SubmitResult> r;
        try (Relay relay = new Relay(OnReset.REFUSE, 1)) {
            r = refusalThenOne(relay);
        }
        SubmitResult next = r.get(1);
        assertEquals(Outcome.DEFERRED, next.outcome(), next.toString());
        assertEquals(Stage.CONNECT, next.stage(), "the retry on a new connection failed to connect: " + next);
    }
}
