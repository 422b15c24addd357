package org.listguard.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The manual page as troff (man(7) macros) from the same command definitions, for
 * {@code listguard man --troff | man -l -} and for installing as {@code listguard.1}: the root's
 * name, synopsis and description, then one section per command at every depth with its synopsis,
 * description, arguments and options, then the exit codes.
 */
final class ManTroff {
    private ManTroff() {}

    static String page(CommandLine root) {
        StringBuilder t = new StringBuilder();
        CommandSpec r = root.getCommandSpec();
        t.append(".TH LISTGUARD 1 \"\" \"listguard ").append(esc(version(r))).append("\" \"Listguard Manual\"\n");
        t.append(".SH NAME\nlistguard \\- ").append(esc(String.join(" ", r.usageMessage().description()))).append('\n');
        t.append(".SH SYNOPSIS\n.B listguard\n.I COMMAND\n[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n");
        t.append(".SH DESCRIPTION\n").append(esc(String.join(" ", r.usageMessage().description())))
                .append("\n.PP\nEvery command documents itself with \\fBlistguard help\\fR \\fICOMMAND\\fR [\\fISUBCOMMAND\\fR].\n");
        t.append(".SH COMMANDS\n");
        for (CommandLine sub : root.getSubcommands().values()) command(t, sub);
        t.append(".SH EXIT STATUS\n");
        for (String line : r.usageMessage().footer()) {
            String s = line.strip();
            if (s.isEmpty()) continue;
            String[] parts = s.split("\\s+", 2);
            t.append(".TP\n.B ").append(esc(parts[0])).append('\n').append(parts.length > 1 ? esc(parts[1]) : "").append('\n');
        }
        return t.toString();
    }

    private static void command(StringBuilder t, CommandLine cl) {
        CommandSpec s = cl.getCommandSpec();
        if (s.usageMessage().hidden()) return;
        t.append(".SS \"").append(esc(s.qualifiedName(" "))).append("\"\n");
        String synopsis = new CommandLine.Help(s, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)).synopsis(0).strip();
        t.append(".nf\n").append(esc(synopsis.replaceFirst("^Usage: ", ""))).append("\n.fi\n");
        for (String p : s.usageMessage().header()) t.append(".PP\n").append(esc(p)).append('\n');
        for (String p : s.usageMessage().description()) t.append(".PP\n").append(esc(p)).append('\n');
        for (PositionalParamSpec p : s.positionalParameters()) {
            if (p.hidden()) continue;
            t.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n').append(esc(String.join(" ", p.description()))).append('\n');
        }
        for (OptionSpec o : s.options()) {
            if (o.hidden() || o.usageHelp() || o.versionHelp()) continue;
            t.append(".TP\n\\fB").append(String.join("\\fR, \\fB", List.of(o.names()).stream().map(ManTroff::esc).toList())).append("\\fR");
            if (o.arity().max() > 0) t.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
            t.append('\n').append(esc(String.join(" ", o.description()).replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue())))).append('\n');
        }
        for (CommandLine sub : cl.getSubcommands().values()) command(t, sub);
    }

    private static String version(CommandSpec r) {
        try {
            String[] v = r.versionProvider() == null ? r.version() : r.versionProvider().getVersion();
            return v.length == 0 ? "" : v[0].replaceFirst("^listguard\\s*", "");
        } catch (Exception e) {
            return "";
        }
    }

    /** Text safe for troff: backslashes doubled, hyphens as \-, a leading dot or quote escaped. */
    private static String esc(String s) {
        String x = s.replace("\\", "\\e").replace("-", "\\-");
        return x.startsWith(".") || x.startsWith("'") ? "\\&" + x : x;
    }
}
