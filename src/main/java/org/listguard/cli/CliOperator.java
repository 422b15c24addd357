package org.listguard.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.listguard.send.Operator;
import org.listguard.send.Progress;

/**
 * The operator at a terminal (a progress bar redrawn in place, a question before sending) or
 * under cron (plain progress lines every 30 seconds, no questions: {@code --yes} is required).
 * Everything goes to stderr; stdout is kept for results.
 */
final class CliOperator implements Operator {
    private static final Duration LINE_EVERY = Duration.ofSeconds(30);
    private static final Duration BAR_EVERY = Duration.ofMillis(200);

    private final PrintWriter err;
    private final Clock clock;
    private final boolean tty;
    private Instant lastShown = Instant.EPOCH;
    private boolean barOnScreen;
    private final SignalStop stop;

    CliOperator(Environment env) {
        this(env, SignalStop.none(env));
    }

    CliOperator(Environment env, SignalStop stop) {
        this.err = env.err();
        this.clock = env.clock();
        this.tty = env.interactive();
        this.stop = stop;
    }

    @Override
    public java.util.Optional<String> stopRequested() {
        return stop.requested();
    }

    @Override
    public synchronized void say(String line) {
        endBar();
        err.println(line);
        err.flush();
    }

    @Override
    public synchronized void warn(String line) {
        endBar();
        err.println("WARNING: " + line);
        err.flush();
    }

    @Override
    public synchronized boolean confirm(String plan) {
        endBar();
        err.println(plan);
        Console c = System.console();
        if (!tty || c == null) return false;
        stop.asking(true); // a signal at the question exits at once: nothing is in flight
        String answer;
        try {
            answer = c.readLine("Send now? [y/N] ");
        } finally {
            stop.asking(false);
        }
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }

    @Override
    public synchronized void progress(Progress p) {
        Instant now = clock.instant();
        boolean last = p.done() >= p.total();
        if (!last && Duration.between(lastShown, now).compareTo(tty ? BAR_EVERY : LINE_EVERY) < 0) return;
        lastShown = now;
        String eta = p.eta() == null ? "?" : fmt(p.eta());
        String counts = String.format(Locale.ROOT, "%d/%d sent, %d accepted, %d not accepted, %.1f msg/s, ETA %s",
                p.done(), p.total(), p.accepted(), p.problems(), p.rate(), eta);
        if (tty) {
            int width = 30;
            int filled = p.total() == 0 ? width : (int) (width * Math.min(1.0, (double) p.done() / p.total()));
            err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + counts + "  ");
            barOnScreen = true;
            if (last) endBar();
        } else {
            err.println(clock.instant() + " progress: " + counts);
        }
        err.flush();
    }

    private void endBar() {
        if (barOnScreen) {
            err.println();
            barOnScreen = false;
        }
    }

    private static String fmt(Duration d) {
        return d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m" : d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }
}
