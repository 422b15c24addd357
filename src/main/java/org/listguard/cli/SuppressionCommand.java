package org.listguard.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.listguard.InputException;
import org.listguard.feedback.MemberBounces;
import org.listguard.reply.Action;
import org.listguard.journal.Journal;
import org.listguard.journal.Suppression;
import org.listguard.journal.Timestamps;
import org.listguard.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "suppression", header = "List, add or remove suppressed addresses (hard bounces, complaints).", mixinStandardHelpOptions = true,
        description = {"The suppression list: addresses never sent to again (hard bounces and complaints only;",
            "a reputation or throttle reply never suppresses a member)."},
        subcommands = {SuppressionCommand.ListCmd.class, SuppressionCommand.Add.class, SuppressionCommand.Remove.class,
            SuppressionCommand.Explain.class})
public final class SuppressionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public SuppressionCommand(Environment env) {
        // the subcommands do the work
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: list, add, remove or explain");
    }

    /** Which actions a person may record by hand: the two that suppress. */
    public enum ManualAction {
        HARD, COMPLAINT;

        Action action() { return Action.valueOf(name()); }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every suppressed address with reason, action, run and UTC time.")
    public static final class ListCmd implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        private final Environment env;

        public ListCmd(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Journal journal = StatusCommand.open(StatusCommand.journalUrl(global), env)) {
                List<Suppression> all = journal.suppressions().list();
                if (format == OutputFormat.JSON) {
                    env.out().println(Json.write(all.stream().map(ListCmd::json).toList()));
                } else if (all.isEmpty()) {
                    env.out().println("The suppression list is empty.");
                } else {
                    for (Suppression s : all) {
                        env.out().printf("%s\t%s\t%s\t%s%s%n", s.key(), s.action().json(), Timestamps.format(s.at()), org.listguard.reply.Reasons.explained(s.reason()),
                                s.sourceRun() == null ? "" : " (run " + s.sourceRun() + ")");
                    }
                }
                env.out().flush();
                return ExitCode.OK;
            }
        }

        private static java.util.Map<String, Object> json(Suppression s) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("address", s.key());
            m.put("action", s.action().json());
            m.put("reason", s.reason());
            if (s.evidence() != null) m.put("evidence", s.evidence());
            if (s.sourceRun() != null) m.put("run", s.sourceRun());
            m.put("at", Timestamps.format(s.at()));
            return m;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Suppress an address (e.g. an unsubscribe request or a bounce seen elsewhere).")
    public static final class Add implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why (kept with the entry)")
        String reason;

        @Option(names = "--action", paramLabel = "hard|complaint", defaultValue = "hard", description = "default: ${DEFAULT-VALUE}")
        ManualAction action;

        private final Environment env;

        public Add(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            String a = checkedAddress(address);
            if (reason.isBlank()) throw new InputException(null, 0, "--reason", "a reason is required");
            try (Journal journal = StatusCommand.open(StatusCommand.journalUrl(global), env)) {
                journal.suppressions().add(a, reason.strip(), action.action(), "added by hand", null);
                env.out().println("suppressed " + a + " (" + action.name().toLowerCase(Locale.ROOT) + ": " + reason.strip() + ")");
                env.out().flush();
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Allow an address again. Exit 2 when it was not suppressed.")
    public static final class Remove implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        private final Environment env;

        public Remove(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            String a = checkedAddress(address);
            try (Journal journal = StatusCommand.open(StatusCommand.journalUrl(global), env)) {
                // the member starts a clean record: evidence read before now no longer counts (issue 22)
                boolean removed = journal.atomically(() -> {
                    if (!journal.suppressions().remove(a)) return false;
                    MemberBounces.reset(journal, a, env.clock().instant(), "suppression remove");
                    return true;
                });
                if (!removed) {
                    env.err().println("listguard: " + a + " is not on the suppression list");
                    env.err().flush();
                    return ExitCode.INPUT;
                }
                env.out().println("removed " + a + " from the suppression list; their bounce record starts afresh");
                env.out().flush();
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {"Why ADDRESS is or is not suppressed: the suppression entry, the member's bounce evidence",
                "across runs (each report quoted), its score and the rule that decided. The same as `members show`. Exit 0."})
    public static final class Explain implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        private final Environment env;

        public Explain(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            return MembersCommand.print(global, env, checkedAddress(address), format);
        }
    }

    static String checkedAddress(String address) {
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1 || a.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
            throw new InputException(null, 0, "ADDRESS", "'" + address + "' is not an email address (local@domain)");
        }
        return a;
    }
}
