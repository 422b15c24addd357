package org.listguard.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.listguard.InputException;
import org.listguard.journal.Journal;
import org.listguard.journal.Run;
import org.listguard.report.RunCsv;
import org.listguard.report.RunData;
import org.listguard.report.RunHtml;
import org.listguard.report.RunJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", header = "A run's evidence as HTML, JSON or CSV (every reply with its UTC time).", mixinStandardHelpOptions = true,
        description = {"A run's report: csv (one row per recipient with the exact reply, codes, relay and UTC time:",
            "the evidence a delisting form asks for), json, or html (one self-contained file).",
            "Exit 0, or 2 when the run is not in the journal."})
public final class ReportCommand implements Callable<Integer> {
    /** Report formats. */
    public enum Format { HTML, JSON, CSV }

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "RUN", description = "run id, or 'latest' ('listguard runs' lists them)")
    String run;

    @Option(names = "--format", required = true, paramLabel = "html|json|csv", description = "report format")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    private final Environment env;

    public ReportCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        try (Journal journal = StatusCommand.openExisting(global, env)) {
            Optional<Run> r = journal.history().find(run);
            if (r.isEmpty()) return StatusCommand.noRun(env, journal, run);
            RunData data = RunData.of(journal, r.get(), org.listguard.report.Advisor.bundled().advise(r.get(), global.invocationFor(r.get().id())));
            if (output == null) {
                render(data, env.out());
                env.out().flush();
            } else {
                try (Writer w = newWriter(output)) {
                    render(data, w);
                }
                env.err().println("listguard: wrote " + output);
                env.err().flush();
            }
            return ExitCode.OK;
        }
    }

    private void render(RunData data, Writer out) throws IOException {
        try {
            switch (format) {
                case CSV -> RunCsv.write(data, out);
                case JSON -> RunJson.write(data, out);
                case HTML -> RunHtml.write(data, out);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Writer newWriter(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, "-o", "cannot write the report: " + e.getMessage(), e);
        }
    }
}
