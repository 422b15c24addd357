package org.listguard.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code completion [bash|zsh]}: the shell completion script for every command and option
 * (picocli's AutoComplete), with the config's campaign names after {@code --campaign} and the
 * sandbox's scenario names after {@code --scenario}, read when the script is printed.
 */
@Command(name = "completion", header = "Print the shell completion script (bash, and zsh through bashcompinit).", mixinStandardHelpOptions = true,
        description = {"Prints a completion script for every listguard command and option (picocli's AutoComplete), offering",
            "the config's campaign names after --campaign and the sandbox's scenarios after --scenario.",
            "bash: source <(listguard completion bash), or save it as /etc/bash_completion.d/listguard.",
            "zsh: source <(listguard completion zsh) (it loads bashcompinit itself)."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash", description = "bash (default) or zsh")
    String shell;

    @CommandLine.Mixin
    GlobalOptions global;

    private final Environment env;

    public CompletionCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new org.listguard.InputException(null, 0, "SHELL", "'" + shell + "': bash or zsh");
        }
        CommandLine root = new CommandLine(new RootCommand(), new Main.Factory(env));
        List<String> campaigns = campaigns();
        List<String> scenarios = scenarios();
        withCandidates(root.getCommandSpec(), campaigns, scenarios);
        String script = AutoComplete.bash("listguard", root);
        if (shell.equals("zsh")) script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        env.out().print(script);
        env.out().flush();
        return ExitCode.OK;
    }

    /** The campaigns of the config listguard would read (none when there is no readable config). */
    private List<String> campaigns() {
        try {
            return new ArrayList<>(global.load().campaigns().keySet());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private List<String> scenarios() {
        try {
            List<String> out = new ArrayList<>();
            for (var s : new org.listguard.sandbox.Scenarios(Sandbox.world(global.config)).all()) out.add(s.name());
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Every --campaign and --scenario option in the command tree, rebuilt with its completion candidates. */
    private static void withCandidates(CommandSpec cmd, List<String> campaigns, List<String> scenarios) {
        for (OptionSpec o : List.copyOf(cmd.options())) {
            List<String> values = o.longestName().equals("--campaign") ? campaigns : o.longestName().equals("--scenario") ? scenarios : null;
            if (values == null || values.isEmpty()) continue;
            cmd.remove(o);
            // picocli names the script's variable after the label: two options labelled NAME would share one
            String label = o.longestName().equals("--campaign") ? "CAMPAIGN" : "SCENARIO";
            cmd.addOption(OptionSpec.builder(o).paramLabel(label).completionCandidates(values).build());
        }
        for (CommandLine sub : cmd.subcommands().values()) withCandidates(sub.getCommandSpec(), campaigns, scenarios);
    }
}
