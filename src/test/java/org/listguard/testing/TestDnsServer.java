package org.listguard.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.listguard.dns.DnsNames;
import org.listguard.dns.ZoneAnswerer;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Zone;

/**
 * A real DNS server on 127.0.0.1 (UDP and TCP, one ephemeral port) answering from zone files,
 * for tests and the audit benchmark. Names (or whole zones) can be told to misbehave the way real
 * lists do: {@link #refuse}, {@link #servfail}, {@link #drop} (never answer: a timeout), and every
 * answer can be delayed ({@link #delay}) without blocking a thread.
 *
 * <pre>
 * try (TestDnsServer dns = TestDnsServer.start(Path.of("src/test/resources/dns"))) {
 *     dns.refuse("b.barracudacentral.org");
 *     DnsClient c = DnsjavaClient.of(List.of(dns.address()), Duration.ofMillis(500));
 * }
 * </pre>
 */
public final class TestDnsServer implements AutoCloseable {
    public enum Behaviour { ANSWER, REFUSE, SERVFAIL, DROP }

    private final ZoneAnswerer answerer;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> daemon(r, "test-dns"));
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "test-dns-delay"));
    private final Map<Name, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean running = true;

    private TestDnsServer(ZoneAnswerer answerer) throws IOException {
        this.answerer = answerer;
        this.tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()));
        workers.submit(this::serveUdp);
        workers.submit(this::serveTcp);
    }

    /** Serves every {@code *.zone} file in a directory (the file name is the origin). */
    public static TestDnsServer start(Path zoneDir) throws IOException {
        return new TestDnsServer(ZoneAnswerer.fromDirectory(zoneDir));
    }

    public static TestDnsServer start(List<Zone> zones) throws IOException {
        return new TestDnsServer(new ZoneAnswerer(zones));
    }

    public InetSocketAddress address() { return new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()); }

    /** {@code 127.0.0.1:PORT}, as given to {@code --dns}. */
    public String hostPort() { return "127.0.0.1:" + tcp.getLocalPort(); }

    /** Queries for this name or any name below it get REFUSED. */
    public TestDnsServer refuse(String nameOrZone) { return behave(nameOrZone, Behaviour.REFUSE); }

    public TestDnsServer servfail(String nameOrZone) { return behave(nameOrZone, Behaviour.SERVFAIL); }

    /** Queries for this name or below are never answered (the client times out). */
    public TestDnsServer drop(String nameOrZone) { return behave(nameOrZone, Behaviour.DROP); }

    public TestDnsServer behave(String nameOrZone, Behaviour b) {
        behaviours.put(DnsNames.name(nameOrZone), b);
        return this;
    }

    /** Every answer is sent this long after its query arrives (no thread sleeps meanwhile). */
    public TestDnsServer delay(Duration d) {
        this.delay = d;
        return this;
    }

    public int queryCount() { return queries.get(); }

    private Behaviour behaviourFor(Name n) {
        Behaviour best = Behaviour.ANSWER;
        int bestLabels = -1;
        for (var e : behaviours.entrySet()) {
            if (n.subdomain(e.getKey()) && e.getKey().labels() > bestLabels) {
                best = e.getValue();
                bestLabels = e.getKey().labels();
            }
        }
        return best;
    }

    /** The response to send, or null to send nothing. */
    private byte[] respond(byte[] wire, int maxLen) {
        queries.incrementAndGet();
        Message q;
        try {
            q = new Message(wire);
        } catch (IOException e) {
            return null;
        }
        Behaviour b = q.getQuestion() == null ? Behaviour.ANSWER : behaviourFor(q.getQuestion().getName());
        Message r;
        switch (b) {
            case DROP -> {
                return null;
            }
            case REFUSE, SERVFAIL -> {
                r = new Message(q.getHeader().getID());
                r.getHeader().setFlag(Flags.QR);
                r.addRecord(q.getQuestion(), Section.QUESTION);
                r.getHeader().setRcode(b == Behaviour.REFUSE ? Rcode.REFUSED : Rcode.SERVFAIL);
            }
            default -> r = answerer.answer(q);
        }
        return r.toWire(maxLen);
    }

    private void serveUdp() {
        byte[] buf = new byte[4096];
        while (running) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                byte[] wire = java.util.Arrays.copyOf(p.getData(), p.getLength());
                InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
                later(() -> {
                    byte[] out = respond(wire, 512);
                    if (out == null) return;
                    try {
                        udp.send(new DatagramPacket(out, out.length, from));
                    } catch (IOException ignored) {
                        // the test is over
                    }
                });
            } catch (IOException e) {
                if (!running) return;
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try {
                Socket s = tcp.accept();
                workers.submit(() -> serveConnection(s));
            } catch (IOException e) {
                if (!running) return;
            }
        }
    }

    private void serveConnection(Socket s) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (running) {
                int len = in.readUnsignedShort();
                byte[] wire = in.readNBytes(len);
                later(() -> {
                    byte[] resp = respond(wire, 65535);
                    if (resp == null) return;
                    synchronized (out) {
                        try {
                            out.writeShort(resp.length);
                            out.write(resp);
                            out.flush();
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    }
                });
            }
        } catch (Exception e) {
            // connection closed by the client
        }
    }

    private void later(Runnable r) {
        long ms = delay.toMillis();
        if (ms <= 0) workers.submit(r);
        else delayer.schedule(() -> workers.submit(r), ms, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        running = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing
        }
        workers.shutdownNow();
        delayer.shutdownNow();
    }
}
