package org.listguard.feedback;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.listguard.config.BounceSettings;
import org.listguard.reply.ReplyClassifier;
import org.listguard.journal.Journal;

/** The process {@link ReportCrashTest} kills while it applies reports: processes a Maildir, printing a line per pass. */
public final class ReportCrashChild {
    private ReportCrashChild() {}

    public static void main(String[] args) throws Exception {
        Journal j = Journal.open(args[0], Clock.systemUTC());
        BounceProcessor p = new BounceProcessor(j, new BounceParser(ReplyClassifier.standard()), new BounceSettings(null, null, null),
                Clock.systemUTC(), ReportCrashTest.AUTH);
        System.out.println("STARTED");
        System.out.flush();
        try (MaildirMailbox m = MaildirMailbox.open(Path.of(args[1]), Optional.of("listguard-processed"))) {
            p.process(m, Set.of());
        }
        System.out.println("DONE");
        System.out.flush();
        System.in.read(); // killed here if not before
    }
}
