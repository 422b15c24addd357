package org.listguard.cli;

import java.io.PrintWriter;
import org.listguard.InputException;
import picocli.CommandLine;

/** Entry point: {@code java -jar listguard.jar …}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(Environment.system(), args));
    }

    /** Runs the real command line; tests call this with their own {@link Environment}. */
    public static int run(Environment env, String... args) {
        CommandLine cl = commandLine(env);
        return cl.execute(args);
    }

    public static CommandLine commandLine(Environment env) {
        CommandLine cl = new CommandLine(new RootCommand(), new Factory(env));
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> handle(ex, env, line));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("listguard: " + ex.getMessage());
            err.println("Try 'listguard help " + commandPath(ex.getCommandLine()) + "' for usage.");
            err.flush();
            return ExitCode.INPUT;
        });
        return cl;
    }

    static int handle(Exception ex, Environment env, CommandLine line) {
        PrintWriter err = env.err();
        if (ex instanceof InputException ie) {
            err.println("listguard: " + ie.getMessage());
            err.println("Nothing was sent.");
            err.flush();
            return ExitCode.INPUT;
        }
        err.println("listguard: internal error (a bug): " + ex);
        ex.printStackTrace(err);
        err.flush();
        return ExitCode.BUG;
    }

    private static String commandPath(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.startsWith("listguard") ? name.substring("listguard".length()).trim() : name;
    }

    /** Gives commands that want it the {@link Environment}. */
    private record Factory(Environment env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Environment.class).newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
