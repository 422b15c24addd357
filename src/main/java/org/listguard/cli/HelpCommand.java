package org.listguard.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code listguard help [COMMAND [SUBCOMMAND…]]}: the help page of any command at any depth
 * ({@code help bounces classify} shows classify, not its group), unlike picocli's built-in help
 * command, which looks one level down only. An unknown name is a usage error with suggestions.
 */
@Command(name = "help", helpCommand = true, header = "Show the help of a command, e.g. listguard help bounces classify.",
        description = "Shows the help page of the command (and subcommand) named; without a name, the command list.")
public final class HelpCommand implements Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command path, e.g. 'send' or 'bounces classify'")
    List<String> path = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CommandLine target = spec.commandLine().getParent();
        List<String> walked = new ArrayList<>();
        for (String name : path) {
            Map<String, CommandLine> subs = target.getSubcommands();
            CommandLine next = subs.get(name);
            if (next == null) {
                List<String> known = new ArrayList<>(subs.keySet());
                known.remove("help");
                String where = walked.isEmpty() ? "listguard" : "listguard " + String.join(" ", walked);
                String hint = Suggest.closest(name, known).map(s -> " Did you mean '" + s + "'?").orElse("");
                throw new CommandLine.ParameterException(spec.commandLine(), "'" + name + "' is not a command of " + where + "."
                        + hint + (known.isEmpty() ? "" : " Known: " + String.join(", ", known) + "."));
            }
            walked.add(name);
            target = next;
        }
        target.usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
    }
}
