package org.listguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "man", header = "Print the manual page (every command, option and exit code).", mixinStandardHelpOptions = true,
        description = {"Prints listguard's manual page, generated at build time from the command definitions by picocli's",
            "ManPageGenerator and shipped in the jar, as troff: read it with `listguard man | man -l -`, or install it with",
            "`listguard man > /usr/local/share/man/man1/listguard.1` (then `man listguard`). --asciidoc prints the AsciiDoc source."})
public final class ManCommand implements Callable<Integer> {
    /** Where the build puts the page (see pom.xml, ManPageBuild). */
    static final String RESOURCE = "/org/listguard/cli/man/listguard.adoc";
    static final String TROFF = "/org/listguard/cli/man/listguard.1";

    @picocli.CommandLine.Option(names = "--troff", description = "the page as troff (the default; kept for scripts that pass it)")
    boolean troff;

    @picocli.CommandLine.Option(names = "--asciidoc", description = "the AsciiDoc source of the page instead of troff")
    boolean asciidoc;

    private final Environment env;

    public ManCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        String resource = asciidoc ? RESOURCE : TROFF;
        try (InputStream in = ManCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                env.err().println("listguard: the man page is not in this build (" + resource + "); build with 'mvn package'");
                env.err().flush();
                return ExitCode.BUG;
            }
            env.out().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            env.out().flush();
            return ExitCode.OK;
        }
    }
}
