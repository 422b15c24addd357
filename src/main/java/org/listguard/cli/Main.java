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
        boolean sends = line != null && java.util.Set.of("send", "daemon").contains(line.getCommandName());
        if (ex instanceof InputException ie) {
            err.println("listguard: " + ie.getMessage());
            if (sends) err.println("Nothing was sent.");
            err.flush();
            return ExitCode.INPUT;
        }
        if (ex instanceof org.listguard.journal.JournalException je) {
            // The database, not listguard: no stack trace. A send that stops here left every
            // recipient it had not journaled as sent still pending or sending (unknown on resume).
            err.println("listguard: the journal failed: " + je.getMessage());
            if (sends) err.println("Nothing is lost: a recipient whose outcome was not journaled is still pending, or was being "
                    + "sent and will show as unknown (not re-sent unless --resend-unknown).");
            err.println("Check the journal (journal.url or --journal: the disk's free space and permissions, or the database "
                    + "server), then run the same command again.");
            err.flush();
            return ExitCode.JOURNAL;
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
