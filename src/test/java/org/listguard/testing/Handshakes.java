package org.listguard.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Readiness checks that speak a peer's own protocol, so "ready" means "serves", not merely "some
 * process holds the port": spamd's {@code PING} (SPAMC/SPAMD protocol, answered by a preforked child
 * that has its rules loaded) and a milter's option negotiation (the first exchange of every
 * Postfix milter session, answered by libmilter's session thread).
 */
final class Handshakes {
    private Handshakes() {}

    /** Polls until spamd on 127.0.0.1:{@code port} answers {@code PING} with {@code PONG}, or {@code peer} dies, within {@code limit}. */
    static void awaitSpamdPong(int port, Duration limit, StackPeer peer) throws IOException, InterruptedException {
        await(limit, peer, "spamd on 127.0.0.1:" + port + " answering PING", () -> {
            try (Socket s = connect(port)) {
                s.getOutputStream().write("PING SPAMC/1.5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String line = new String(s.getInputStream().readNBytes(64), StandardCharsets.US_ASCII);
                return line.startsWith("SPAMD/") && line.contains(" 0 PONG");
            }
        });
    }

    /**
     * Polls until the milter on 127.0.0.1:{@code port} answers an {@code SMFIC_OPTNEG} (protocol
     * version 6, every action and protocol step offered) with its own, or {@code peer} dies.
     */
    static void awaitMilterNegotiates(int port, Duration limit, StackPeer peer) throws IOException, InterruptedException {
        await(limit, peer, "a milter on 127.0.0.1:" + port + " negotiating", () -> {
            try (Socket s = connect(port)) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeInt(13);
                out.writeByte('O');
                out.writeInt(6);
                out.writeInt(0x1FF);
                out.writeInt(0x1FFFFF);
                out.flush();
                DataInputStream in = new DataInputStream(s.getInputStream());
                int length = in.readInt();
                boolean negotiated = length > 0 && in.readByte() == 'O';
                out.writeInt(1);
                out.writeByte('Q');
                out.flush();
                return negotiated;
            }
        });
    }

    private interface Check {
        boolean ok() throws IOException;
    }

    private static void await(Duration limit, StackPeer peer, String what, Check check) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (System.nanoTime() < end) {
            try {
                if (check.ok()) return;
                last = "a wrong answer";
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            if (!peer.alive()) throw new IOException("waiting for " + what + ": " + peer.diagnosis());
            Thread.sleep(50); // polling a peer's start, not timing an assertion
        }
        throw new IOException("no " + what + " after " + limit + " (" + last + ")");
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        s.setSoTimeout(5000);
        return s;
    }
}
