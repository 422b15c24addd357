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
        paragraphs(cl);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> handle(ex, env, line));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("listguard: " + ex.getMessage());
            if (!(ex instanceof CommandLine.UnmatchedArgumentException) && ex.getCommandLine().getParseResult() != null
                    && !ex.getCommandLine().getParseResult().unmatched().isEmpty()) {
                err.println("listguard: unknown: " + String.join(" ", ex.getCommandLine().getParseResult().unmatched()));
            }
            suggestion(ex).ifPresent(s -> err.println("Did you mean " + s + "?"));
            String path = commandPath(ex.getCommandLine());
            if (path.equals("help")) path = "";
            err.println("Try 'listguard help" + (path.isEmpty() ? "" : " " + path) + "' for usage.");
            err.flush();
            return ExitCode.INPUT;
        });
        return cl;
    }

    /**
     * Joins each command's description lines into paragraphs (a paragraph ends with '.', ':', '!'
     * or '?'), so that help pages wrap at the terminal's width instead of breaking mid-sentence
     * where the source had a line break.
     */
    static void paragraphs(CommandLine cl) {
        var usage = cl.getCommandSpec().usageMessage();
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder p = new StringBuilder();
        for (String line : usage.description()) {
            if (p.length() > 0) p.append(' ');
            p.append(line.strip());
            if (line.strip().matches(".*[.:!?]$")) {
                out.add(p.toString());
                p.setLength(0);
            }
        }
        if (p.length() > 0) out.add(p.toString());
        usage.description(out.toArray(String[]::new));
        cl.getSubcommands().values().forEach(Main::paragraphs);
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

    /** For a mistyped command or option: the closest subcommand or option name ("sned" → send, "--campain" → --campaign). */
    static java.util.Optional<String> suggestion(CommandLine.ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        java.util.List<String> unmatched = ex instanceof CommandLine.UnmatchedArgumentException u ? u.getUnmatched()
                : cl.getParseResult() == null ? java.util.List.of() : cl.getParseResult().unmatched();
        if (unmatched.isEmpty()) return java.util.Optional.empty();
        String typed = unmatched.get(0);
        java.util.List<String> known = new java.util.ArrayList<>();
        if (typed.startsWith("-")) {
            String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            cl.getCommandSpec().options().forEach(o -> known.addAll(java.util.List.of(o.names())));
            return Suggest.closest(name, known).map(s -> "'" + s + "'");
        }
        known.addAll(cl.getSubcommands().keySet());
        return Suggest.closest(typed, known).map(s -> "'" + commandPath(cl) + (commandPath(cl).isEmpty() ? "" : " ") + s + "'");
    }

    private static String commandPath(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.startsWith("listguard") ? name.substring("listguard".length()).trim() : name;
    }

    /** Gives commands that want it the {@link Environment}. */
    record Factory(Environment env) implements CommandLine.IFactory {
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
