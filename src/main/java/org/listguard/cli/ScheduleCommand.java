package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "schedule", description = "(not built yet)", hidden = true)
public final class ScheduleCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    private final Environment env;

    public ScheduleCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.err().println("listguard: 'schedule' is not built yet");
        return ExitCode.BUG;
    }
}
