package org.listguard.journal;

import java.time.Clock;

/**
 * The process {@link CrashRecoveryTest} kills: takes the campaign lock, journals one recipient
 * as sending (committed), prints the run id and waits to be killed mid-"SMTP transaction".
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Journal j = Journal.open(args[0], Clock.systemUTC());
        if (!(j.runs().lock("monthly") instanceof LockResult.Acquired)) {
            System.out.println("LOCKED");
            System.exit(3);
        }
        Run run = j.runs().create("monthly", null, false);
        j.addRecipients(run.id(), JournalFixtures.members(3));
        j.markSending(run.id(), 1, "<1@example.org>");
        j.recordOutcome(run.id(), 1, Outcome.accepted(250, null, "250 Ok", "isp", "Q1", null));
        j.markSending(run.id(), 2, "<2@example.org>");
        System.out.println("SENDING " + run.id());
        System.out.flush();
        System.in.read(); // "the SMTP transaction": never ends, the test kills us here
    }
}
