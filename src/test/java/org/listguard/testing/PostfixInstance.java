package org.listguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One private Postfix instance on loopback, the one way every test peer builds it ({@link PostfixRelay},
 * {@link PostfixChain}, {@link ReceivingStack}): its own config directory, queue, data directory and
 * log file under {@code dir}; the system's own Postfix instance is never touched. The shared main.cf
 * retries a deferred message within seconds (a test double should; Postfix's default is minutes);
 * a peer's own lines are appended and win over a shared one of the same name.
 */
public final class PostfixInstance implements AutoCloseable {
    private final Path postfix;
    private final Path dir;
    private final int port;

    private PostfixInstance(Path postfix, Path dir, int port) {
        this.postfix = postfix;
        this.dir = dir;
        this.port = port;
    }

    /** An instance kept in {@code dir} ({@code conf/}, {@code queue/}, {@code data/}, {@code maillog}). */
    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    public static final class Builder {
        private final Path dir;
        private int port;
        private boolean chrootSmtpd;
        private Path virtualBase;
        private final List<String> main = new ArrayList<>();
        private final List<String> services = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** The smtpd listener on 127.0.0.1. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** smtpd runs chrooted in the queue directory (it then reads the queue's {@code etc/resolv.conf}). */
        public Builder chrootSmtpd() {
            this.chrootSmtpd = true;
            return this;
        }

        /** Virtual Maildir delivery under {@code base}, as uid/gid 65534 (nobody). */
        public Builder virtualMailboxes(Path base) {
            this.virtualBase = base;
            return this;
        }

        /** main.cf lines of this peer, after the shared ones. */
        public Builder main(String... lines) {
            main.addAll(List.of(lines));
            return this;
        }

        /** A master.cf service line of this peer, after the shared ones. */
        public Builder service(String line) {
            services.add(line);
            return this;
        }

        /** The queue directory (exists before {@link #start}: a chrooted smtpd's etc/ goes there). */
        public Path queue() throws IOException {
            return Files.createDirectories(dir.resolve("queue"));
        }

        /** Writes the configuration, starts the master and returns once the SMTP port accepts connections. */
        public PostfixInstance start() throws IOException, InterruptedException {
            Path postfix = Peers.require("postfix");
            Peers.requireRoot("a private Postfix instance (its master starts as root)");
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Path data = Files.createDirectories(dir.resolve("data"));
            Files.setOwner(data, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix"));
            List<String> cf = new ArrayList<>(List.of(
                    "compatibility_level = 3.6",
                    "queue_directory = " + queue(),
                    "data_directory = " + data,
                    "mail_owner = postfix",
                    "setgid_group = postdrop",
                    "inet_interfaces = 127.0.0.1",
                    "inet_protocols = ipv4",
                    "mydestination =",
                    "alias_maps =",
                    "alias_database =",
                    "local_recipient_maps =",
                    "smtp_tls_security_level = none",
                    "smtpd_tls_security_level = none",
                    "queue_run_delay = 1s",
                    "minimal_backoff_time = 1s",
                    "maximal_backoff_time = 2s",
                    "smtp_host_lookup = native",
                    "disable_dns_lookups = yes",
                    "maillog_file = " + dir.resolve("maillog"),
                    "maillog_file_prefixes = " + dir,
                    "syslog_name = postfix-listguard-" + dir.getFileName()));
            if (virtualBase != null) {
                cf.addAll(List.of("virtual_mailbox_base = " + virtualBase, "virtual_uid_maps = static:65534",
                        "virtual_gid_maps = static:65534", "virtual_minimum_uid = 100"));
            }
            cf.addAll(main);
            Files.writeString(conf.resolve("main.cf"), String.join("\n", cf) + "\n");
            List<String> master = new ArrayList<>(List.of(
                    "127.0.0.1:" + port + " inet n - " + (chrootSmtpd ? "y" : "n") + " - - smtpd",
                    "pickup    unix  n - n 60 1 pickup",
                    "cleanup   unix  n - n - 0 cleanup",
                    "qmgr      unix  n - n 1 1 qmgr",
                    "rewrite   unix  - - n - - trivial-rewrite",
                    "bounce    unix  - - n - 0 bounce",
                    "defer     unix  - - n - 0 bounce",
                    "trace     unix  - - n - 0 bounce",
                    "verify    unix  - - n - 1 verify",
                    "flush     unix  n - n 1000? 0 flush",
                    "proxymap  unix  - - n - - proxymap",
                    "smtp      unix  - - n - - smtp",
                    "relay     unix  - - n - - smtp",
                    "lmtp      unix  - - n - - lmtp",
                    "error     unix  - - n - - error",
                    "retry     unix  - - n - - error",
                    "discard   unix  - - n - - discard",
                    "virtual   unix  - n n - - virtual",
                    "anvil     unix  - - n - 1 anvil",
                    "scache    unix  - - n - 1 scache",
                    "showq     unix  n - n - - showq",
                    "tlsmgr    unix  - - n 1000? 1 tlsmgr",
                    "postlog   unix-dgram n - n - 1 postlogd"));
            master.addAll(services);
            Files.writeString(conf.resolve("master.cf"), String.join("\n", master) + "\n");
            PostfixInstance instance = new PostfixInstance(postfix, dir, port);
            try {
                instance.postfix("start");
                Peers.awaitListening(port, Duration.ofSeconds(10), null);
            } catch (IOException e) {
                instance.close();
                throw new IOException(e.getMessage() + "\n" + instance.log(), e);
            }
            return instance;
        }
    }

    public int port() { return port; }

    /** The instance's queue directory. */
    public Path queue() { return dir.resolve("queue"); }

    /** Postfix's log of this instance (for assertions and failure messages). */
    public String log() throws IOException {
        Path log = dir.resolve("maillog");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** Re-reads the configuration and ends open sessions' verdicts ({@code reload}), then retries the queue ({@code flush}). */
    public void reload() throws IOException, InterruptedException {
        postfix("reload");
        postfix("flush");
    }

    private void postfix(String command) throws IOException, InterruptedException {
        Peers.run(List.of(postfix.toString(), "-c", dir.resolve("conf").toString(), command), Duration.ofSeconds(20));
    }

    /** Stops the instance; its directory stays for the owner to remove. */
    @Override
    public void close() {
        try {
            postfix("stop");
        } catch (IOException | InterruptedException e) {
            // not running (failed start) or already stopped
        }
    }
}
