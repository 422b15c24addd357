package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bounces process}: needs the journal and the suppression list; not built yet. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Read the bounce mailbox, update the journal and the suppression list.", "(not built yet)"})
public final class BouncesProcessCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    private final Environment env;

    public BouncesProcessCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.err().println("listguard: 'bounces process' is not built yet");
        env.err().flush();
        return ExitCode.BUG;
    }
}
