package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "send", description = "(not built yet)", hidden = true)
public final class SendCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    private final Environment env;

    public SendCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.err().println("listguard: 'send' is not built yet");
        return ExitCode.BUG;
    }
}
