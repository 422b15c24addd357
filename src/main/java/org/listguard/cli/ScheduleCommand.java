package org.listguard.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.listguard.config.Config;
import org.listguard.schedule.ScheduleEntry;
import org.listguard.schedule.Schedules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "schedule", header = "Show when each scheduled campaign fires next.", mixinStandardHelpOptions = true,
        description = "Show the campaigns' cron schedules and when they fire next (what `listguard daemon` will run).",
        subcommands = ScheduleCommand.ListCommand.class)
public final class ScheduleCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List scheduled campaigns and their next firing times.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--zone", paramLabel = "ZONE", description = "time zone of the cron expressions (default: the system's)")
        String zone;

        // --format json (issue 12): {"zone", "campaigns": [{"campaign", "cron", "next": [ISO-8601 with offset…]}]}
        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Option(names = "--next", paramLabel = "N", description = "how many firing times to show (default: ${DEFAULT-VALUE})", defaultValue = "3")
        int next;

        private final Environment env;

        ListCommand(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = global.load();
            ZoneId z = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
            List<ScheduleEntry> entries = Schedules.of(config, env.clock(), z, next);
            if (format == OutputFormat.JSON) {
                env.out().println(ScheduleJson.render(z, entries));
                env.out().flush();
                return ExitCode.OK;
            }
            if (entries.isEmpty()) {
                env.out().println("No campaign has a schedule (campaigns.<name>.schedule in " + global.config + ").");
                return ExitCode.OK;
            }
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");
            for (ScheduleEntry e : entries) {
                String when = e.next().isEmpty() ? "" : "next: " + String.join(", ", e.next().stream().map(f::format).toList());
                env.out().printf("%-20s %-20s %s%n", e.campaign(), "\"" + e.cron() + "\"",
                        e.problem().map(p -> "ERROR (this campaign will not send): " + p).orElse(when));
            }
            env.out().flush();
            // a broken campaign is an error for that campaign only: listed above with its error; its sends exit 2
            return ExitCode.OK;
        }
    }
}
