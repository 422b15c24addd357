package org.listguard.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.listguard.deliver.throttle.Sleeper;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT during {@code send} and {@code daemon} (issue 10): the first signal asks the
 * run to stop cleanly ({@code send.Interruption}): the run loop finishes the transaction in flight,
 * journals it, marks the run interrupted, releases the lock and the command exits 143 / 130.
 * Waits through {@link #sleeper} end at once. While the operator is being asked a question, or on
 * a second signal, the process exits at once (nothing is in flight then, or the operator insists).
 * A watchdog bounds the clean stop: a run that has not stopped after {@link #GRACE} exits anyway
 * (its in-flight row, if any, becomes unknown on resume, as after a crash).
 *
 * <p>The JDK's default handlers (run shutdown hooks, exit 128+n) are restored by {@link #close}.
 */
final class SignalStop implements AutoCloseable {
    static final Duration GRACE = Duration.ofMinutes(2);

    private final PrintWriter err;
    private final AtomicReference<String> signal = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Runnable> listeners = new ArrayList<>();
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile boolean asking;

    private SignalStop(PrintWriter err) {
        this.err = err;
    }

    /** Installs the handlers for SIGTERM and SIGINT until {@link #close}. */
    static SignalStop install(Environment env) {
        SignalStop s = new SignalStop(env.err());
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal sig = new Signal(name);
                s.previous.add(Signal.handle(sig, x -> s.received("SIG" + name)));
                s.installed.add(sig);
            } catch (IllegalArgumentException e) {
                // the JVM was started with -Xrs or the signal is reserved: keep the default
            }
        }
        return s;
    }

    /** A stop nobody can request (tests driving commands in-process without signals). */
    static SignalStop none(Environment env) {
        return new SignalStop(env.err());
    }

    /** Also run {@code r} on the first signal (the daemon stops its scheduler). */
    synchronized void onStop(Runnable r) {
        listeners.add(r);
    }

    /** The signal received, if any ("SIGTERM" or "SIGINT"). */
    Optional<String> requested() {
        return Optional.ofNullable(signal.get());
    }

    /** 143 for SIGTERM, 130 for SIGINT. */
    static int exitCode(String signal) {
        return "SIGINT".equals(signal) ? 130 : 143;
    }

    /** Marks a question to the operator in progress: a signal then exits at once. */
    void asking(boolean on) {
        asking = on;
    }

    /** Waits that end early when a stop is requested. */
    Sleeper sleeper() {
        return d -> {
            if (d.isNegative() || d.isZero() || signal.get() != null) return;
            stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
        };
    }

    /** Blocks until a signal arrives. */
    void await() throws InterruptedException {
        stopped.await();
    }

    void received(String name) {
        if (!signal.compareAndSet(null, name)) {
            say("listguard: second " + name + ": exiting now; a message in flight, if any, is journaled unknown on resume");
            Runtime.getRuntime().halt(exitCode(name));
        }
        if (asking) {
            say("listguard: " + name + ": stopped at the question; nothing was sent");
            Runtime.getRuntime().halt(exitCode(name));
        }
        say("listguard: " + name + " received: finishing the message in flight, then stopping (send it again to exit at once)");
        stopped.countDown();
        List<Runnable> todo;
        synchronized (this) {
            todo = List.copyOf(listeners);
        }
        todo.forEach(Runnable::run);
        java.util.concurrent.ScheduledExecutorService watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "listguard-stop-watchdog");
            t.setDaemon(true); // never keeps the JVM alive once the command has returned
            return t;
        });
        watchdog.schedule(() -> {
            say("listguard: " + name + ": the run did not stop within " + GRACE.toSeconds() + " s; exiting now");
            Runtime.getRuntime().halt(exitCode(name));
        }, GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void say(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) Signal.handle(installed.get(i), previous.get(i));
    }
}
