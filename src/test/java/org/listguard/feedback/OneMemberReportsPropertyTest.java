package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.config.BounceSettings;
import org.listguard.config.Defaults;
import org.listguard.journal.ComplaintRate;
import org.listguard.journal.RecipientRow;
import org.listguard.reply.ReplyClassifier;
import org.listguard.send.ComplaintGate;
import org.listguard.testing.TestKeys;

/**
 * DESIGN.md invariant 11 as a property, with real DKIM: one member (recipient 3) holds their own
 * keyed VERP token, their Message-ID, their own signed copy of the newsletter and an account at
 * the feedback-loop provider (so they can DKIM-sign as {@code hotmail.com}). No sequence of the
 * reports they can build changes another member, and none trips the complaint gate; the one
 * report only the provider should write (their own signed message in the provider's exact shape,
 * which is what pressing "this is spam" sends anyway) counts once at most, however often sent.
 * Sequences are drawn from fixed seeds (a failure names its seed and its steps).
 */
class OneMemberReportsPropertyTest {
    static final long SELF = ProcessFixture.COMPLAINT;
    static final int MEMBERS = 12;
    static final int SEQUENCES = 12;
    static final BounceSettings LIMITS = new BounceSettings(null, null, null);

    @RegisterExtension
    static final FeedbackLoopWorld.PerClass WORLD = new FeedbackLoopWorld.PerClass();

    @TempDir
    Path dir;

    /** What the member can send; {@link #SELF_PROVEN} is the provider's own shape around their own signed message. */
    enum Kind { OWN_COMPLAINT, OWN_COMPLAINT_NAMING_OTHERS, OWN_HARD_BOUNCE, OWN_OPT_OUT, OWN_MESSAGE_ID_ARF,
        PROVIDER_SIGNED_NAMING_OTHERS, PROVIDER_SIGNED_MIXED_NAMING_OTHERS, OWN_ORIGINAL_ALTERED_NAMING_OTHERS, SELF_PROVEN }

    @Test
    void noSequenceOfOneMembersReportsChangesAnotherMemberOrTheGate() throws IOException {
        for (long seed = 1; seed <= SEQUENCES; seed++) run(seed, false);
    }

    @Test
    void withTheProvidersShapeAroundTheirOwnMessageTheyCountOnceAtMost() throws IOException {
        for (long seed = 101; seed < 101 + SEQUENCES / 2; seed++) run(seed, true);
    }

    private void run(long seed, boolean selfProven) throws IOException {
        Path d = Files.createDirectories(dir.resolve("seed-" + seed));
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Kind> steps = new ArrayList<>();
        try (ProcessFixture f = new ProcessFixture(d, MEMBERS)) {
            Map<Long, String> before = others(f);
            BounceProcessor p = new BounceProcessor(f.journal, new BounceParser(ReplyClassifier.standard()), LIMITS, f.clock,
                    new ReportAuthenticator(TestKeys.KEYS, List.of(FeedbackLoopWorld.PROVIDER), "example.org", "news",
                            List.of(FeedbackLoopWorld.RELAY_IP), new DkimReportSignatures(WORLD.world().client())));
            int n = 1 + rnd.nextInt(8);
            Kind[] kinds = Kind.values();
            for (int i = 0; i < n; i++) {
                Kind k = kinds[rnd.nextInt(selfProven ? kinds.length : kinds.length - 1)];
                steps.add(k);
                p.processMessage(seed + "-" + i, report(f, k, seed + "-" + i, rnd));
            }
            String where = "seed " + seed + ", steps " + steps;
            assertEquals(before, others(f), "no other member changed: " + where);
            for (var s : f.journal.suppressions().list()) assertEquals(key(f, SELF), s.key(), "only they are suppressed: " + where);
            ComplaintRate rate = f.journal.feedback().complaintRate("monthly", Defaults.CORROBORATE).orElseThrow();
            assertTrue(rate.reported() <= 1, "one member is one complainer: " + where);
            if (!selfProven || !steps.contains(Kind.SELF_PROVEN)) {
                assertEquals(0, rate.complaints(), "nothing counted toward the rate: " + where);
                assertEquals(Optional.empty(), ComplaintGate.finding(f.journal, LIMITS, Defaults.CORROBORATE, "monthly"), where);
            } else {
                assertEquals(1, rate.complaints(), "counted once: " + where);
            }
        }
    }

    /** Every other member's row state and suppression, by seq. */
    private static Map<Long, String> others(ProcessFixture f) {
        Map<Long, String> m = new TreeMap<>();
        for (long seq = 1; seq <= MEMBERS; seq++) {
            if (seq == SELF) continue;
            RecipientRow r = f.journal.recipient(f.run, seq).orElseThrow();
            m.put(seq, r.status() + "/" + r.action() + "/" + r.reason() + "/" + f.journal.suppressions().isSuppressed(r.emailKey()));
        }
        return m;
    }

    private static String key(ProcessFixture f, long seq) {
        return f.journal.recipient(f.run, seq).orElseThrow().emailKey();
    }

    private static String address(long seq) {
        return seq <= ProcessFixture.REPORTED.size() ? ProcessFixture.REPORTED.get((int) seq - 1) : "member" + (seq - 1) + "@example.net";
    }

    private static byte[] report(ProcessFixture f, Kind k, String id, SplittableRandom rnd) {
        long other = 1 + rnd.nextInt(MEMBERS);
        if (other == SELF) other = SELF + 1;
        String token = TestKeys.returnToken(f.run, SELF);
        String self = address(SELF);
        String mid = f.journal.recipient(f.run, SELF).orElseThrow().messageId();
        byte[] own = WORLD.world().ourMessage(self, mid);
        byte[] fake = ("From: me@hotmail.com\r\nTo: x@example.org\r\nMessage-ID: <" + id + "@hotmail.com>\r\nSubject: x\r\n\r\nx\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String naming = FeedbackLoopWorld.fields(address(other)) + "Original-Rcpt-To: " + self + "\r\n";
        return switch (k) {
            case OWN_COMPLAINT -> complaint(token, List.of(self), id, "abuse");
            case OWN_COMPLAINT_NAMING_OTHERS -> complaint(token, List.of(address(other), self, address(1 + rnd.nextInt(MEMBERS))), id, "abuse");
            case OWN_OPT_OUT -> complaint(token, List.of(self), id, "opt-out");
            case OWN_HARD_BOUNCE -> text(ProcessFixture.sample("hard.eml", token)).replace("kijitora@example.co.jp", rnd.nextBoolean() ? self : address(other))
                    .replace("<20100524100650.7FE851AC10D@", "<" + id + ".").getBytes(StandardCharsets.ISO_8859_1);
            case OWN_MESSAGE_ID_ARF -> FeedbackLoopWorld.unsigned("multipart/report; report-type=feedback-report", "<" + id + "@example.net>",
                    naming, own, rnd.nextBoolean());
            case PROVIDER_SIGNED_NAMING_OTHERS -> WORLD.world().report("<" + id + "@hotmail.com>", naming, fake, rnd.nextBoolean());
            case PROVIDER_SIGNED_MIXED_NAMING_OTHERS -> WORLD.world().signedByProvider(FeedbackLoopWorld.unsigned("multipart/mixed", "<" + id + "@hotmail.com>",
                    naming, own, false));
            case OWN_ORIGINAL_ALTERED_NAMING_OTHERS -> WORLD.world().report("<" + id + "@hotmail.com>", naming,
                    text(own).replace("November", "Nov.").getBytes(StandardCharsets.ISO_8859_1), false);
            case SELF_PROVEN -> WORLD.world().report("<" + id + "@hotmail.com>", FeedbackLoopWorld.fields(self), own, false);
        };
    }

    /** complaint.eml with the member's token, these Original-Rcpt-To, this feedback type and a report key of its own. */
    private static byte[] complaint(String token, List<String> rcpts, String id, String type) {
        StringBuilder lines = new StringBuilder();
        for (String r : rcpts) lines.append(lines.length() == 0 ? "" : "\n").append("Original-Rcpt-To: ").append(r);
        return text(ProcessFixture.sample("complaint.eml", token)).replace("Original-Rcpt-To: kijitora@y.example.com", lines.toString())
                .replace("Feedback-Type: abuse", "Feedback-Type: " + type)
                .replace("<222222222222eeee-", "<" + id + "-").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
