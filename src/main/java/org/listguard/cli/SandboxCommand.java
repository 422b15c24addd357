package org.listguard.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.listguard.config.Defaults;
import org.listguard.sandbox.Scenario;
import org.listguard.sandbox.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "sandbox", header = "List the offline worlds of --sandbox, or end a scenario's block.", mixinStandardHelpOptions = true,
        description = {"The offline worlds `send --sandbox --scenario NAME` and `audit --sandbox --scenario NAME` run in:",
            "a listed relay, a smart host that starts refusing, a receiver behind it that blocks, a silent discard,",
            "a provider's rate limit, members who do not exist. Each is a data file in config/sandbox/scenarios/."},
        subcommands = {SandboxCommand.ScenariosCommand.class, SandboxCommand.LiftCommand.class})
public final class SandboxCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: scenarios or lift");
    }

    @Command(name = "scenarios", mixinStandardHelpOptions = true, header = "List the sandbox scenarios, one line each.",
            description = "List the sandbox scenarios (config/sandbox/scenarios/*.yaml next to the config), one line each.")
    static final class ScenariosCommand implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        private final Environment env;

        ScenariosCommand(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            List<Scenario> all = new Scenarios(Sandbox.world(global.config)).all();
            int width = all.stream().mapToInt(s -> s.name().length()).max().orElse(5);
            for (Scenario s : all) env.out().printf("%-" + width + "s  %s%n", s.name(), s.summary());
            env.out().println();
            env.out().println("Run one: listguard send --sandbox --scenario NAME --campaign monthly --yes"
                    + (global.config.toString().equals(Defaults.CONFIG_FILE) ? "" : " -c " + global.config));
            env.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "lift", mixinStandardHelpOptions = true, header = "End the scenario's block, so the paused run can resume.",
            description = {"End the scenario's block: the receiver delisted the relay, the smart host lifted its limit.",
                "The next `send --sandbox --scenario NAME` runs in the clean world and resumes the paused run;",
                "once a sandbox run completes, the scenario blocks again."})
    static final class LiftCommand implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        private final Environment env;

        LiftCommand(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            String journal = global.journal != null ? global.journal : Defaults.SANDBOX_JOURNAL_URL;
            // The run to resume: the latest unfinished one (any campaign), else the latest run. Its
            // scenario is the one its first send recorded (RunScenarios); the sandbox relay's memory
            // of the last scenario sent only stands in when the run's is not known: another
            // campaign sent in another scenario since then must not take the lift.
            String campaign = "monthly";
            long unconfirmed = 0;
            java.util.Optional<String> recorded = java.util.Optional.empty();
            boolean known = false;
            if (java.nio.file.Files.exists(Sandbox.outDir(journal))) {
                try (org.listguard.journal.Journal j = StatusCommand.open(journal, env)) {
                    java.util.Optional<org.listguard.journal.Run> paused = j.runs().latestUnfinished();
                    java.util.Optional<org.listguard.journal.Run> run = paused.isPresent() ? paused : j.runs().latest();
                    campaign = run.map(org.listguard.journal.Run::campaign).orElse(campaign);
                    unconfirmed = run.flatMap(r -> j.runs().status(r.id())).map(s -> s.count("unconfirmed")).orElse(0L);
                    if (paused.isPresent()) {
                        RunScenarios worlds = RunScenarios.in(journal);
                        known = worlds.worldOf(paused.get().id()).isPresent();
                        recorded = java.util.Optional.ofNullable(worlds.scenarioOf(paused.get().id()));
                    }
                } catch (RuntimeException e) {
                    // no sandbox journal yet: the example campaign
                }
            }
            java.util.Optional<String> scenario = known ? recorded : Sandbox.blockedScenario(Sandbox.outDir(journal));
            Instant at = new org.listguard.sandbox.Lift(Sandbox.outDir(journal)).lift(env.clock().instant(), scenario.orElse(null));
            env.out().println("sandbox: " + scenario.map(s -> "scenario " + s + "'s").orElse("the scenario's") + " block is lifted (" + org.listguard.journal.Timestamps.format(at)
                    + "): the receivers and the smart host accept again.");
            // the resume command, built from this invocation's own options (-c, --journal, --dns) and the scenario's name
            java.util.List<String> globals = new java.util.ArrayList<>(global.invocation().globals());
            if (!globals.contains("--sandbox")) globals.add("--sandbox");
            java.util.List<String> args = new java.util.ArrayList<>();
            scenario.ifPresent(s -> args.addAll(java.util.List.of("--scenario", s)));
            args.addAll(java.util.List.of("--campaign", campaign, "--yes"));
            env.out().println("Resume the paused run with the same send: `"
                    + new org.listguard.report.Invocation(globals).command("send", args.toArray(String[]::new)) + "`.");
            if (unconfirmed > 0) { // issue 19: the resume leaves them alone; the operator's word sends them again
                java.util.List<String> again = new java.util.ArrayList<>(args);
                again.add(again.indexOf("--yes"), "--resend-unconfirmed");
                env.out().println("Its " + unconfirmed + " unconfirmed member(s) (the seed at their provider never arrived) are not sent "
                        + "again by that; `" + new org.listguard.report.Invocation(globals).command("send", again.toArray(String[]::new))
                        + "` sends them again too.");
            }
            env.out().flush();
            return ExitCode.OK;
        }
    }
}
