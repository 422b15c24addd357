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
import org.junit.jupiter.api.Assumptions;

/** Finding and waiting for the local protocol peers (Postfix binaries) the tests start. */
final class Peers {
    private Peers() {}

    static final String INSTALL_HINT = " (run scripts/install-peers: Debian package postfix)";

    /** The binary in PATH or the usual sbin directories; the test is skipped when it is absent. */
    static Path require(String name) {
        Optional<Path> p = find(name);
        Assumptions.assumeTrue(p.isPresent(), name + " not found" + INSTALL_HINT);
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
