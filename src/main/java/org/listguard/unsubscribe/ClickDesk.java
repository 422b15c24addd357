package org.listguard.unsubscribe;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.listguard.journal.JournalException;
import org.listguard.journal.Unsubscribes;

/**
 * The endpoint's way to the journal: every lookup and unsubscribe runs on one journal thread, and
 * the request waits for it at most {@code wait}. A request never holds the journal's lock while
 * it waits, so a locked journal (SQLite busy: another process's write transaction) or an
 * unreachable one (PostgreSQL down) costs each request at most {@code wait}, then an
 * {@link Answer.Unavailable} (the endpoint's 503 with Retry-After; RFC 8058 senders retry).
 *
 * <p>Nothing is lost or doubled: a request that gave up before its work started is dropped
 * unstarted; one that gave up while it ran may still be recorded, and the sender's retry then
 * finds it done (an unsubscribe is idempotent). At most {@code queue} requests wait; more are
 * answered Unavailable at once.
 */
public final class ClickDesk implements AutoCloseable {
    /** What the journal said, or that it could not say in time. */
    public sealed interface Answer {
        record Of(Unsubscriber.Result result) implements Answer {}

        record Unavailable(String why) implements Answer {}
    }

    private final Unsubscriber unsubscriber;
    private final Duration wait;
    private final ThreadPoolExecutor thread;

    public ClickDesk(Unsubscriber unsubscriber, Duration wait, int queue) {
        this.unsubscriber = unsubscriber;
        this.wait = wait;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "listguard-serve-journal");
            t.setDaemon(true);
            return t;
        });
    }

    /** The GET page's lookup: who the token names, nothing changed. */
    public Answer check(String token) {
        return call(() -> unsubscriber.check(token));
    }

    /** The one-click POST. */
    public Answer unsubscribe(String token, Unsubscribes.Channel channel, String origin) {
        return call(() -> unsubscriber.unsubscribe(token, channel, origin));
    }

    private Answer call(Supplier<Unsubscriber.Result> work) {
        long deadline = System.nanoTime() + wait.toNanos();
        Future<Unsubscriber.Result> f;
        try {
            f = thread.submit(() -> System.nanoTime() - deadline > 0 ? null : work.get());
        } catch (RejectedExecutionException e) {
            return new Answer.Unavailable("too many requests are waiting for the journal");
        }
        try {
            Unsubscriber.Result r = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return r == null ? new Answer.Unavailable("the journal did not answer in time") : new Answer.Of(r);
        } catch (TimeoutException e) {
            return new Answer.Unavailable("the journal did not answer within " + wait.toSeconds() + " s (locked or unreachable)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JournalException j) return new Answer.Unavailable(j.getMessage());
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unavailable("interrupted while waiting for the journal");
        }
    }

    /** Lets the work already running finish (a graceful stop), up to {@code wait}. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
