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

/**
 * SIGTERM and SIGINT during {@code send} and {@code daemon} (issue 10): the first signal asks the
 * run to stop cleanly ({@code send.Interruption}): the run loop finishes the transaction in flight,
 * journals it, marks the run interrupted, releases the lock and the command exits 143 / 130.
 * Waits through {@link #sleeper} end at once. While the operator is being asked a question, or on
 * a second signal, the process exits at once (nothing is in flight then, or the operator insists).
 * A watchdog bounds the clean stop: a run that has not stopped after {@link #GRACE} exits anyway
 * (its in-flight row, if any, becomes unknown on resume, as after a crash).
 *
 * <p>The JDK's default handlers (run shutdown hooks, exit 128+n) are restored by {@link #close}. The
 * handlers are set through {@code sun.misc.Signal} (module jdk.unsupported, the JDK's supported way
 * to catch a signal), reached by reflection so that the build has no proprietary-API warnings; where
 * it is missing the defaults stay and a signal simply ends the process as before.
 */
final class SignalStop implements AutoCloseable {
    static final Duration GRACE = Duration.ofMinutes(2);

    private final PrintWriter err;
    private final AtomicReference<String> signal = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Runnable> listeners = new ArrayList<>();
    private final List<Object> installed = new ArrayList<>();
    private final List<Object> previous = new ArrayList<>();
    private volatile boolean asking;

    private SignalStop(PrintWriter err) {
        this.err = err;
    }

    /** Installs the handlers for SIGTERM and SIGINT until {@link #close}. */
    static SignalStop install(Environment env) {
        SignalStop s = new SignalStop(env.err());
        for (String name : List.of("TERM", "INT")) {
            try {
                Object sig = SIGNAL.getConstructor(String.class).newInstance(name);
                Object handler = java.lang.reflect.Proxy.newProxyInstance(HANDLER.getClassLoader(), new Class<?>[] {HANDLER},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "handle" -> {
                                s.received("SIG" + name);
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "listguard SIG" + name + " handler";
                        });
                s.previous.add(handle(sig, handler));
                s.installed.add(sig);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // -Xrs, a reserved signal, or no jdk.unsupported: keep the default (exit 128+n)
            }
        }
        return s;
    }

    private static final Class<?> SIGNAL = type("sun.misc.Signal");
    private static final Class<?> HANDLER = type("sun.misc.SignalHandler");

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static Object handle(Object signal, Object handler) throws ReflectiveOperationException {
        return SIGNAL.getMethod("handle", SIGNAL, HANDLER).invoke(null, signal, handler);
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
        return ExitCode.interruptedBy(signal);
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
        for (int i = 0; i < installed.size(); i++) {
            try {
                handle(installed.get(i), previous.get(i));
            } catch (ReflectiveOperationException e) {
                // the handler stays ours; it only sets a flag nobody reads any more
            }
        }
    }
}
