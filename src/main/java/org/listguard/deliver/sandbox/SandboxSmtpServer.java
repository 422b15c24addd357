package org.listguard.deliver.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;

/**
 * An in-process SMTP server on 127.0.0.1 (ephemeral port) that stores every accepted message as
 * {@code <n>-<recipient>.eml} in a directory, and answers as its {@link SandboxScript} says.
 * The relay of {@code send --sandbox} and the scriptable SMTP test double of the guard.
 *
 * <p>RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA (dot-unstuffing, §4.5.2), RSET, NOOP, QUIT;
 * advertises PIPELINING (RFC 2920, as the smart hosts it stands for do; {@link #withoutPipelining}
 * serves a connection without it), 8BITMIME, SIZE, ENHANCEDSTATUSCODES and AUTH PLAIN LOGIN (any
 * credentials are accepted, so configs with auth work). No STARTTLS: sandbox relays are rewritten to
 * {@code tls: none} on loopback ({@link #relayFor}). Every read is bounded by the idle timeout.
 */
public final class SandboxSmtpServer implements AutoCloseable {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final long MAX_SIZE = 50L * 1024 * 1024;

    private final Path dir;
    private final Clock clock;
    private final SandboxScript script = new SandboxScript();
    private final SandboxReceivers receivers = new SandboxReceivers();
    private final java.util.concurrent.ScheduledThreadPoolExecutor bounces = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "sandbox-dsn");
        t.setDaemon(true);
        return t;
    });
    private volatile Path returnPath;
    private volatile String reportingMta = "smtp.sandbox.invalid";
    private final AtomicInteger dsns = new AtomicInteger();
    private final Duration idleTimeout;
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sandbox-smtp");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile boolean pipelining = true;

    private SandboxSmtpServer(Path dir, Clock clock, Duration idleTimeout) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        workers.execute(this::acceptLoop);
    }

    /** Starts a server storing messages in {@code dir} (created if missing). */
    public static SandboxSmtpServer start(Path dir, Clock clock) throws IOException {
        return new SandboxSmtpServer(dir, clock, DEFAULT_IDLE_TIMEOUT);
    }

    public static SandboxSmtpServer start(Path dir, Clock clock, Duration idleTimeout) throws IOException {
        return new SandboxSmtpServer(dir, clock, idleTimeout);
    }

    public SandboxScript script() { return script; }

    /**
     * Connections accepted from now on are served without PIPELINING (its EHLO does not offer it and
     * every reply is sent at once), as a relay that does not pipeline: the client's one command a
     * turn path.
     */
    public SandboxSmtpServer withoutPipelining() {
        pipelining = false;
        return this;
    }

    /** What the receivers behind this smart host do with the mail it accepted. */
    public SandboxReceivers receivers() { return receivers; }

    /**
     * Where the smart host's DSNs go: a Maildir (created), standing for the mailbox of the VERP
     * return path; {@code reportingMta} is the smart host's name in them.
     */
    public SandboxSmtpServer returnPath(Path maildir, String reportingMta) throws IOException {
        for (String sub : new String[] {"tmp", "new", "cur"}) Files.createDirectories(maildir.resolve(sub));
        this.returnPath = maildir;
        this.reportingMta = reportingMta;
        return this;
    }

    /**
     * Continues the count of a previous session of the same smart host (its memory of how much we
     * sent), so that a rule "after N messages" stays in force across separate runs.
     */
    public SandboxSmtpServer continueCount(int acceptedBefore) {
        accepted.set(acceptedBefore);
        sequence.set(acceptedBefore);
        return this;
    }

    /** DSNs written to the return path so far. */
    public int bouncesSent() { return dsns.get(); }

    public int port() { return server.getLocalPort(); }

    public InetSocketAddress address() { return new InetSocketAddress(InetAddress.getLoopbackAddress(), port()); }

    /** {@code relay} pointed at this server: same name, credentials and timeout; loopback, no TLS. */
    public Relay relayFor(Relay relay) {
        return relay.withEndpoint(InetAddress.getLoopbackAddress().getHostAddress(), port(), TlsMode.NONE);
    }

    /** Messages accepted so far (each one is a file in {@link #directory()}). */
    public int accepted() { return accepted.get(); }

    public Path directory() { return dir; }

    /** The stored messages in the order they were accepted. */
    public List<Path> messages() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket s = server.accept();
                s.setSoTimeout((int) Math.max(1, idleTimeout.toMillis()));
                s.setTcpNoDelay(true);
                open.add(s);
                workers.execute(() -> {
                    try (s) {
                        new SandboxConnection(this, s).run();
                    } catch (IOException e) {
                        // the client went away or idled out: nothing to report, the client sees it
                    } finally {
                        open.remove(s);
                    }
                });
            } catch (SocketException e) {
                return;   // closed
            } catch (IOException e) {
                if (!running) return;
            }
        }
    }

    // --- used by SandboxConnection -------------------------------------------------------

    Clock clock() { return clock; }

    boolean pipelining() { return pipelining; }

    int nextAttempt(String recipient) {
        return attempts.computeIfAbsent(recipient.toLowerCase(java.util.Locale.ROOT), k -> new AtomicInteger()).incrementAndGet();
    }

    int attemptsSoFar(String recipient) {
        AtomicInteger a = attempts.get(recipient.toLowerCase(java.util.Locale.ROOT));
        return a == null ? 0 : a.get();
    }

    /**
     * A queue id unique to this smart host's session and message, as Postfix's long queue ids are:
     * a DSN's Message-ID is built from it, and the journal remembers processed reports by their
     * Message-ID, so ids repeated in a later run would make its DSNs look already processed.
     */
    String nextQueueId() { return String.format("SBX%s%06X", session, sequence.incrementAndGet()); }

    /** Random per server instance (per run of the sandbox): 8 hex digits. */
    private final String session = String.format("%08X", new java.security.SecureRandom().nextInt());

    /**
     * One message the smart host accepted for {@code recipient}: counted as accepted, then handed
     * to its receiver — stored, dropped, or refused with a DSN to {@code envelopeFrom} after the
     * receiver's delay (real time; a DSN still pending when the server closes is written then).
     */
    void accept(String envelopeFrom, String recipient, String queueId, byte[] message) throws IOException {
        int n = accepted.incrementAndGet();
        SandboxReceivers.Fate fate = receivers.fate(recipient);
        if (fate instanceof SandboxReceivers.Deliver) {
            store(n, recipient, message);
        } else if (fate instanceof SandboxReceivers.Junk j) {
            storeJunk(n, recipient, j, message);
        } else if (fate instanceof SandboxReceivers.Bounce b && returnPath != null && envelopeFrom != null && !envelopeFrom.isEmpty()) {
            java.time.ZonedDateTime arrived = java.time.ZonedDateTime.now(clock);
            OwedDsn owed = new OwedDsn(() -> writeDsn(envelopeFrom, recipient, queueId, b, message, arrived));
            this.owed.add(owed);
            bounces.schedule(owed::write, Math.max(0, b.after().toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** DSNs scheduled and not written yet: {@link #close} writes them (the smart host still sends what it owes). */
    private final java.util.Set<OwedDsn> owed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** One DSN to write, once: by its scheduled task or by {@link #close}, whichever comes first. */
    private final class OwedDsn {
        private final Runnable write;
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        OwedDsn(Runnable write) { this.write = write; }

        void write() {
            if (done.compareAndSet(false, true)) {
                try {
                    write.run();
                } finally {
                    owed.remove(this);
                }
            }
        }
    }

    private void writeDsn(String envelopeFrom, String recipient, String queueId, SandboxReceivers.Bounce b, byte[] message,
                          java.time.ZonedDateTime arrived) {
        int n = dsns.incrementAndGet();
        byte[] dsn = SandboxDsn.build(reportingMta, queueId, envelopeFrom, recipient, b, message, arrived,
                java.time.ZonedDateTime.now(clock), n);
        String name = clock.millis() + ".SBX" + n + "." + reportingMta;
        try {
            Path tmp = returnPath.resolve("tmp").resolve(name);
            Files.write(tmp, dsn);
            Files.move(tmp, returnPath.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the return path is the sandbox's own directory: if it is gone, the DSN is lost, as on a full disk
        }
    }

    /** The junk folder of the store: {@code .Junk/} (Maildir++ naming, as Dovecot keeps it). */
    public Path junkDirectory() { return dir.resolve(".Junk"); }

    /** Stores one message in the junk folder with the receiver's header fields on top. */
    private void storeJunk(int n, String recipient, SandboxReceivers.Junk j, byte[] message) throws IOException {
        StringBuilder top = new StringBuilder();
        for (String h : j.headers()) top.append(h.strip()).append("\r\n");
        byte[] head = top.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + message.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(message, 0, all, head.length, message.length);
        Path junk = junkDirectory();
        Files.createDirectories(junk);
        String name = String.format("%06d-%s.eml", n, recipient.replaceAll("[^A-Za-z0-9@._+-]", "_"));
        Path tmp = junk.resolve("." + name + ".tmp");
        Files.write(tmp, all);
        Files.move(tmp, junk.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Stores one message atomically (written aside, then moved) so a reader never sees half a file. */
    private void store(int n, String recipient, byte[] message) throws IOException {
        String name = String.format("%06d-%s.eml", n, recipient.replaceAll("[^A-Za-z0-9@._+-]", "_"));
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, message);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        running = false;
        // the smart host still sends the DSNs it owes: one being written is let finish, those waiting are
        // written now (their scheduled tasks are dropped: a drained task run after the executor has
        // terminated cancels itself instead of running, and its DSN was lost)
        bounces.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        bounces.shutdown();
        try {
            bounces.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (OwedDsn d : new java.util.ArrayList<>(owed)) d.write();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
