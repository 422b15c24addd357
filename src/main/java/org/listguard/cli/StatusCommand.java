package org.listguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.listguard.InputException;
import org.listguard.journal.Journal;
import org.listguard.journal.JournalUrl;
import org.listguard.journal.Run;
import org.listguard.journal.RunStatus;
import org.listguard.report.Advice;
import org.listguard.report.Advisor;
import org.listguard.report.Json;
import org.listguard.report.RunText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", header = "A run's state, pause reason and advice, and counts per status and action.", mixinStandardHelpOptions = true,
        description = {"One run (default: the latest) with its state, pause reason, and counts per status and per action;",
            "for a paused run, the evidence and what to do (delisting URL, the exact reply to quote, what each provider asks for).",
            "Exit 0, or 2 when the journal has no such run."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "run id or 'latest' (default: the latest run; 'listguard runs' lists them)")
    String run;

    @Option(names = "--format", paramLabel = "text|json", description = "output format (default: ${DEFAULT-VALUE})", defaultValue = "text")
    OutputFormat format;

    @Option(names = "--advice", paramLabel = "FILE", description = "advice rules replacing or extending the bundled ones (advice.yaml format)")
    Path adviceFile;

    private final Environment env;

    public StatusCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws java.io.IOException {
        try (Journal journal = openExisting(global, env)) {
            Optional<Run> r = run == null ? journal.runs().latest() : journal.history().find(run);
            if (r.isEmpty()) return noRun(env, journal, run);
            RunStatus s = journal.runs().status(r.get().id()).orElseThrow();
            List<Advice> advice = Advisor.load(Optional.ofNullable(adviceFile)).advise(r.get(), global.invocationFor(r.get().id()));
            Optional<String> process = process(journal, r.get());
            var events = journal.runEvents().list(r.get().id());
            var looks = org.listguard.report.NeedsLook.of(events);
            if (format == OutputFormat.JSON) {
                ObjectNode n = (ObjectNode) Json.mapper().readTree(json(s, advice));
                var seeds = org.listguard.report.SeedPlacements.of(events);
                if (!seeds.isEmpty()) n.set("seeds", Json.mapper().valueToTree(seeds)); // DESIGN.md: when seeds were placed
                if (!looks.isEmpty()) n.set("needs_look", Json.mapper().valueToTree(org.listguard.report.NeedsLook.json(looks))); // issue 22
                process.ifPresent(p -> n.put("process", p));
                env.out().print(Json.write(n) + "\n");
            } else {
                org.listguard.report.Invocation inv = global.invocationFor(r.get().id());
                // commands are built (RunText, Advisor); the pause reason and evidence may quote remote text: never rewritten
                env.out().print(RunText.render(s, r.get(), advice, inv));
                List<String> seeds = org.listguard.report.SeedPlacements.lines(events);
                if (!seeds.isEmpty()) {
                    env.out().println("Seeds (where the receivers put them):");
                    seeds.forEach(l -> env.out().println("  " + l));
                }
                if (!looks.isEmpty()) { // issue 22: the same events the send summary told
                    env.out().println("Needs your look (refused run after run, but the receiver's words say the mailbox exists; never "
                            + "suppressed on that alone; `" + inv.command("members show", "ADDRESS") + "`):");
                    looks.forEach(l -> env.out().println("  " + org.listguard.report.Visible.text(l.address() + " (" + l.reason() + ")")));
                }
                String resume = "`" + inv.command("send", "--campaign", r.get().campaign(), "--yes") + "`";
                process.ifPresent(p -> env.out().println(p.equals("gone")
                        ? "Process: gone — no process holds the campaign lock, so the send that ran this (running) run was killed or"
                            + " crashed; " + resume + " resumes it (a message that was in flight becomes unknown)"
                        : "Process: running — a send holds the campaign lock"));
                if (r.get().state() == org.listguard.journal.RunState.INTERRUPTED) {
                    env.out().println("Stopped cleanly by a signal; " + resume + " resumes it.");
                }
                if (s.count("unconfirmed") > 0) { // issue 19: unconfirmed is not delivered, and waits for the operator's word
                    env.out().println("Unconfirmed: " + s.count("unconfirmed") + " member(s) the relay accepted at a provider whose seed never "
                            + "arrived; not counted delivered and not sent again unless you say so: `"
                            + inv.command("send", "--campaign", r.get().campaign(), "--resend-unconfirmed", "--yes")
                            + "` (one who did get it gets it twice)");
                }
            }
            env.out().flush();
            return ExitCode.OK;
        }
    }

    /**
     * For a run in state running: "running" when a process holds the campaign's lock, "gone" when
     * none does (the sender died without the chance to stop cleanly). Empty for other states.
     */
    static Optional<String> process(Journal journal, Run run) {
        if (run.state() != org.listguard.journal.RunState.RUNNING) return Optional.empty();
        org.listguard.journal.LockResult lock = journal.runs().lock(run.campaign());
        if (lock instanceof org.listguard.journal.LockResult.Acquired a) {
            a.close();
            return Optional.of("gone");
        }
        return Optional.of("running");
    }

    /** DESIGN.md's status shape, unchanged and in order, plus {@code advice}: what to do about a pause (empty otherwise). */
    static String json(RunStatus s, List<Advice> advice) {
        ObjectNode n = Json.mapper().valueToTree(s);
        n.set("advice", Json.mapper().valueToTree(advice));
        return Json.write(n);
    }

    /** Exit 2 with a message saying whether the journal is empty or only this run is missing. */
    static int noRun(Environment env, Journal journal, String run) {
        env.err().println(run == null
                ? "listguard: the journal has no runs yet (" + journal.url() + "); run 'listguard send' first"
                : "listguard: no run '" + run + "' in the journal (" + journal.url() + "); 'listguard runs' lists them");
        env.err().flush();
        return ExitCode.INPUT;
    }

    /**
     * The journal URL: {@code --journal} if given (then no config file is read or required),
     * otherwise the config's {@code journal.url}.
     */
    static String journalUrl(GlobalOptions global) {
        if (global.journal != null) return global.journal;
        if (global.sandbox) return org.listguard.config.Defaults.SANDBOX_JOURNAL_URL;
        return global.load().journal().url();
    }

    /**
     * Opens the journal for a command that only reads it: a SQLite file that does not exist is
     * bad input (a wrong path, or nothing was sent yet), not a reason to create an empty journal.
     */
    static Journal openExisting(GlobalOptions global, Environment env) {
        String url = journalUrl(global);
        Optional<Path> file = JournalUrl.sqliteFile(url);
        if (file.isPresent() && !Files.exists(file.get())) {
            throw new InputException(file.get().toString(), 0, null, "no journal here: nothing has been sent with it yet"
                    + " (give the journal with --journal JDBC_URL or -c FILE)");
        }
        return open(url, env);
    }

    /** Opens (and creates) the journal; an unsupported URL is bad input naming where it came from. */
    static Journal open(String url, Environment env) {
        try {
            return Journal.open(url, env.clock());
        } catch (IllegalArgumentException e) {
            throw new InputException(null, 0, "journal.url / --journal", e.getMessage());
        }
    }
}
