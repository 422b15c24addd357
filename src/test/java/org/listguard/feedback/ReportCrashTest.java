package org.listguard.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Journal;
import org.listguard.journal.RecipientStatus;

/**
 * SIGKILL while reports are being applied (issue 8): each report is applied with its key in one
 * transaction, so the next pass applies the rest and nothing is lost or applied twice.
 */
class ReportCrashTest {
    static final int N = 120;

    /** The DSNs carry keyed VERP tokens of the test key: the processor verifies them (DESIGN.md invariant 7). */
    static final ReportAuthenticator AUTH = new ReportAuthenticator(org.listguard.testing.TestKeys.KEYS, java.util.List.of(),
            ReportAuthenticator.Signatures.NONE);

    @TempDir
    Path dir;

    /** The address of recipient {@code seq} in the fixture's run. */
    private static String member(long seq) {
        return seq <= ProcessFixture.REPORTED.size() ? ProcessFixture.REPORTED.get((int) seq - 1) : "member" + (seq - 1) + "@example.net";
    }

    @Test
    void aKilledProcessorLosesAndDuplicatesNothing() throws Exception {
        Path maildir = ProcessFixture.maildir(dir.resolve("Maildir"));
        String url;
        String run;
        try (ProcessFixture f = new ProcessFixture(dir, N)) {
            url = "jdbc:sqlite:" + dir.resolve("journal.db");
            run = f.run;
            for (long seq = 1; seq <= N; seq++) {
                String eml = new String(f.sample("reputation.eml", seq), StandardCharsets.ISO_8859_1)
                        .replace("<20160429233445.42C71BDFA322@neko-nyaan.example.net>", "<dsn-" + seq + "@smarthost.example>")
                        // each DSN names the member its token was made for (a report never reaches an address it does not name)
                        .replace(ProcessFixture.REPORTED.get((int) ProcessFixture.REPUTATION - 1), member(seq));
                ProcessFixture.deliver(maildir, String.format("%04d.dsn", seq), eml.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), ReportCrashChild.class.getName(), url,
                maildir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("STARTED", out.readLine());
            // kill while it applies: as soon as some reports are in the journal, before it can have finished
            try (Journal j = Journal.open(url, java.time.Clock.systemUTC())) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (j.downstream().verdicts(run).isEmpty() && System.nanoTime() < deadline) Thread.onSpinWait();
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
            child.waitFor();
        }
        try (Journal j = Journal.open(url, java.time.Clock.systemUTC())) {
            int before = j.downstream().verdicts(run).size();
            org.junit.jupiter.api.Assertions.assertTrue(before > 0 && before < N, "killed mid-way: " + before + " of " + N + " applied");
            BounceProcessor p = new BounceProcessor(j, new BounceParser(org.listguard.reply.ReplyClassifier.standard()),
                    new org.listguard.config.BounceSettings(null, null, null), java.time.Clock.systemUTC(), AUTH);
            try (MaildirMailbox m = MaildirMailbox.open(maildir, Optional.of("listguard-processed"))) {
                ProcessSummary s = p.process(m, Set.of());
                assertEquals(N - before, s.matched(), "the rest is applied; what was committed is not applied again");
            }
            assertEquals(N, j.downstream().verdicts(run).size(), "every report once");
            assertEquals(N, j.runEvents().list(run).stream().filter(e -> e.kind().equals("bounce-reputation")).count(), "no event twice");
            AtomicInteger blocked = new AtomicInteger();
            j.recipients(run, EnumSet.of(RecipientStatus.BLOCKED), r -> blocked.incrementAndGet());
            assertEquals(N, blocked.get(), "every refused member waits");
            assertEquals(0, j.suppressions().list().size());
        }
    }
}
