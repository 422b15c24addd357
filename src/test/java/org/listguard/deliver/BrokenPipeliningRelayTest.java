package org.listguard.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
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
 * A relay no real server imitates: it offers PIPELINING, refuses a recipient with a multi-line
 * reply and still answers the DATA that follows with 354 (RFC 2920 §3.1 expects 503/554 there).
 * The member's result is the RCPT refusal, whole; the data is ended at once with "." and that
 * transaction counts for nothing; the connection goes on.
 */
class BrokenPipeliningRelayTest {
    private static final String REFUSAL = "550-5.1.1 <refused@example.net>: no such user here\r\n550 5.1.1 see https://relay.example/why\r\n";

    @Test
    void a354AfterTheOnlyRecipientWasRefusedEndsTheDataAtOnce() throws Exception {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread relay = new Thread(() -> serve(ss, heard), "broken-relay");
            relay.setDaemon(true);
            relay.start();
            SubmitResult refused;
            SubmitResult next;
            try (RelaySession s = new AngusMailRelay("client.example.org").open(TestMessages.plain(ss.getLocalPort()), null)) {
                refused = s.submit(new Envelope("b@example.org", "refused@example.net"), TestMessages.message("refused@example.net"));
                next = s.submit(new Envelope("b@example.org", "ok@example.net"), TestMessages.message("ok@example.net"));
            }
            relay.join(10_000);
            assertEquals(Outcome.REJECTED, refused.outcome(), refused.toString());
            assertEquals(Stage.RCPT, refused.stage());
            assertEquals("550-5.1.1 <refused@example.net>: no such user here\n550 5.1.1 see https://relay.example/why", refused.text());
            assertEquals("5.1.1", refused.enhanced());
            assertEquals(Outcome.ACCEPTED, next.outcome(), next.toString());
            assertEquals("Q2", next.queueId(), "the next transaction went on the same connection");
            assertEquals(List.of("EHLO", "MAIL", "RCPT", "DATA", "body of 0 lines", "RSET", "MAIL", "RCPT", "DATA", "body of 11 lines", "QUIT"),
                    heard.stream().map(l -> l.startsWith("body") ? l : l.substring(0, 4)).toList(), heard.toString());
            assertTrue(heard.contains("RCPT TO:<refused@example.net>"), heard.toString());
        }
    }

    private static void serve(ServerSocket ss, List<String> heard) {
        try (Socket c = ss.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(c.getOutputStream(), StandardCharsets.US_ASCII);
            out.write("220 relay.example ESMTP\r\n");
            out.flush();
            int queued = 0;
            for (String line; (line = in.readLine()) != null; ) {
                heard.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4) : line;
                switch (verb) {
                    case "EHLO" -> out.write("250-relay.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
                    case "RCPT" -> out.write(line.contains("refused") ? REFUSAL : "250 2.1.5 Ok\r\n");
                    case "DATA" -> {
                        out.write("354 go ahead\r\n");
                        out.flush();
                        int lines = 0;
                        while (!".".equals(in.readLine())) lines++;
                        heard.add("body of " + lines + " lines");
                        out.write("250 2.0.0 Ok: queued as Q" + ++queued + "\r\n");
                    }
                    case "QUIT" -> out.write("221 Bye\r\n");
                    default -> out.write("250 Ok\r\n");
                }
                out.flush();
                if (verb.equals("QUIT")) return;
            }
        } catch (IOException e) {
            heard.add("relay failed: " + e);
        }
    }
}
