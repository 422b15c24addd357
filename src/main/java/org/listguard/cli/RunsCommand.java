package org.listguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.listguard.journal.Journal;
import org.listguard.journal.RunHistory;
import org.listguard.journal.RunStatus;
import org.listguard.journal.Timestamps;
import org.listguard.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "runs", header = "List past runs, newest first.", mixinStandardHelpOptions = true,
        description = {"Past runs in the journal, newest first: id, campaign, state, start time (UTC) and counts.",
            "A RUN argument of status and report also accepts 'latest'. Exit 0, or 2 when there is no journal."})
public final class RunsCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--campaign", paramLabel = "NAME", description = "only this campaign's runs")
    String campaign;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "at most N runs (default: ${DEFAULT-VALUE})")
    int limit;

    private final Environment env;

    public RunsCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Journal journal = StatusCommand.openExisting(global, env)) {
            // each run's counts from the query status and the reports use (issue 19: one source of counts), for all runs at once
            List<Row> runs = journal.history().runs(Optional.ofNullable(campaign), limit).stream().map(Row::new).toList();
            env.out().print(format == OutputFormat.JSON ? json(runs) + "\n" : text(runs));
            env.out().flush();
            return ExitCode.OK;
        }
    }

    /** A run and its counts in status's shape; refused = rejected + unknown, as before. */
    private record Row(RunHistory.Summary summary) {
        RunStatus status() { return summary.status(); }

        long refused() { return status().count("rejected") + status().count("unknown"); }
    }

    private String text(List<Row> runs) {
        if (runs.isEmpty()) return campaign == null ? "No runs in the journal yet.\n" : "No runs of campaign " + campaign + " in the journal.\n";
        StringBuilder sb = new StringBuilder(String.format("%-36s %-12s %-10s %-20s %8s %8s %7s %8s %7s %11s %8s%n",
                "RUN", "CAMPAIGN", "STATE", "STARTED (UTC)", "TOTAL", "ACCEPTED", "REFUSED", "DEFERRED", "BLOCKED", "UNCONFIRMED", "PENDING"));
        for (Row r : runs) {
            RunHistory.Summary s = r.summary();
            RunStatus st = r.status();
            String started = Timestamps.format(s.run().startedAt());
            sb.append(String.format("%-36s %-12s %-10s %-20s %8d %8d %7d %8d %7d %11d %8d%n", s.run().id(), s.run().campaign(), st.state().db(),
                    started == null ? "" : started.substring(0, 19).replace('T', ' '), st.total(), st.count("accepted"), r.refused(),
                    st.count("deferred"), st.count("blocked"), st.count("unconfirmed"), st.count("pending")));
        }
        return sb.toString();
    }

    private static String json(List<Row> runs) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (Row r : runs) {
            RunHistory.Summary s = r.summary();
            RunStatus st = r.status();
            ObjectNode n = a.addObject();
            n.put("run", s.run().id());
            n.put("campaign", s.run().campaign());
            n.put("state", s.run().state().db());
            n.put("started_at", Timestamps.format(s.run().startedAt()));
            n.put("finished_at", Timestamps.format(s.run().finishedAt()));
            n.put("pause_reason", s.run().pauseReason());
            n.put("relay", s.run().relay());
            n.put("total", st.total());
            n.put("accepted", st.count("accepted"));
            n.put("refused", r.refused());
            n.put("deferred", st.count("deferred"));
            n.put("pending", st.count("pending"));
            n.put("blocked", st.count("blocked"));
            n.put("unconfirmed", st.count("unconfirmed"));
            ObjectNode counts = n.putObject("counts"); // status's counts, key for key
            st.counts().forEach(counts::put);
        }
        return Json.write(a);
    }
}
