package org.listguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bounces}: the bounce and complaint commands (DESIGN.md). */
@Command(name = "bounces", header = "Classify bounces and complaints, or process the bounce mailbox.", mixinStandardHelpOptions = true,
        description = "Bounces and complaints: classify messages, or process the bounce mailbox.",
        subcommands = {BouncesClassifyCommand.class, BouncesProcessCommand.class})
public final class BouncesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Environment env;

    public BouncesCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (classify, process)");
    }
}
