package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "daemon", description = "(not built yet)", hidden = true)
public final class DaemonCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    private final Environment env;

    public DaemonCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.err().println("listguard: 'daemon' is not built yet");
        return ExitCode.BUG;
    }
}
