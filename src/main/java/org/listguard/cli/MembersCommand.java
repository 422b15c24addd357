package org.listguard.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.listguard.config.BounceScore;
import org.listguard.config.BounceSettings;
import org.listguard.feedback.EvidencePolicy;
import org.listguard.journal.Journal;
import org.listguard.journal.MemberEvidence;
import org.listguard.journal.Suppressions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "members", header = "A member's bounce evidence, score and why they are or are not suppressed.", mixinStandardHelpOptions = true,
        description = {"Members as the journal knows them from their bounces (issue 22): every verified report about the",
            "member across runs, what each counts, the score against bounces.score.threshold, and the decision."},
        subcommands = {MembersCommand.Show.class})
public final class MembersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public MembersCommand(Environment env) {
        // the subcommand does the work
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: show");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"The member's bounce history (each report quoted, with run, time, reason, code, stage and",
                "reporting MTA), its score, and why the member is or is not suppressed. Exit 0."})
    public static final class Show implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        private final Environment env;

        public Show(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            return print(global, env, SuppressionCommand.checkedAddress(address), format);
        }
    }

    /** Shared with {@code suppression explain}: the same view of one member. */
    static int print(GlobalOptions global, Environment env, String address, OutputFormat format) {
        BounceScore settings = settings(global);
        try (Journal journal = StatusCommand.open(StatusCommand.journalUrl(global), env)) {
            String key = Suppressions.key(address);
            var reset = journal.memberEvidence().lastReset(key);
            EvidencePolicy.Standing standing = EvidencePolicy.decide(journal.memberEvidence().of(key),
                    reset.map(MemberEvidence.Reset::at), settings, env.clock().instant());
            MemberStandingOutput.View v = new MemberStandingOutput.View(key, journal.suppressions().find(address), standing, reset, settings);
            env.out().print(format == OutputFormat.JSON ? MemberStandingOutput.json(v) : MemberStandingOutput.text(v));
            env.out().flush();
            return ExitCode.OK;
        }
    }

    /** bounces.score of the config when there is one (a bad config is an error); the defaults when there is none. */
    static BounceScore settings(GlobalOptions global) {
        if (global.sandbox || (global.journal != null && !Files.exists(global.config))) return BounceScore.DEFAULT;
        return global.load().bounceSettings().map(BounceSettings::score).orElse(BounceScore.DEFAULT);
    }
}
