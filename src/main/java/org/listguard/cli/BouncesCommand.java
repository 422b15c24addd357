package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "bounces", description = "(not built yet)", hidden = true)
public final class BouncesCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    private final Environment env;

    public BouncesCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.err().println("listguard: 'bounces' is not built yet");
        return ExitCode.BUG;
    }
}
