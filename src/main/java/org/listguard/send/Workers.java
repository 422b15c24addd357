package org.listguard.send;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.listguard.config.Relay;
import org.listguard.deliver.MailRelay;
import org.listguard.deliver.RelaySession;

/**
 * {@code throttle.connections} SMTP sessions to the active relay, each owned by one worker
 * thread for the whole run (a session is not thread-safe, and reusing its connection is what
 * makes sending fast).
 */
final class Workers implements AutoCloseable {
    /** The work of one worker on one batch. */
    interface Task {
        void run(RelaySession session) throws InterruptedException;
    }

    private final List<RelaySession> sessions = new ArrayList<>();
    private final ExecutorService pool;
    private final Relay relay;

    Workers(MailRelay mailRelay, Relay relay, char[] password, int connections) {
        this.relay = relay;
        for (int i = 0; i < connections; i++) sessions.add(mailRelay.open(relay, password));
        this.pool = connections == 1 ? null : Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "listguard-sender");
            t.setDaemon(true);
            return t;
        });
    }

    Relay relay() { return relay; }

    /** Runs {@code task} on the first session, in the calling thread (between batches, when no worker is busy). */
    void first(Task task) throws InterruptedException {
        task.run(sessions.get(0));
    }

    /** Runs {@code task} once per session, in parallel, and waits for all of them. */
    void each(Task task) throws InterruptedException {
        if (pool == null) {
            task.run(sessions.get(0));
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (RelaySession s : sessions) running.add(pool.submit(() -> {
            task.run(s);
            return null;
        }));
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error err) throw err;
                throw new IllegalStateException(c);
            }
        }
    }

    @Override
    public void close() {
        for (RelaySession s : sessions) s.close();
        if (pool != null) pool.shutdownNow();
    }
}
