package org.listguard.send;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.deliver.AngusMailRelay;
import org.listguard.mailbox.ImapSeedWatcher;
import org.listguard.deliver.SmtpRelayProbe;
import org.listguard.reply.ReplyClassifier;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.dns.DnsClient;
import org.listguard.dns.ZoneAnswerer;
import org.listguard.dns.ZoneDnsClient;
import org.listguard.journal.Journal;
import org.listguard.testing.MutableClock;

/**
 * A sender in the sandbox's simulated DNS world (config/sandbox: SPF, DKIM, DMARC, rDNS, lists all
 * in order for 198.51.100.25) with N members, relays on loopback, a journal in a temp dir, and a
 * fake clock that the sleeper advances — so waits for deferred retries take no real time.
 */
final class SendFixture {
    static final Path WORLD = Path.of("config", "sandbox");
    static final Path EXAMPLE_KEY = Path.of("config", "dkim", "news.pem");

    final Path dir;
    final MutableClock clock = new MutableClock(Instant.now());
    final List<String> said = new CopyOnWriteArrayList<>();
    final List<Duration> slept = new CopyOnWriteArrayList<>();
    volatile Consumer<Progress> onProgress = p -> { };
    /** What the operator answers when asked to confirm a plan or a resume. */
    volatile boolean answer = true;
    volatile Consumer<Duration> onSleep = d -> { };
    /** The seed mailbox adapter the pipeline opens (the real IMAP/Maildir one unless a test replaces it). */
    volatile SendPipeline.SeedWatchers seedWatchers = ImapSeedWatcher::open;
    /** How the pipeline reads the return path during a run (none unless a test sets it). */
    volatile SendPipeline.ReturnPaths returnPaths = SendPipeline.ReturnPaths.NONE;

    SendFixture(Path dir) {
        this.dir = dir;
    }

    /** Members member01@example.net … and a text template with one link. */
    void members(int n) throws IOException {
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (int i = 1; i <= n; i++) csv.append(String.format("member%02d@example.net,Member%d%n", i, i));
        Files.writeString(dir.resolve("members.csv"), csv);
        Files.writeString(dir.resolve("news.txt"), "Dear {{first_name}},\nnews at https://www.example.org/events\n"
                + "Unsubscribe: {{unsubscribe_url}}\n");
        Files.writeString(dir.resolve("news.subject"), "News for {{first_name}}\n");
        Files.copy(EXAMPLE_KEY, dir.resolve("news.pem"));
    }

    /** The YAML; {@code relays} are "name port" pairs on 127.0.0.1 without TLS, all egressing as 198.51.100.25. */
    String yaml(int batchSize, String throttleExtra, String... relays) {
        StringBuilder r = new StringBuilder();
        for (String relay : relays) {
            String[] nv = relay.split(" ");
            r.append("  - name: ").append(nv[0]).append("\n    host: 127.0.0.1\n    port: ").append(nv[1])
                    .append("\n    tls: none\n    ips: [198.51.100.25]\n    timeout: 10s\n");
        }
        return """
                sender:
                  from: "Retirees News <news@example.org>"
                  return_path: bounces@example.org
                  unsubscribe_url: "https://example.org/unsubscribe?t={token}"
                relays:
                RELAYS
                dkim: { domain: example.org, selector: news, private_key: DIR/news.pem }
                throttle: { batch_size: BATCH, batch_pause: 0s, max_per_hour: 0 EXTRA}
                campaigns:
                  monthly:
                    list: DIR/members.csv
                    template: DIR/news
                journal:
                  url: jdbc:sqlite:DIR/journal.db
                """.replace("RELAYS\n", r.toString()).replace("DIR", dir.toString()).replace("BATCH", Integer.toString(batchSize))
                .replace(" EXTRA", throttleExtra.isEmpty() ? "" : ", " + throttleExtra);
    }

    Config config(String yaml) throws IOException {
        Files.writeString(dir.resolve("listguard.yaml"), yaml);
        return new ConfigLoader().load(dir.resolve("listguard.yaml"));
    }

    static DnsClient world() throws IOException {
        return new ZoneDnsClient(ZoneAnswerer.fromDirectory(WORLD));
    }

    /**
     * The run reads its return path from the Maildir {@code maildir} (created with cur/new/tmp unless
     * {@code create} is false, e.g. to test one that is missing), through the same processor as
     * {@code bounces process}. Returns the Maildir.
     */
    Path readReturnPath(Path maildir, boolean create) throws java.io.IOException {
        if (create) for (String sub : new String[] {"cur", "new", "tmp"}) java.nio.file.Files.createDirectories(maildir.resolve(sub));
        returnPaths = (config, journal) -> new org.listguard.feedback.ReturnPathReader(
                () -> org.listguard.feedback.MaildirMailbox.open(maildir, java.util.Optional.empty()),
                new org.listguard.feedback.BounceProcessor(journal, new org.listguard.feedback.BounceParser(ReplyClassifier.standard()),
                        config.bounceSettings().orElseThrow(), clock),
                "Maildir " + maildir);
        return maildir;
    }

    Journal journal(Config c) {
        return Journal.open(c.journal().url(), clock);
    }

    SendPipeline pipeline(Config c, DnsClient dns, Journal journal) {
        Sleeper sleeper = d -> {
            slept.add(d);
            clock.advance(d);
            onSleep.accept(d);
        };
        Operator op = new Operator() {
            @Override public void say(String line) { said.add(line); }
            @Override public void warn(String line) { said.add("WARNING: " + line); }
            @Override public boolean confirm(String plan) { said.add(plan); return answer; }
            @Override public void progress(Progress p) { onProgress.accept(p); }
        };
        return new SendPipeline(new SendPipeline.Ports(c, dns, new SmtpRelayProbe("lists.example.org"),
                new AngusMailRelay("lists.example.org"), journal, ReplyClassifier.standard(), clock, sleeper, Map.of(), op,
                seedWatchers, returnPaths));
    }

    static SendOptions options() {
        return SendOptions.builder("monthly").yes(true).build();
    }

    static List<String> recipientsOf(List<Path> emls) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path p : emls) {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("X-Envelope-To: <")) {
                    out.add(line.substring("X-Envelope-To: <".length(), line.length() - 1));
                    break;
                }
            }
        }
        return out;
    }

    Clock clock() { return clock; }
}
