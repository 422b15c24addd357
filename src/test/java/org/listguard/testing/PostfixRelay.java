package org.listguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
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
    private final Path postfix;
    private final Path base;
    private final int port;
    private final int implicitTlsPort;

    private PostfixRelay(Path postfix, Path base, int port, int implicitTlsPort) {
        this.postfix = postfix;
        this.base = base;
        this.port = port;
        this.implicitTlsPort = implicitTlsPort;
    }

    /** Starts an instance relaying to {@code sink}; returns once its SMTP port accepts connections. */
    public static PostfixRelay start(SmtpSink sink) throws IOException, InterruptedException {
        return start(sink, null, null);
    }

    /**
     * Like {@link #start(SmtpSink)}, offering STARTTLS (RFC 3207) on {@link #port()} and implicit
     * TLS (RFC 8314) on {@link #implicitTlsPort()} with the given PEM certificate chain and private key.
     */
    public static PostfixRelay start(SmtpSink sink, Path certPem, Path keyPem) throws IOException, InterruptedException {
        Path postfix = Peers.require("postfix");
        Peers.requireRoot("PostfixRelay (the Postfix master starts as root)");
        Path base = Files.createTempDirectory("listguard-postfix");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = Files.createDirectories(base.resolve("conf"));
        Path queue = Files.createDirectories(base.resolve("queue"));
        Path data = Files.createDirectories(base.resolve("data"));
        UserPrincipal owner = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
        Files.setOwner(data, owner);
        int port = Peers.freePort();
        int tlsPort = certPem == null ? -1 : Peers.freePort();
        String tls = certPem == null ? "smtpd_tls_security_level = none\n"
                : "smtpd_tls_security_level = may\nsmtpd_tls_cert_file = " + certPem + "\nsmtpd_tls_key_file = " + keyPem + "\n";
        Files.writeString(conf.resolve("main.cf"), mainCf(base, queue, data, sink.port()) + tls);
        String wrapper = tlsPort < 0 ? ""
                : "127.0.0.1:" + tlsPort + " inet n - n - - smtpd -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt\n";
        Files.writeString(conf.resolve("master.cf"), masterCf(port) + wrapper);
        PostfixRelay relay = new PostfixRelay(postfix, base, port, tlsPort);
        try {
            Peers.run(List.of(postfix.toString(), "-c", conf.toString(), "start"), Duration.ofSeconds(20));
            Peers.awaitListening(port, Duration.ofSeconds(10), null);
            if (tlsPort > 0) Peers.awaitListening(tlsPort, Duration.ofSeconds(10), null);
        } catch (IOException e) {
            String log = Files.exists(base.resolve("maillog")) ? Files.readString(base.resolve("maillog")) : "(no log)";
            relay.close();
            throw new IOException(e.getMessage() + "\n" + log, e);
        }
        return relay;
    }

    private static String mainCf(Path base, Path queue, Path data, int sinkPort) {
        return String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + data,
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = relay.listguard.test",
                "mydestination =",
                "relayhost = [127.0.0.1]:" + sinkPort,
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject",
                "alias_maps =",
                "alias_database =",
                "local_recipient_maps =",
                "smtp_tls_security_level = none",
                "maillog_file = " + base.resolve("maillog"),
                "maillog_file_prefixes = " + base,
                "syslog_name = postfix-listguard-test",
                "") ;
    }

    private static String masterCf(int port) {
        return String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
                "pickup    unix  n - n 60 1 pickup",
                "cleanup   unix  n - n - 0 cleanup",
                "qmgr      unix  n - n 300 1 qmgr",
                "rewrite   unix  - - n - - trivial-rewrite",
                "bounce    unix  - - n - 0 bounce",
                "defer     unix  - - n - 0 bounce",
                "trace     unix  - - n - 0 bounce",
                "verify    unix  - - n - 1 verify",
                "flush     unix  n - n 1000? 0 flush",
                "proxymap  unix  - - n - - proxymap",
                "smtp      unix  - - n - - smtp",
                "relay     unix  - - n - - smtp",
                "error     unix  - - n - - error",
                "retry     unix  - - n - - error",
                "discard   unix  - - n - - discard",
                "anvil     unix  - - n - 1 anvil",
                "scache    unix  - - n - 1 scache",
                "showq     unix  n - n - - showq",
                "tlsmgr    unix  - - n 1000? 1 tlsmgr",
                "postlog   unix-dgram n - n - 1 postlogd",
                "");
    }

    public int port() { return port; }

    /** The implicit-TLS listener (only when started with a certificate), else -1. */
    public int implicitTlsPort() { return implicitTlsPort; }

    /** A relay pointing at this Postfix: loopback, no TLS. */
    public Relay relay() {
        return new Relay("postfix", "127.0.0.1", port, TlsMode.NONE, null, null, null, Duration.ofSeconds(10), null);
    }

    /** Postfix's log of this instance (for assertions and failure messages). */
    public String log() throws IOException {
        Path log = base.resolve("maillog");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        try {
            Peers.run(List.of(postfix.toString(), "-c", base.resolve("conf").toString(), "stop"), Duration.ofSeconds(20));
        } catch (IOException | InterruptedException e) {
            // not running (failed start) or already stopped
        }
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
