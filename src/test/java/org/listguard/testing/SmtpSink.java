package org.listguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;

/**
 * Postfix's {@code smtp-sink} on a free loopback port: a fast SMTP server with fault injection,
 * for submission tests and the send benchmark. Skips the test (JUnit assumption) when the binary
 * is absent.
 *
 * <pre>
 * try (SmtpSink sink = SmtpSink.start(SmtpSink.options().hardReject("RCPT").hardReply("550 5.1.1 unknown"))) { … }
 * </pre>
 */
public final class SmtpSink implements AutoCloseable {
    /** smtp-sink's command-line options (see smtp-sink(1)). */
    public static final class Options {
        private final List<String> args = new ArrayList<>();
        private Path store;

        /** -f: answer these commands (RCPT, MAIL, DATA, ".", …) with the hard (5xx) reply; smtp-sink then no longer offers PIPELINING. */
        public Options hardReject(String... commands) { return add("-f", String.join(",", commands)); }
        /** -B: the hard reply (default "500 5.3.0 Error: command failed"). */
        public Options hardReply(String reply) { return add("-B", reply); }
        /** -r: answer these commands with the soft (4xx) reply; smtp-sink then no longer offers PIPELINING. */
        public Options softReject(String... commands) { return add("-r", String.join(",", commands)); }
        /** -b: the soft reply (default "450 4.3.0 Error: command failed"). */
        public Options softReply(String reply) { return add("-b", reply); }
        /** -q: hang up without replying after these commands ("." = after the message body). */
        public Options hangUpAfter(String... commands) { return add("-q", String.join(",", commands)); }
        /** -Q: reply 421 and hang up after these commands. */
        public Options reply421After(String... commands) { return add("-Q", String.join(",", commands)); }
        /** -W: wait before replying to a command, e.g. delay("RCPT", 3). */
        public Options delay(String command, int seconds) { return add("-W", command + ":" + seconds); }
        /** -d: store each transaction as one file in {@code dir} (counted by {@link #stored()}). */
        public Options store(Path dir) {
            this.store = dir;
            return this;
        }
        /** Any other smtp-sink flag. */
        public Options add(String... more) {
            args.addAll(List.of(more));
            return this;
        }
    }

    private final Process process;
    private final int port;
    private final Path store;

    private SmtpSink(Process process, int port, Path store) {
        this.process = process;
        this.port = port;
        this.store = store;
    }

    public static Options options() { return new Options(); }

    public static SmtpSink start() throws IOException { return start(options()); }

    public static SmtpSink start(Options o) throws IOException {
        Path bin = Peers.require("smtp-sink");
        int port = Peers.freePort();
        List<String> cmd = new ArrayList<>(List.of(bin.toString()));
        if (Peers.isRoot()) cmd.addAll(List.of("-u", "nobody"));   // required when run as root
        if (o.store != null) {
            Files.createDirectories(o.store);
            Files.setPosixFilePermissions(o.store, PosixFilePermissions.fromString("rwxrwxrwx"));   // written as nobody
            cmd.addAll(List.of("-d", o.store.resolve("msg.").toString()));
        }
        cmd.addAll(o.args);
        cmd.addAll(List.of("127.0.0.1:" + port, "256"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Peers.awaitListening(port, Duration.ofSeconds(10), p);
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        return new SmtpSink(p, port, o.store);
    }

    public int port() { return port; }

    /** A relay pointing at this sink: loopback, no TLS, 5 s timeouts. */
    public Relay relay() {
        return new Relay("sink", "127.0.0.1", port, TlsMode.NONE, null, null, null, Duration.ofSeconds(5), null);
    }

    /** Transactions stored so far (with {@link Options#store}); one file each. */
    public int stored() throws IOException {
        if (store == null) throw new IllegalStateException("start the sink with options().store(dir)");
        try (Stream<Path> s = Files.list(store)) {
            return (int) s.filter(p -> p.getFileName().toString().startsWith("msg.")).count();
        }
    }

    /** Waits (bounded) until at least {@code n} transactions are stored; returns the count then. */
    public int awaitStored(int n, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        int count;
        while ((count = stored()) < n && System.nanoTime() < end) Thread.sleep(20);   // polling, not timing
        return count;
    }

    public Path storeDirectory() { return store; }

    /**
     * CPU time (user + system) the sink process has used so far, from {@code /proc/PID/stat}
     * (fields 14 and 15, in clock ticks of 10 ms on Linux: read it over spans of seconds).
     */
    public long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");   // fields from 3 on: the name may hold spaces
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);          // utime (14), stime (15)
        return ticks * 10_000_000L;                                          // USER_HZ is 100 on Linux
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
