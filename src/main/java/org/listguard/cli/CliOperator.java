package org.listguard.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.listguard.deliver.SubmitResult;
import org.listguard.deliver.throttle.Sleeper;
import org.listguard.report.Invocation;
import org.listguard.report.Visible;
import org.listguard.send.Operator;
import org.listguard.send.Pace;
import org.listguard.send.Progress;

/**
 * The operator at a terminal or under cron/the daemon. At a terminal: one progress line redrawn
 * in place, fitted to the width ({@link ProgressLine}), with a countdown while waiting between
 * batches; messages are printed above it, and the final lines start on a fresh line
 * ({@link #close()}). Without a terminal: the one log format ({@link LogStyle}), one line per
 * event, per recipient outcome, and a progress line every 30 seconds; a multi-line text (the audit
 * summary, the plan) goes to stdout for people, with one line on the log stream. No questions
 * there: {@code --yes} is required. Every command a message suggests repeats the invocation's
 * global options ({@link Invocation}).
 */
final class CliOperator implements Operator, AutoCloseable {
    private static final Duration LINE_EVERY = Duration.ofSeconds(30);
    private static final Duration BAR_EVERY = Duration.ofMillis(200);
    /** Waits shorter than this (the hourly cap's spacing) get no countdown. */
    private static final Duration COUNTDOWN_FROM = Duration.ofSeconds(2);

    private final PrintWriter err;
    private final PrintWriter out;
    private final Clock clock;
    private final boolean tty;
    private final Invocation inv;
    private final IntSupplier width;
    /** False when stdout carries a machine-readable result (send --format json): multi-line texts then stay on the log line. */
    private boolean stdoutForPeople = true;
    private Instant lastShown = Instant.EPOCH;
    private boolean barOnScreen;
    private Progress last;
    private Pace pace;
    private Instant waitingUntil;
    private ScheduledExecutorService ticker;
    private final SignalStop stop;

    CliOperator(Environment env) {
        this(env, Invocation.none(), SignalStop.none(env));
    }

    CliOperator(Environment env, Invocation inv) {
        this(env, inv, SignalStop.none(env));
    }

    CliOperator(Environment env, SignalStop stop) {
        this(env, Invocation.none(), stop);
    }

    CliOperator(Environment env, Invocation inv, SignalStop stop) {
        this(env, inv, new TerminalWidth(env.vars(), env.clock()), stop);
    }

    CliOperator(Environment env, Invocation inv, IntSupplier width) {
        this(env, inv, width, SignalStop.none(env));
    }

    CliOperator(Environment env, Invocation inv, IntSupplier width, SignalStop stop) {
        this.err = env.err();
        this.out = env.out();
        this.clock = env.clock();
        this.tty = env.interactive();
        this.inv = inv;
        this.width = width;
        this.stop = stop;
    }

    @Override
    public java.util.Optional<String> stopRequested() {
        return stop.requested();
    }

    @Override
    public String suggest(String ours) {
        return inv.rewrite(ours);
    }

    @Override
    public synchronized void say(String line) {
        message("info", Visible.text(line)); // pause reasons quote remote replies: commands are built by suggest
    }

    @Override
    public synchronized void warn(String line) {
        message("warn", Visible.text(line));
    }

    private void message(String level, String text) {
        if (tty) {
            clearBar();
            err.println(level.equals("warn") ? "WARNING: " + text : text);
            redraw();
            err.flush();
            return;
        }
        int nl = text.indexOf('\n');
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("msg", nl < 0 ? text : text.substring(0, nl).stripTrailing());
        if (nl >= 0 && stdoutForPeople) {
            out.println(text); // for people: the audit summary, the plan
            out.flush();
            kv.put("more", "on stdout");
        } else if (nl >= 0) {
            kv.put("text", text); // escaped onto the one line
        }
        log(level, kv);
    }

    /** Keeps stdout for the command's own result (send --format json). */
    CliOperator resultOnly() {
        stdoutForPeople = false;
        return this;
    }

    @Override
    public synchronized boolean confirm(String plan) {
        clearBar();
        err.println(Visible.text(plan));
        err.flush();
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
    public synchronized void pace(Pace p) {
        this.pace = p;
    }

    @Override
    public synchronized void progress(Progress p) {
        last = p;
        Instant now = clock.instant();
        boolean done = p.done() >= p.total();
        if (!done && Duration.between(lastShown, now).compareTo(tty ? BAR_EVERY : LINE_EVERY) < 0) return;
        lastShown = now;
        if (tty) {
            draw();
            return;
        }
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("event", "progress");
        kv.put("done", p.done());
        kv.put("total", p.total());
        if (p.batch() > 0) kv.put("batch", p.batch() + "/" + Math.max(p.batch(), p.batches()));
        kv.put("accepted", p.accepted());
        kv.put("deferred", p.deferred());
        kv.put("refused", p.problems() - p.deferred());
        kv.put("rate", String.format(Locale.ROOT, "%.1f/s", p.rate()));
        Duration eta = p.eta(pace);
        if (eta != null) kv.put("eta_s", eta.toSeconds());
        log("info", kv);
    }

    @Override
    public synchronized void outcome(String run, SubmitResult r, String journaled) {
        if (tty) return;
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("run", run);
        kv.put("rcpt", r.recipient());
        kv.put("relay", r.relay());
        // the status `status` counts it under; the relay's own verdict beside it when they differ
        String relay = r.outcome().name().toLowerCase(Locale.ROOT);
        kv.put("status", journaled == null ? relay : journaled);
        if (journaled != null && !journaled.equals(relay)) kv.put("relay_said", relay);
        kv.put("code", r.code() == 0 ? null : r.code());
        kv.put("dsn", r.enhanced());
        kv.put("stage", r.stage().name().toLowerCase(Locale.ROOT));
        kv.put("queue_id", r.queueId());
        kv.put("reply", r.text());
        log("info", kv);
    }

    /** The sleeper the run waits through: waits of a few seconds or more (between batches) show a countdown. */
    Sleeper sleeper(Sleeper base) {
        return d -> {
            boolean shown = d.compareTo(COUNTDOWN_FROM) >= 0 && waiting(d);
            try {
                base.sleep(d);
            } finally {
                if (shown) waited();
            }
        };
    }

    private synchronized boolean waiting(Duration d) {
        if (last == null) return false; // before the first message: nothing to count down to
        waitingUntil = clock.instant().plus(d);
        if (!tty) {
            Map<String, Object> kv = new LinkedHashMap<>();
            kv.put("event", "wait");
            kv.put("seconds", d.toSeconds());
            if (last.batch() > 0) kv.put("next_batch", (last.batch() + 1) + "/" + Math.max(last.batch() + 1, last.batches()));
            log("info", kv);
            return true;
        }
        draw();
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "listguard-countdown");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
        return true;
    }

    private synchronized void tick() {
        if (waitingUntil != null) draw();
    }

    private synchronized void waited() {
        waitingUntil = null;
    }

    private void draw() {
        if (last == null) return;
        Duration left = waitingUntil == null ? null : Duration.between(clock.instant(), waitingUntil);
        if (left != null && left.isNegative()) left = Duration.ZERO;
        err.print("\r" + ProgressLine.render(last, pace, left, width.getAsInt()) + "\u001b[K");
        err.flush();
        barOnScreen = true;
    }

    private void redraw() {
        if (last != null && barOnScreen) draw();
    }

    /** Erases the progress line so that a message can take its place (the line is drawn again below it). */
    private void clearBar() {
        if (barOnScreen) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }

    private void log(String level, Map<String, Object> kv) {
        err.println(LogStyle.line(clock.instant(), level, kv));
        err.flush();
    }

    /** Ends the progress line with a line break, so that what follows (the result) starts on a fresh line. */
    @Override
    public synchronized void close() {
        if (ticker != null) ticker.shutdownNow();
        ticker = null;
        if (barOnScreen) {
            err.println();
            err.flush();
            barOnScreen = false;
        }
    }
}
