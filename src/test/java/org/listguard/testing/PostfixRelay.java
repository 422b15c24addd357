package org.listguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.listguard.config.Relay;
import org.listguard.config.TlsMode;

/**
 * A real Postfix smart host on loopback, from a private configuration directory (its own queue,
 * data directory and log file), relaying everything from 127.0.0.0/8 to a {@link SmtpSink}. The
 * system's own Postfix instance is not touched. Starts in well under a second; skips the test
 * when Postfix is absent, and when not root (the Postfix master must start as root).
 */
public final class PostfixRelay implements AutoCloseable {
    private final Path base;
    private final PostfixInstance instance;
    private final int implicitTlsPort;

    private PostfixRelay(Path base, PostfixInstance instance, int implicitTlsPort) {
        this.base = base;
        this.instance = instance;
        this.implicitTlsPort = implicitTlsPort;
    }

    /** Starts an instance relaying to {@code sink}; returns once its SMTP port accepts connections. */
    public static PostfixRelay start(SmtpSink sink) throws IOException, InterruptedException {
        return start(sink, null, null);
    }

    /** Like {@link #start(SmtpSink)}, with more main.cf lines (a later line overrides an earlier one). */
    public static PostfixRelay start(SmtpSink sink, String... mainLines) throws IOException, InterruptedException {
        return start(sink, null, null, mainLines);
    }

    /**
     * Like {@link #start(SmtpSink)}, offering STARTTLS (RFC 3207) on {@link #port()} and implicit
     * TLS (RFC 8314) on {@link #implicitTlsPort()} with the given PEM certificate chain and private key.
     */
    public static PostfixRelay start(SmtpSink sink, Path certPem, Path keyPem) throws IOException, InterruptedException {
        return start(sink, certPem, keyPem, new String[0]);
    }

    private static PostfixRelay start(SmtpSink sink, Path certPem, Path keyPem, String[] mainLines) throws IOException, InterruptedException {
        Peers.require("postfix");
        Peers.requireRoot("PostfixRelay (the Postfix master starts as root)");
        Path base = Files.createTempDirectory("listguard-postfix");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        int tlsPort = certPem == null ? -1 : Peers.freePort();
        PostfixInstance.Builder b = PostfixInstance.in(base).port(Peers.freePort()).main(
                "myhostname = relay.listguard.test",
                "relayhost = [127.0.0.1]:" + sink.port(),
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject").main(mainLines);
        if (certPem != null) {
            b.main("smtpd_tls_security_level = may", "smtpd_tls_cert_file = " + certPem, "smtpd_tls_key_file = " + keyPem)
                    .service("127.0.0.1:" + tlsPort + " inet n - n - - smtpd -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt");
        }
        try {
            PostfixRelay relay = new PostfixRelay(base, b.start(), tlsPort);
            if (tlsPort > 0) Peers.awaitListening(tlsPort, Duration.ofSeconds(10), null);
            return relay;
        } catch (IOException | RuntimeException e) {
            delete(base);
            throw e;
        }
    }

    public int port() { return instance.port(); }

    /** The implicit-TLS listener (only when started with a certificate), else -1. */
    public int implicitTlsPort() { return implicitTlsPort; }

    /** A relay pointing at this Postfix: loopback, no TLS. */
    public Relay relay() {
        return new Relay("postfix", "127.0.0.1", port(), TlsMode.NONE, null, null, null, Duration.ofSeconds(10), null);
    }

    /** Postfix's log of this instance (for assertions and failure messages). */
    public String log() throws IOException {
        return instance.log();
    }

    @Override
    public void close() {
        instance.close();
        delete(base);
    }

    private static void delete(Path base) {
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
