package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "suppression", description = "(not built yet)", hidden = true)
public final class SuppressionCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    private final Environment env;

    public SuppressionCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.err().println("listguard: 'suppression' is not built yet");
        return ExitCode.BUG;
    }
}
