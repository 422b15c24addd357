package org.listguard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback in front of an SMTP server, for the client's side of the conversation:
 * it counts the client's turns (a turn: what the client sends before the server sends again, so a
 * round trip the client waited for) and can keep what each turn carried; and it can hold every
 * chunk for a one-way delay in each direction, like a WAN link (the link stays full: chunks in
 * flight overlap, as on a real path; bandwidth is loopback's). Turns are recorded before a chunk is
 * forwarded, so once the client has read a reply every turn that led to it is counted.
 */
public final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final long delayNanos;
    private final boolean keep;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<String> turns = new ArrayList<>();
    private StringBuilder turn;
    private int count;
    private boolean clientSpoke;
    private volatile boolean closed;

    private LoopbackProxy(int target, Duration oneWay, boolean keep) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.delayNanos = oneWay.toNanos();
        this.keep = keep;
        Thread t = new Thread(this::accept, "proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    /** Counts and keeps the client's turns; no delay. */
    public static LoopbackProxy recording(int targetPort) throws IOException {
        return new LoopbackProxy(targetPort, Duration.ZERO, true);
    }

    /** Delays every chunk by {@code oneWay} in each direction (a round trip of twice that); keeps nothing. */
    public static LoopbackProxy delaying(int targetPort, Duration oneWay) throws IOException {
        return new LoopbackProxy(targetPort, oneWay, false);
    }

    public int port() { return server.getLocalPort(); }

    /** The client's turns so far, over all connections. */
    public synchronized int clientTurns() { return count; }

    /** What each client turn carried (ISO-8859-1), when recording. */
    public synchronized List<String> turns() {
        List<String> all = new ArrayList<>(turns);
        if (turn != null) all.add(turn.toString());
        return all;
    }

    private synchronized void saw(boolean fromClient, byte[] b, int n) {
        if (fromClient && !clientSpoke) {
            count++;
            if (keep && turn != null) turns.add(turn.toString());
            if (keep) turn = new StringBuilder();
        }
        clientSpoke = fromClient;
        if (fromClient && keep) turn.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    saw(fromClient, buf, n);
                    if (delayNanos == 0) {
                        out.write(buf, 0, n);
                    } else {
                        queue.put(new Object[] {System.nanoTime() + delayNanos, Arrays.copyOf(buf, n)});
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            }
            try {
                queue.put(new Object[] {0L, null});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (delayNanos == 0) shut(to);
        }, "proxy-read");
        reader.setDaemon(true);
        reader.start();
        if (delayNanos == 0) return;
        Thread writer = new Thread(() -> {
            try {
                for (Object[] item = queue.take(); item[1] != null; item = queue.take()) {
                    long wait = (long) item[0] - System.nanoTime();
                    while (wait > 0) {                     // emulating the link's latency, not timing an assertion
                        LockSupport.parkNanos(wait);
                        wait = (long) item[0] - System.nanoTime();
                    }
                    out.write((byte[]) item[1]);
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended
            }
            shut(to);
        }, "proxy-write");
        writer.setDaemon(true);
        writer.start();
    }

    private static void shut(Socket s) {
        try {
            s.shutdownOutput();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }
}
