package org.listguard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finding and waiting for the local protocol peers (Postfix, rbldnsd, PostgreSQL, Chromium, tmux …)
 * the tests start, and the one rule for a missing peer: on a developer's laptop the test is
 * skipped with the install hint; with {@code -Dlistguard.peers=required} (set by
 * {@code scripts/test}, so by CI) it fails with the same hint, so a green CI run means every
 * peer test really ran.
 */
public final class Peers {
    private Peers() {}

    /** The system property that decides what a missing peer does: {@code required} or {@code optional} (the default). */
    public static final String MODE = "listguard.peers";

    static final String INSTALL_HINT = "run scripts/install-peers (Debian packages postfix postgresql rbldnsd chromium tmux man-db nginx)";

    /** The hint for the PostgreSQL tests, which need a server rather than a binary. */
    public static final String PG_HINT = "run the tests with scripts/test, which starts a private PostgreSQL cluster (scripts/pg-cluster) "
            + "and sets LISTGUARD_TEST_PG_URL";

    /**
     * Goes on when {@code present}; otherwise skips the test (JUnit assumption) or, when
     * {@code listguard.peers=required}, fails it, saying what is missing and how to install it.
     */
    public static void requireOrSkip(boolean present, String missing, String hint) {
        requireOrSkip(present, missing, hint, System.getProperty(MODE));
    }

    /** As {@link #requireOrSkip(boolean, String, String)} with the mode given (tests of the switch itself). */
    static void requireOrSkip(boolean present, String missing, String hint, String mode) {
        boolean required = required(mode);
        if (present) return;
        String message = missing + ": " + hint;
        if (required) Assertions.fail(MODE + "=required and a test peer is missing: " + message);
        Assumptions.abort("SKIPPED: " + message + " (-D" + MODE + "=required makes this a failure)");
    }

    /** {@code required} or {@code optional}/unset; any other value is an error, so a typo cannot turn failures back into skips. */
    static boolean required(String mode) {
        if (mode == null || mode.isBlank() || mode.equals("optional")) return false;
        if (mode.equals("required")) return true;
        throw new IllegalArgumentException("-D" + MODE + "=" + mode + ": expected required or optional");
    }

    /** The executable at {@code path}, or the test is skipped (or fails when peers are required). */
    public static void requireExecutable(Path path, String hint) {
        requireOrSkip(Files.isExecutable(path), path + " is not installed", hint);
    }

    /** The PostgreSQL server the tests may use ({@code LISTGUARD_TEST_PG_URL}), or the test is skipped (or fails). */
    public static String postgresUrl() {
        String url = System.getenv("LISTGUARD_TEST_PG_URL");
        requireOrSkip(url != null && !url.isBlank(), "LISTGUARD_TEST_PG_URL is not set: no PostgreSQL server to test against", PG_HINT);
        return url;
    }

    /** Root, which a Postfix master and a DNS server on port 53 need. */
    static void requireRoot(String what) {
        requireOrSkip(isRoot(), what + " needs root", "run the tests as root (CI does)");
    }

    /** The binary in PATH or the usual sbin directories; the test is skipped (or fails) when it is absent. */
    static Path require(String name) {
        Optional<Path> p = find(name);
        requireOrSkip(p.isPresent(), name + " not found", INSTALL_HINT);
        return p.get();
    }

    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/usr/lib/postfix/sbin";
        for (String d : path.split(":")) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** A loopback port that was free a moment ago (the peer binds it next). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Polls until something accepts TCP connections on 127.0.0.1:port, within {@code deadline}. */
    static void awaitListening(int port, Duration deadline, Process process) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                if (process != null && !process.isAlive()) throw new IOException("peer exited with " + process.exitValue() + " before listening on " + port);
                try {
                    Thread.sleep(10);                 // polling a port, not timing an assertion
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        throw new IOException("nothing listening on 127.0.0.1:" + port + " after " + deadline);
    }

    /** Runs a command to completion within {@code limit}; returns its combined output, fails on non-zero exit. */
    static String run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out after " + limit + ": " + command);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) throw new IOException("exit " + p.exitValue() + " from " + command + ": " + out);
        return out;
    }
}
