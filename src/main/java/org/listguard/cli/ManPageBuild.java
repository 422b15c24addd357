package org.listguard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time only (pom.xml runs it in process-classes; picocli-codegen is a provided dependency,
 * not in the runtime jar): writes the man page of every command, one after another, from the real
 * command line into {@code <classes>/org/listguard/cli/man/listguard.adoc}, which {@code listguard man} prints,
 * and the same page as troff ({@code listguard.1}, {@link ManTroff}) for {@code listguard man --troff | man -l -}.
 */
public final class ManPageBuild {
    private ManPageBuild() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).resolve("org/listguard/cli/man/listguard.adoc");
        Files.createDirectories(out.getParent());
        Files.writeString(out, page(), StandardCharsets.UTF_8);
        Files.writeString(out.resolveSibling("listguard.1"), ManTroff.page(root()), StandardCharsets.UTF_8);
    }

    private static CommandLine root() {
        PrintWriter nul = new PrintWriter(new StringWriter());
        return Main.commandLine(new Environment(Clock.systemUTC(), Map.of(), nul, nul, false));
    }

    /** The root page followed by each subcommand's (depth first), in picocli's AsciiDoc man page format. */
    static String page() {
        CommandLine root = root();
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            write(w, root, true);
        }
        return text.toString();
    }

    private static void write(PrintWriter w, CommandLine cl, boolean first) {
        if (cl.getCommandSpec().usageMessage().hidden() || cl.getCommandName().equals("help") && !first) return;
        if (!first) w.println();
        ManPageGenerator.writeSingleManPage(w, cl.getCommandSpec());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().name().equals(sub.getCommandName())) write(w, sub, false); // aliases once
        }
    }
}
