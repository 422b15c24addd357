package org.listguard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sandbox world each run was sent in ({@code <sandbox dir>/<run>/scenario}): a run paused in a
 * scenario resumes only in that scenario, because its relay's count, its receivers' replies and its
 * lift belong to it. The clean world is {@value #CLEAN} (a send without {@code --scenario}).
 */
record RunScenarios(Path dir, String journalUrl) {
    static final String CLEAN = "clean";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** The runs of the sandbox whose journal is at {@code journalUrl}. */
    static RunScenarios in(String journalUrl) {
        return new RunScenarios(Sandbox.outDir(journalUrl), journalUrl);
    }

    /** The world the run was sent in; empty when it was never recorded (a real run, or one sent before this was kept). */
    Optional<String> worldOf(String run) {
        Path f = file(run);
        try {
            if (!Files.isRegularFile(f)) return Optional.empty();
            String name = Files.readString(f).strip();
            return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records the world of a run's first send; a resume in the same world leaves it. */
    void remember(String run, String scenario) {
        Path f = file(run);
        if (Files.exists(f)) return;
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, world(scenario) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The world a send with {@code --scenario scenario} (or none) runs in. */
    static String world(String scenario) {
        return scenario == null ? CLEAN : scenario;
    }

    /** The scenario to print in a send that resumes {@code run}: null for the clean world or when not known. */
    String scenarioOf(String run) {
        return worldOf(run).filter(s -> !s.equals(CLEAN)).orElse(null);
    }

    /**
     * The scenario a sandbox send of {@code campaign} runs in. With an unfinished run of the campaign
     * sent in a known world: no {@code --scenario} resumes it in that world (said on stderr); another
     * one is refused, naming both and the send that resumes it. Otherwise the one given.
     */
    String forSend(String campaign, String given, org.listguard.report.Invocation inv, Environment env) {
        Optional<org.listguard.journal.Run> unfinished = unfinishedIn(journalUrl, campaign, env);
        if (unfinished.isEmpty()) return given;
        String run = unfinished.get().id();
        Optional<String> was = worldOf(run);
        if (was.isEmpty()) return given; // not known: as before
        String resumeIn = was.get().equals(CLEAN) ? null : was.get();
        if (given == null) {
            if (resumeIn != null) env.err().println("sandbox: run " + run + " was sent in scenario " + resumeIn + ": it resumes there");
            return resumeIn;
        }
        if (world(given).equals(was.get())) return given;
        org.listguard.report.Invocation same = new org.listguard.report.Invocation(inv.globals()).inScenario(resumeIn);
        throw new org.listguard.InputException(null, 0, "--scenario", "run " + run + " of campaign " + campaign + " is "
                + unfinished.get().state().db() + " in sandbox scenario " + was.get() + "; resuming it in scenario " + world(given)
                + " would change its world (the relay's replies, the receivers', the lift), so nothing was sent. Resume it where it "
                + "stopped with `" + same.command("send", "--campaign", campaign, "--yes") + "` (after `"
                + new org.listguard.report.Invocation(inv.globals()).command("sandbox", "lift") + "` if it is blocked); scenario "
                + world(given) + " starts a run of its own once that one has completed");
    }

    private static Optional<org.listguard.journal.Run> unfinishedIn(String url, String campaign, Environment env) {
        Optional<Path> file = org.listguard.journal.JournalUrl.sqliteFile(url);
        if (file.isPresent() && !Files.exists(file.get())) return Optional.empty(); // nothing sent yet
        try (org.listguard.journal.Journal j = StatusCommand.open(url, env)) {
            return j.runs().findUnfinished(campaign);
        }
    }

    private Path file(String run) {
        return dir.resolve(run).resolve("scenario");
    }
}
