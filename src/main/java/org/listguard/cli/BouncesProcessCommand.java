package org.listguard.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.listguard.config.BounceSettings;
import org.listguard.config.Config;
import org.listguard.config.MailboxSettings;
import org.listguard.reply.ReplyClassifier;
import org.listguard.mailbox.ImapMailbox;
import org.listguard.feedback.BounceMailbox;
import org.listguard.feedback.BounceParser;
import org.listguard.feedback.BounceProcessor;
import org.listguard.feedback.DkimReportSignatures;
import org.listguard.feedback.ReportAuthenticator;
import org.listguard.feedback.MailboxException;
import org.listguard.feedback.MaildirMailbox;
import org.listguard.feedback.MemberBounces;
import org.listguard.feedback.ProcessSummary;
import org.listguard.feedback.HeadersFirst;
import org.listguard.feedback.ReadMarks;
import org.listguard.feedback.RereadUnapplied;
import org.listguard.journal.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bounces process}: reads the bounce mailbox of {@code bounces.mailbox} (IMAP or Maildir),
 * applies each report to the journal and the suppression list ({@link BounceProcessor}) and
 * prints what was done. Exit 0 when the mailbox was processed (complaint warnings included),
 * 2 when the config or the mailbox is wrong (naming file, line and field).
 */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Read the bounce mailbox (bounces.mailbox: IMAP or Maildir), tie each bounce and complaint to its",
            "run and recipient (keyed VERP token or our Message-ID; never an address alone: anything else",
            "is kept as unverified and changes nothing), and apply it to that member: every bounce is kept as",
            "the member's evidence across runs, and suppresses them only when definitive (an addressing code at",
            "RCPT or in the DSN's Status:) or when the score over at least two runs reaches",
            "bounces.score.threshold (listed in the summary; see `members show ADDRESS`); complaints suppress",
            "the member and count toward the campaign's complaint rate when a feedback loop of",
            "bounces.feedback_sources proved it (the provider's DKIM signature, the RFC 5965 report shape, our",
            "own signature on the enclosed original), or when guard.corroborate distinct members complained;",
            "reputation/sender/throttle/content bounces are recorded against the run only,",
            "soft bounces are recorded; mail to the mailto unsubscribe address (bounces+u-TOKEN@…) and ARF",
            "opt-outs unsubscribe the member. Processed messages are moved to bounces.mailbox.processed_folder",
            "(or flagged); unrelated mail is left alone. Running it twice changes nothing.",
            "Exit 0 done, 2 bad config or mailbox error."})
public final class BouncesProcessCommand implements Callable<Integer> {
    /**
     * What this command's read marks are kept under: not the run's ("bounces"), which remembers
     * reports left unapplied as read; this command reads those again.
     */
    static final String PURPOSE = "bounces process";

    @Mixin
    GlobalOptions global;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    private final Environment env;

    public BouncesProcessCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Config loaded = global.load();
        Config config = global.sandbox ? Sandbox.feedback(loaded, global.journal) : loaded;
        BounceSettings settings = config.bounceSettings().orElseThrow(() -> config.source().error("bounces",
                "no bounces section: add bounces.mailbox (an IMAP host or a maildir) to process bounces"));
        org.listguard.compose.TokenKeys.forConfig(config); // issue 20: every report would be unverified with a new key
        ReplyClassifier classifier = ReplyClassifier.withOverride(config.guard().replyRulesFile());
        ProcessSummary summary;
        List<MemberBounces.Crossing> crossed;
        List<MemberBounces.Crossing> flagged;
        try (Journal journal = StatusCommand.open(config.journal().url(), env);
             BounceMailbox mailbox = open(settings.mailbox(), settings.maxMessageBytes(), env, ReadMarks.in(journal, PURPOSE))) {
            BounceProcessor processor = new BounceProcessor(journal, new BounceParser(classifier), settings, env.clock(), authenticator(config),
                    config.guard().corroborate(), org.listguard.events.RunRecord.MemberNeedsLook.BY_BOUNCES_PROCESS);
            // issue 21: junk is read once (headers first, then remembered); a report left unapplied is read again next time
            List<ProcessSummary.Unrelated> skipped = new ArrayList<>();
            BounceMailbox reader = new HeadersFirst(new RereadUnapplied(mailbox), (source, why) -> skipped.add(new ProcessSummary.Unrelated(source, why)));
            summary = processor.process(reader, new LinkedHashSet<>(config.campaigns().keySet())).withSkipped(skipped);
            crossed = processor.crossed();
            flagged = processor.flagged();
        } catch (MailboxException e) {
            throw config.source().error("bounces.mailbox." + e.setting(), e.getMessage());
        }
        env.out().print(format == OutputFormat.JSON ? BouncesSummaryOutput.json(summary, crossed, flagged)
                : BouncesSummaryOutput.text(summary, settings) + BouncesSummaryOutput.crossed(crossed) + BouncesSummaryOutput.flagged(flagged));
        env.out().flush();
        // the receivers' DMARC reports often come to the same mailbox (issue 24): applied in the same pass;
        // with --format json their lines go to stderr so that stdout stays one JSON document
        if (!global.sandbox) {
            config.dmarc().mailboxSettings().ifPresent(m -> DmarcCommand.processMailbox(config, m, config.journal().url(), env,
                    format == OutputFormat.JSON ? env.err() : env.out()));
        }
        return ExitCode.OK;
    }

    /** The token key(s) and, when feedback loops are configured, DKIM verification of their reports through our resolver. */
    static ReportAuthenticator authenticator(Config config) {
        boolean fbl = config.bounceSettings().map(b -> !b.feedbackSources().isEmpty()).orElse(false);
        ReportAuthenticator.Signatures sigs = fbl ? new DkimReportSignatures(Services.dns(config)) : ReportAuthenticator.Signatures.NONE;
        return ReportAuthenticator.forConfig(config, sigs);
    }

    /** Opens the bounce mailbox of {@code bounces.mailbox} (Maildir here, IMAP in deliver/mailbox); shared with send. */
    static BounceMailbox open(MailboxSettings m, long maxMessageSize, Environment env) throws MailboxException {
        return open(m, maxMessageSize, env, ReadMarks.NONE);
    }

    /** As {@link #open(MailboxSettings, long, Environment)}; what was read and left is remembered in {@code marks} (issue 21). */
    static BounceMailbox open(MailboxSettings m, long maxMessageSize, Environment env, ReadMarks marks)
            throws MailboxException {
        Optional<String> processed = BounceMailbox.processedFolder(m);
        if (m.maildir() != null) return MaildirMailbox.open(m.maildir(), processed, maxMessageSize, marks);
        char[] password;
        try {
            password = m.auth().password(env.vars());
        } catch (IllegalStateException e) {
            throw new MailboxException("auth", m.auth().passwordEnv() != null
                    ? "environment variable " + m.auth().passwordEnv() + " (password_env) is not set"
                    : "cannot read password_file " + m.auth().passwordFile());
        }
        return ImapMailbox.open(m, password, processed, maxMessageSize, marks);
    }
}
