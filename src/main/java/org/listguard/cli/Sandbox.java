package org.listguard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
import org.listguard.deliver.sandbox.SandboxScript;
import org.listguard.deliver.sandbox.SandboxSmtpServer;
import org.listguard.sandbox.Lift;
import org.listguard.sandbox.Scenario;
import org.listguard.sandbox.Scenarios;
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
    private final Scenario scenario;
    private final boolean lifted;

    private final int acceptedBefore;

    private Sandbox(Path world, SandboxSmtpServer server, Path incoming, Path out, Scenario scenario, boolean lifted, int acceptedBefore) {
        this.acceptedBefore = acceptedBefore;
        this.out = out;
        this.world = world;
        this.server = server;
        this.incoming = incoming;
        this.scenario = scenario;
        this.lifted = lifted;
    }

    static Sandbox start(Path configFile, Clock clock, String journalUrl) {
        return start(configFile, clock, journalUrl, null);
    }

    /**
     * @param journalUrl the journal the sandbox run uses (given with --journal, or the sandbox's own):
     *                   received messages are kept next to it, in {@code <its directory>/<run>/}
     */
    /**
     * @param scenarioName the world to run in ({@code config/sandbox/scenarios/NAME.yaml}), or null for the clean one;
     *                     after {@code sandbox lift} its block is gone (its pace and seeds stay)
     */
    static Sandbox start(Path configFile, Clock clock, String journalUrl, String scenarioName) {
        Path world = world(configFile);
        Scenario scenario = scenarioName == null ? Scenario.clean() : new Scenarios(world).named(scenarioName);
        SandboxSmtpServer server = null;
        try {
            Path out = outDir(journalUrl);
            Path incoming = out.resolve(".incoming");
            Files.createDirectories(incoming);
            boolean lifted = scenarioName != null && new Lift(out).liftedFor(scenarioName);
            server = SandboxSmtpServer.start(incoming, clock);
            int before = lifted || scenarioName == null ? 0 : new RelayMemory(out).read(scenarioName);
            server.continueCount(before);
            if (!lifted) script(scenario, server);
            return new Sandbox(world, server, incoming, out, scenario, lifted, before);
        } catch (IOException e) {
            if (server != null) server.close();
            throw new UncheckedIOException("cannot start the sandbox SMTP server: " + e.getMessage(), e);
        }
    }

    /** The simulated world next to the config. */
    static Path world(Path configFile) {
        Path world = configFile.toAbsolutePath().getParent().resolve("sandbox");
        if (!Files.isDirectory(world)) {
            throw new InputException(world.toString(), 0, null, "--sandbox needs the simulated DNS world (*.zone files) next to the config");
        }
        return world;
    }

    /** Where the sandbox keeps its journal, received messages, return path and lift marker. */
    static Path outDir(String journalUrl) {
        return org.listguard.journal.JournalUrl.sqliteFile(journalUrl).map(f -> f.getParent() == null ? Path.of(".") : f.getParent()).orElse(OUT);
    }

    /** The smart host's own replies and its receivers' verdicts, as the scenario says. */
    private static void script(Scenario s, SandboxSmtpServer server) {
        for (Scenario.RelayRule r : s.relay()) {
            SandboxScript.Command c = SandboxScript.Command.valueOf(r.command().toUpperCase(java.util.Locale.ROOT));
            if (r.firstAttempts() > 0) server.script().replyFirstAttempts(r.firstAttempts(), c, r.match(), r.reply());
            else server.script().replyAfter(r.afterMessages(), c, r.match(), r.reply());
        }
        for (Scenario.Receiver r : s.receivers()) {
            switch (r.verdict()) {
                case BOUNCE -> server.receivers().bounce(r.match(), r.reply(), r.remoteMta(), r.after().dividedBy(SPEED_UP));
                case DISCARD -> server.receivers().discard(r.match());
                case JUNK -> server.receivers().junk(r.match(), r.remoteMta(), r.headers());
                case DELIVER -> { }
            }
        }
    }

    /** What the user is about to see, for the start of a scenario's send. */
    String introduction() {
        if (lifted) {
            return "scenario " + scenario.name() + ": the block was lifted (`listguard sandbox lift`); the world is clean again";
        }
        return "scenario " + scenario.name() + ": " + scenario.summary() + (scenario.story().isEmpty() ? "" : "\n" + scenario.story());
    }

    /** The marker {@code sandbox lift} writes next to this sandbox's journal. */
    Lift lift() { return new Lift(out); }

    DnsClient dns() {
        try {
            ZoneAnswerer zones = ZoneAnswerer.fromDirectory(world);
            return new ZoneDnsClient(lifted ? zones : zones.with(scenario.dns()));
        } catch (IOException | RuntimeException e) {
            throw new InputException(world.toString(), 0, null, "cannot load the sandbox zones: " + e.getMessage());
        }
    }

    /**
     * The config with every relay pointed at the sandbox server (egress IPs kept for the audit), the
     * scenario's pace and seeds, every wait {@value #SPEED_UP} times shorter, and the bounce
     * mailbox replaced by the sandbox's return path (where the smart host's DSNs arrive).
     */
    Config apply(Config c, boolean journalGiven) {
        try {
            server.returnPath(returnPath(), c.relays().isEmpty() ? "smtp.sandbox.invalid" : c.relays().get(0).host());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox return path " + returnPath() + ": " + e.getMessage(), e);
        }
        List<Relay> relays = c.relays().stream().map(server::relayFor).toList();
        Throttle t = c.throttle();
        Scenario.ThrottleOverride o = scenario.throttle();
        int batchSize = o != null && o.batchSize() != null ? o.batchSize() : t.batchSize();
        java.time.Duration pause = o != null && o.batchPause() != null ? o.batchPause() : t.batchPause();
        Throttle fast = new Throttle(batchSize, pause.dividedBy(SPEED_UP),
                t.maxPerHour() == 0 ? 0 : t.maxPerHour() * SPEED_UP, t.connections(), t.perDomain(),
                t.retry().stream().map(d -> d.dividedBy(SPEED_UP)).toList());
        Config out = c.withRelays(relays).withThrottle(fast).withGuard(c.guard().faster(SPEED_UP, dsnWaitAtLeast()));
        Scenario.GuardOverride g = scenario.guard();
        if (g != null && g.seeds() != null && !g.seeds().isEmpty()) {
            java.time.Duration timeout = (g.seedTimeout() != null ? g.seedTimeout() : c.guard().seedTimeout()).dividedBy(SPEED_UP);
            java.time.Duration first = g.seedFirst() == null ? out.guard().seedFirst() : g.seedFirst().dividedBy(SPEED_UP);
            out = out.withGuard(out.guard().withSeedSpecs(g.seeds().stream().map(org.listguard.config.SeedSpec::of).toList(),
                    maildir(incoming), timeout, first));
        }
        out = out.withBounces(readingFrom(c, returnPath()));
        return journalGiven ? out : out.withJournal(new JournalSettings(Defaults.SANDBOX_JOURNAL_URL));
    }

    /**
     * The end-of-run DSN wait is 60 times shorter too, but never shorter than the scenario's
     * receivers need to answer (with room for a loaded machine): a run must not end before its
     * receivers' verdicts, as it would not with the real default of a minute.
     */
    private java.time.Duration dsnWaitAtLeast() {
        java.time.Duration slowest = scenario.receivers().stream().map(Scenario.Receiver::after).max(java.time.Duration::compareTo)
                .orElse(java.time.Duration.ZERO).dividedBy(SPEED_UP);
        return slowest.isZero() ? java.time.Duration.ZERO : slowest.multipliedBy(4).plusSeconds(2);
    }

    /** The Maildir the sandbox smart host mails its DSNs to (the VERP return path's mailbox). */
    Path returnPath() { return out.resolve("return-path"); }

    /**
     * For {@code bounces process --sandbox}: the config reading the sandbox's return path into the
     * sandbox journal (or the one given with --journal), no server needed.
     */
    static Config feedback(Config c, String journalOption) {
        String journal = journalOption != null ? journalOption : Defaults.SANDBOX_JOURNAL_URL;
        Path maildir = outDir(journal).resolve("return-path");
        return c.withBounces(readingFrom(c, maildir)).withJournal(new JournalSettings(journal));
    }

    /** The config's bounce settings (limits, feedback sources) reading the Maildir {@code dir} instead of its mailbox. */
    private static org.listguard.config.BounceSettings readingFrom(Config c, Path dir) {
        org.listguard.config.BounceSettings b = c.bounceSettings().orElse(new org.listguard.config.BounceSettings(null, null, null));
        return new org.listguard.config.BounceSettings(maildir(dir), b.complaintWarn(), b.complaintStop(), b.feedbackSources(),
                b.maxMessageSize());
    }

    private static org.listguard.config.MailboxSettings maildir(Path dir) {
        return new org.listguard.config.MailboxSettings(null, null, null, null, null, dir, null, null);
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

    int received() { return server.accepted() - acceptedBefore; }

    /**
     * After a sandbox send: a completed run (with or without a scenario, as the printed advice may
     * say) forgets the scenario's state and its lift, so the next scenario send blocks again; a
     * scenario run that stopped keeps the smart host's count of accepted messages for that scenario
     * (its "after N messages" rules stay in force when the run resumes) until it is lifted.
     */
    void remember(boolean completed) {
        RelayMemory m = new RelayMemory(out);
        if (completed) {
            m.forget();
            lift().clear();
            return;
        }
        if (scenario == null || "clean".equals(scenario.name())) return;
        if (lifted) m.forget();
        else m.write(scenario.name(), server.accepted());
    }

    /** The scenario whose block a paused sandbox run is in (the last scenario send that did not complete), if any. */
    static Optional<String> blockedScenario(Path sandboxDir) {
        return new RelayMemory(sandboxDir).scenario();
    }

    /** The sandbox smart host's count of accepted messages, kept between sends of one scenario: "NAME COUNT". */
    private record RelayMemory(Path dir) {
        private Path file() { return dir.resolve("scenario-relay-count"); }

        /** The count for {@code scenario}; 0 when another scenario (or none) was run last. */
        int read(String scenario) {
            try {
                if (!Files.isRegularFile(file())) return 0;
                String[] f = Files.readString(file()).strip().split("\\s+");
                if (f.length == 1) return Integer.parseInt(f[0]); // written before the scenario was kept with it
                return f[0].equals(scenario) ? Integer.parseInt(f[1]) : 0;
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }

        Optional<String> scenario() {
            try {
                if (!Files.isRegularFile(file())) return Optional.empty();
                String[] f = Files.readString(file()).strip().split("\\s+");
                return f.length == 2 ? Optional.of(f[0]) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        void write(String scenario, int n) {
            try {
                Files.writeString(file(), scenario + " " + n + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void forget() {
            try {
                Files.deleteIfExists(file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** DSNs the sandbox smart host has mailed to the return path. */
    int bounced() { return server.bouncesSent(); }

    /** Seeds "arrive" when the sandbox relay has stored them: it delivers everything it accepts. */
    org.listguard.send.SendPipeline.SeedWatchers seedWatchers() {
        return (mailbox, password) -> new org.listguard.mailbox.MaildirSeedWatcher(incoming);
    }

    @Override
    public void close() {
        server.close();
    }
}
