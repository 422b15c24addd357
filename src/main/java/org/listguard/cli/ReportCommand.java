package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "report", description = "(not built yet)", hidden = true)
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    private final Environment env;

    public ReportCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.err().println("listguard: 'report' is not built yet");
        return ExitCode.BUG;
    }
}
