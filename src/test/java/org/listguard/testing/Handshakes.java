package org.listguard.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Readiness checks that speak a peer's own protocol, so "ready" means "serves", not merely "some
 * process holds the port": spamd's {@code PING} (SPAMC/SPAMD protocol, answered by a preforked child
 * that has its rules loaded) and a milter's option negotiation (the first exchange of every
 * Postfix milter session, answered by libmilter's session thread).
 */
final class Handshakes {
    private Handshakes() {}

    /** Polls until spamd on the UNIX socket {@code socket} answers {@code PING} with {@code PONG}, or {@code peer} dies, within {@code limit}. */
    static void awaitSpamdPong(Path socket, Duration limit, StackPeer peer) throws IOException, InterruptedException {
        await(limit, peer, "spamd on " + socket + " answering PING", () -> over(socket, (in, out) -> {
            out.write("PING SPAMC/1.5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new String(in.readNBytes(64), StandardCharsets.US_ASCII);
            return line.startsWith("SPAMD/") && line.contains(" 0 PONG");
        }));
    }

    /**
     * Polls until the milter on the UNIX socket {@code socket} answers an {@code SMFIC_OPTNEG}
     * (protocol version 6, every action and protocol step offered) with its own, or {@code peer} dies.
     */
    static void awaitMilterNegotiates(Path socket, Duration limit, StackPeer peer) throws IOException, InterruptedException {
        await(limit, peer, "a milter on " + socket + " negotiating", () -> over(socket, Handshakes::negotiate));
    }

    /** As {@link #awaitMilterNegotiates(Path, Duration, StackPeer)}, on 127.0.0.1:{@code port}: whatever else holds the port fails it. */
    static void awaitMilterNegotiates(int port, Duration limit, StackPeer peer) throws IOException, InterruptedException {
        await(limit, peer, "a milter on 127.0.0.1:" + port + " negotiating", () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                s.setSoTimeout(5000);
                return negotiate(s.getInputStream(), s.getOutputStream());
            }
        });
    }

    private static boolean negotiate(InputStream in, OutputStream out) throws IOException {
        DataOutputStream o = new DataOutputStream(out);
        o.writeInt(13);
        o.writeByte('O');
        o.writeInt(6);
        o.writeInt(0x1FF);
        o.writeInt(0x1FFFFF);
        o.flush();
        DataInputStream i = new DataInputStream(in);
        boolean negotiated = i.readInt() > 0 && i.readByte() == 'O';
        o.writeInt(1);
        o.writeByte('Q');
        o.flush();
        return negotiated;
    }

    private interface Check {
        boolean ok() throws IOException;
    }

    private interface Conversation {
        boolean ok(InputStream in, OutputStream out) throws IOException;
    }

    /** One conversation over a fresh connection, cut off after 5 s (a blocking channel has no read timeout). */
    private static boolean over(Path socket, Conversation conversation) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(() -> {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closed already
                }
            });
            return conversation.ok(Channels.newInputStream(channel), Channels.newOutputStream(channel));
        }
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
}
