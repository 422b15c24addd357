package org.listguard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.listguard.InputException;
import org.listguard.config.Config;
import org.listguard.config.Defaults;
import org.listguard.config.JournalSettings;
import org.listguard.config.Relay;
import org.listguard.config.Throttle;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.dns.DnsClient;
import org.listguard.dns.ZoneAnswerer;
import org.listguard.dns.ZoneDnsClient;

/**
 * {@code --sandbox}: the whole pipeline offline. DNS is answered from the zone files in
 * {@code sandbox/} next to the config (a small simulated world), every relay is an in-process SMTP
 * server storing what it receives, the journal is {@code out/sandbox/listguard.db}, and the
 * throttle runs 60 times faster so that the example finishes in seconds while its batches,
 * pauses and re-checks still happen.
 */
final class Sandbox implements AutoCloseable {
    static final Path OUT = Path.of("out", "sandbox");

    private final Path out;
    static final int SPEED_UP = 60;

    private final Path world;
    private final SandboxSmtpServer server;
    private final Path incoming;

    private Sandbox(Path world, SandboxSmtpServer server, Path incoming, Path out) {
        this.out = out;
        this.world = world;
        this.server = server;
        this.incoming = incoming;
    }

    /**
     * @param journalUrl the journal the sandbox run uses (given with --journal, or the sandbox's own):
     *                   received messages are kept next to it, in {@code <its directory>/<run>/}
     */
    static Sandbox start(Path configFile, Clock clock, String journalUrl) {
        Path world = configFile.toAbsolutePath().getParent().resolve("sandbox");
        if (!Files.isDirectory(world)) {
            throw new InputException(world.toString(), 0, null, "--sandbox needs the simulated DNS world (*.zone files) next to the config");
        }
        try {
            Path out = org.listguard.journal.JournalUrl.sqliteFile(journalUrl).map(f -> f.getParent() == null ? Path.of(".") : f.getParent()).orElse(OUT);
            Path incoming = out.resolve(".incoming");
            Files.createDirectories(incoming);
            return new Sandbox(world, SandboxSmtpServer.start(incoming, clock), incoming, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox SMTP server: " + e.getMessage(), e);
        }
    }

    DnsClient dns() {
        try {
            return new ZoneDnsClient(ZoneAnswerer.fromDirectory(world));
        } catch (IOException | RuntimeException e) {
            throw new InputException(world.toString(), 0, null, "cannot load the sandbox zones: " + e.getMessage());
        }
    }

    /** The config with every relay pointed at the sandbox server (egress IPs kept for the audit) and a faster throttle. */
    Config apply(Config c, boolean journalGiven) {
        List<Relay> relays = c.relays().stream().map(server::relayFor).toList();
        Throttle t = c.throttle();
        Throttle fast = new Throttle(t.batchSize(), t.batchPause().dividedBy(SPEED_UP),
                t.maxPerHour() == 0 ? 0 : t.maxPerHour() * SPEED_UP, t.connections(), t.perDomain());
        Config out = c.withRelays(relays).withThrottle(fast);
        return journalGiven ? out : out.withJournal(new JournalSettings(Defaults.SANDBOX_JOURNAL_URL));
    }

    /** The environment with a placeholder for every relay (and seed mailbox) password that is not set (the sandbox accepts any). */
    static Map<String, String> env(Config c, Map<String, String> vars) {
        Map<String, String> out = new HashMap<>(vars);
        for (Relay r : c.relays()) {
            r.credentials().ifPresent(a -> {
                if (a.passwordEnv() != null) out.putIfAbsent(a.passwordEnv(), "sandbox");
            });
        }
        var seedBox = c.guard().seedMailbox();
        if (seedBox != null && seedBox.auth() != null && seedBox.auth().passwordEnv() != null) {
            out.putIfAbsent(seedBox.auth().passwordEnv(), "sandbox");
        }
        return out;
    }

    /** Moves what the server received into {@code <journal directory>/<run>/} (default out/sandbox/<run>/); returns it. */
    Path collect(String runId) {
        Path dir = out.resolve(runId);
        try {
            Files.createDirectories(dir);
            try (var files = Files.list(incoming)) {
                for (Path f : files.toList()) {
                    Path target = dir.resolve(f.getFileName());
                    for (int n = 2; Files.exists(target); n++) target = dir.resolve(f.getFileName() + "." + n);
                    Files.move(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    int received() { return server.accepted(); }

    /** Seeds "arrive" when the sandbox relay has stored them: it delivers everything it accepts. */
    org.listguard.send.SendPipeline.SeedWatchers seedWatchers() {
        return (mailbox, password) -> new org.listguard.deliver.MaildirSeedWatcher(incoming);
    }

    @Override
    public void close() {
        server.close();
    }
}
