package org.listguard.cli;

import picocli.CommandLine.Command;

@Command(name = "listguard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Pre-send deliverability guard for mailing lists: audit, send in guarded batches, journal, report.",
        subcommands = {
            HelpCommand.class,
            AuditCommand.class,
            SendCommand.class,
            StatusCommand.class,
            ReportCommand.class,
            BouncesCommand.class,
            DmarcCommand.class,
            SuppressionCommand.class,
            MembersCommand.class,
            BlocksCommand.class,
            EgressCommand.class,
            DaemonCommand.class,
            ServeCommand.class,
            KeysCommand.class,
            ScheduleCommand.class,
            SandboxCommand.class,
            SeedsCommand.class,
            RunsCommand.class,
            ConfigCommand.class,
            CompletionCommand.class,
            ManCommand.class,
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0   done / go",
            "  1   internal error (a bug)",
            "  2   bad usage, config or input; nothing was sent",
            "  3   no-go: a blocking finding, or the gate refused",
            "  4   unknown: a required check could not be decided; nothing was sent",
            "  75  paused: the run stopped safely and resumes on the next send",
        })
public final class RootCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required (audit, send, status, runs, report, bounces, …)");
    }
}
