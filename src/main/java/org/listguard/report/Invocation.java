package org.listguard.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The global options of the current invocation ({@code -c}, {@code --dns}, {@code --journal},
 * {@code --sandbox}), so that every command listguard suggests runs as printed: a suggestion
 * without the {@code -c FILE} the run used would fail with exit 2.
 *
 * @param globals the options and their values, in order, e.g. {@code ["-c", "conf/lg.yaml", "--dns", "127.0.0.1:5353"]}
 * @param world   {@code ["--scenario", NAME]} for a sandbox scenario, else empty: given only to the commands that
 *                run in a world ({@code send}, {@code audit}, {@code seeds test}), so a printed send replays the same world
 */
public record Invocation(List<String> globals, List<String> world) {
    /** The commands a sandbox scenario changes: the others read the journal only. */
    private static final Pattern IN_WORLD = Pattern.compile("send|audit|seeds test");
    /** The subcommands that have subcommands of their own: their global options go after the second word. */
    private static final String GROUPS = "bounces|schedule|suppression|config|sandbox|blocks|egress|members|dmarc|keys|seeds";
    /** Every command listguard has: only these are commands in a text ("listguard sends" is prose). */
    private static final String COMMANDS = "audit|send|status|report|runs|daemon|serve|completion|man|help|" + GROUPS;
    private static final Pattern COMMAND = Pattern.compile(
            "\\blistguard ((?:(?:" + GROUPS + ") (?!-)[a-z]+)|(?:(?:" + COMMANDS + ")))(?=[\\s`'\"),.;:]|$)([^`\\n]*)");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    public Invocation {
        globals = List.copyOf(globals);
        world = List.copyOf(world);
    }

    public Invocation(List<String> globals) {
        this(globals, List.of());
    }

    /** No global options (the defaults were used). */
    public static Invocation none() { return new Invocation(List.of()); }

    /** This invocation in a sandbox scenario's world (a run paused in it resumes only there); {@code null} keeps it as is. */
    public Invocation inScenario(String scenario) {
        return scenario == null ? this : new Invocation(globals, List.of("--scenario", scenario));
    }

    /** The global options a command gets: the world's too when it runs in one. */
    private List<String> globalsOf(String command) {
        if (world.isEmpty() || !IN_WORLD.matcher(command).matches()) return globals;
        List<String> all = new ArrayList<>(globals);
        all.addAll(world);
        return all;
    }

    /** {@code listguard PATH <globals> ARGS}, shell-quoted where needed. */
    public String command(String path, String... args) {
        List<String> words = new ArrayList<>();
        words.add("listguard");
        words.add(path);
        words.addAll(globalsOf(path));
        words.addAll(List.of(args));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) sb.append(' ');
            sb.append(i < 2 ? words.get(i) : quote(words.get(i)));
        }
        return sb.toString();
    }

    /**
     * Every {@code listguard COMMAND} in a text, with this invocation's global options inserted after
     * the command, except those the command already has (never twice). Only listguard's own
     * command names count: prose such as "listguard sends" is left alone.
     */
    public String rewrite(String text) {
        if (text == null || (globals.isEmpty() && world.isEmpty())) return text;
        Matcher m = COMMAND.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String rest = m.group(2);
            List<String> globals = globalsOf(m.group(1));
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < globals.size(); i++) {
                String g = globals.get(i);
                boolean takesValue = !g.equals("--sandbox") && i + 1 < globals.size() && !globals.get(i + 1).startsWith("-");
                boolean present = rest.matches("(?s).*(^|\\s)" + Pattern.quote(g) + "(\\s|=|$).*");
                if (!present || g.equals("--dns")) { // --dns repeats: add the whole given list only when none is there
                    if (!(g.equals("--dns") && rest.matches("(?s).*(^|\\s)--dns(\\s|=).*"))) {
                        missing.add(quote(g));
                        if (takesValue) missing.add(quote(globals.get(i + 1)));
                    }
                }
                if (takesValue) i++;
            }
            String inserted = missing.isEmpty() ? "" : " " + String.join(" ", missing);
            m.appendReplacement(sb, Matcher.quoteReplacement("listguard " + m.group(1) + inserted + rest));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A word as a POSIX shell reads it back: bare when safe, otherwise in single quotes. */
    static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
