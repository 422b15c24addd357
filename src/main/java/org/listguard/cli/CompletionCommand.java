package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion", header = "Print the shell completion script (bash, and zsh through bashcompinit).", mixinStandardHelpOptions = true,
        description = {"Prints a completion script for every listguard command and option (picocli's AutoComplete).",
            "bash: source <(listguard completion), or save it as /etc/bash_completion.d/listguard.",
            "zsh: autoload -U +X bashcompinit && bashcompinit && source <(listguard completion)."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Environment env;

    public CompletionCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.out().print(AutoComplete.bash("listguard", spec.root().commandLine()));
        env.out().flush();
        return ExitCode.OK;
    }
}
