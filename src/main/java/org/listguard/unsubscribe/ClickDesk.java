package org.listguard.unsubscribe;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.listguard.journal.Journal;
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

    /** A fresh connection to the journal, for after a failure (PostgreSQL restarted); the desk closes what it opens. */
    public interface Reopen {
        Journal open();
    }

    private final Function<Journal, Unsubscriber> make;
    private final Reopen reopen;
    private final Duration wait;
    private final ThreadPoolExecutor thread;
    // only touched on the journal thread
    private Unsubscriber unsubscriber;
    private Journal opened;

    /** A desk that always uses {@code unsubscriber}'s journal, never reconnecting. */
    public ClickDesk(Unsubscriber unsubscriber, Duration wait, int queue) {
        this(unsubscriber, null, null, wait, queue);
    }

    /**
     * @param first  the unsubscriber on the journal the caller opened (the caller closes that journal)
     * @param make   the unsubscriber for a journal the desk reopened
     * @param reopen null: never reconnect; else called on the next request after a {@link JournalException}
     */
    public ClickDesk(Unsubscriber first, Function<Journal, Unsubscriber> make, Reopen reopen, Duration wait, int queue) {
        this.unsubscriber = first;
        this.make = make;
        this.reopen = reopen;
        this.wait = wait;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "listguard-serve-journal");
            t.setDaemon(true);
            return t;
        });
    }

    /** The GET page's lookup: who the token names, nothing changed. */
    public Answer check(String token) {
        return call(u -> u.check(token));
    }

    /** The one-click POST. */
    public Answer unsubscribe(String token, Unsubscribes.Channel channel, String origin) {
        return call(u -> u.unsubscribe(token, channel, origin));
    }

    /** On the journal thread: the work on the current journal; after a failure, the next call reconnects first. */
    private Unsubscriber.Result run(Function<Unsubscriber, Unsubscriber.Result> work) {
        if (unsubscriber == null) {
            opened = reopen.open();
            unsubscriber = make.apply(opened);
        }
        try {
            return work.apply(unsubscriber);
        } catch (JournalException e) {
            if (reopen != null) {
                unsubscriber = null;
                closeOpened();
            }
            throw e;
        }
    }

    private void closeOpened() {
        if (opened == null) return;
        try {
            opened.close();
        } catch (RuntimeException ignored) {
            // a broken connection may fail to close; it is dropped either way
        }
        opened = null;
    }

    private Answer call(Function<Unsubscriber, Unsubscriber.Result> work) {
        long deadline = System.nanoTime() + wait.toNanos();
        Future<Unsubscriber.Result> f;
        try {
            f = thread.submit(() -> System.nanoTime() - deadline > 0 ? null : run(work));
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
        if (thread.isTerminated()) closeOpened();
    }
}
