package org.listguard.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.listguard.compose.Composer;
import org.listguard.compose.dkim.DkimSigner;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.config.Relay;
import org.listguard.deliver.MailRelay;
import org.listguard.deliver.throttle.SendThrottle;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.guard.Guard;
import org.listguard.guard.Observation;
import org.listguard.guard.SeedWatcher;
import org.listguard.journal.Journal;
import org.listguard.list.ListReader;
import org.listguard.placement.Placement;
import org.listguard.placement.ReceiverVerdict;

/**
 * {@code seeds test --campaign NAME}: the campaign's message to the seeds only — composed, signed,
 * throttled and submitted through the first relay exactly as in a send — then up to {@code wait}
 * for each seed's placement (inbox, junk or missing) and the receiver's verdict. No member is
 * mailed and the campaign's runs are not touched: the seeds' events go to {@code scratch}, a
 * journal of the test's own (a test is not a run of the campaign).
 */
public final class SeedsTest {
    /** The outside world the test needs; {@code scratch} is a journal only this test writes. */
    public record Ports(Config config, MailRelay mailRelay, Journal scratch, org.listguard.reply.ReplyClassifier classifier,
                        org.listguard.provider.Providers providers, Clock clock, Sleeper sleeper, Map<String, String> env, Operator operator,
                        SendPipeline.SeedWatchers seedWatchers) {}

    /**
     * One seed's row of the placement table.
     *
     * @param refused the relay's reply when it did not accept the seed (then placement is missing), else null
     */
    public record Row(String provider, String seed, Placement placement, String folder, ReceiverVerdict verdict, Duration after,
                      String refused) {}

    /** Every seed's row, in the order of {@code guard.seeds}. */
    public record Result(String relay, List<Row> rows) {
        public boolean allInbox() { return !rows.isEmpty() && rows.stream().allMatch(r -> r.placement() == Placement.INBOX); }
    }

    private final Ports p;

    public SeedsTest(Ports ports) {
        this.p = ports;
    }

    /** @param wait how long to wait for the seeds' placement (guard.seed_first, else guard.seed_timeout, unless given) */
    public Result run(String campaignName, Duration wait) throws InterruptedException {
        Config c = p.config();
        Campaign campaign = c.campaign(campaignName);
        Composer composer = new Composer(c, campaign, p.clock());
        List<String> columns = headers(campaign);
        composer.requireColumns(columns);
        DkimSigner signer = c.dkimSettings().map(d -> DkimSigner.of(d, p.clock())).orElse(null);
        if (c.guard().seeds().isEmpty()) {
            throw c.source().error("guard.seeds", "seeds test needs guard.seeds (the addresses whose placement it reports)");
        }
        Relay relay = c.relays().get(0);
        char[] password = relay.credentials().map(a -> {
            try {
                return a.password(p.env());
            } catch (IllegalStateException e) {
                throw c.source().error("relays[0].auth", e.getMessage());
            }
        }).orElse(new char[0]);
        Map<org.listguard.config.SeedSpec, char[]> passwords = SendPipeline.seedMailboxPasswords(c, p.env());
        String runId = p.scratch().runs().create("seeds test " + campaign.name(), "{}", false).id();
        try (SeedWatcher watcher = SendPipeline.openSeedMailboxes(c, p.seedWatchers(), passwords)) {
            Guard guard = new Guard(c.guard(), p.clock(), false); // asked only so the seeds report as in a send; nothing acts on it
            Seeds seeds = new Seeds(runId, c.guard().seedAddresses(), columns, composer, signer, p.scratch(), p.classifier(), watcher, wait,
                    p.clock()).watching(java.util.Set.of(), p.operator(), d -> p.providers().of(d).name());
            SendThrottle throttle = new SendThrottle(c.throttle(), p.clock(), p.sleeper());
            List<Observation> refused = new ArrayList<>();
            Workers workers = new Workers(p.mailRelay(), relay, password, 1);
            try {
                workers.first(session -> refused.addAll(seeds.send(session, relay.host(), throttle, p.sleeper())));
            } finally {
                workers.close();
            }
            p.operator().say("seeds test: " + seeds.outstandingCount() + " seed message(s) accepted by relay " + relay.name()
                    + "; waiting up to " + org.listguard.config.Durations.human(wait) + " for their placement");
            Instant until = p.clock().instant().plus(wait);
            Duration poll = wait.dividedBy(20).compareTo(Seeds.POLL) > 0 ? Seeds.POLL : wait.dividedBy(20);
            if (poll.compareTo(Duration.ofMillis(50)) < 0) poll = Duration.ofMillis(50);
            while (seeds.waiting()) {
                if (Interruption.requested(p.operator())) break;
                seeds.check(guard, true, false);
                Duration left = Duration.between(p.clock().instant(), until);
                if (!seeds.waiting() || left.isNegative() || left.isZero()) break;
                p.sleeper().sleep(left.compareTo(poll) < 0 ? left : poll);
            }
            seeds.expire(guard);
            return new Result(relay.name(), rows(c, seeds.placements(), refused));
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private List<Row> rows(Config c, Map<String, Seeds.Placed> placed, List<Observation> refused) {
        List<Row> out = new ArrayList<>();
        for (String address : c.guard().seedAddresses()) {
            Seeds.Placed pl = placed.get(address);
            if (pl != null) {
                out.add(new Row(pl.provider(), address, pl.placement(), pl.folder(), pl.verdict(), pl.after(), null));
                continue;
            }
            String domain = address.substring(address.lastIndexOf('@') + 1);
            String reply = refused.stream().filter(o -> ("seed:" + address).equalsIgnoreCase(String.valueOf(o.member())))
                    .map(o -> o.reply().text()).findFirst()
                    .orElse("not accepted by the relay");
            out.add(new Row(p.providers().of(domain).name(), address, Placement.MISSING, null, ReceiverVerdict.NONE, null, reply));
        }
        return out;
    }

    private static List<String> headers(Campaign campaign) {
        try (ListReader r = ListReader.open(campaign.list())) {
            return r.headers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
