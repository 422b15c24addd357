package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "(not built yet)", hidden = true)
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    private final Environment env;

    public StatusCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.err().println("listguard: 'status' is not built yet");
        return ExitCode.BUG;
    }
}
