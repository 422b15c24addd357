package org.listguard.unsubscribe.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Slowloris: a client that sends a request's line and headers a byte at a time never trips an
 * idle timeout. Jetty reads headers on its selector (a slow client holds no request thread), and
 * this listener closes a connection whose request has been in its header section, with no new
 * request completed, for longer than {@code timeout}. Checked every {@code timeout / 2}, so a
 * slow header is cut between 1 and 1.5 times the timeout.
 */
final class HeaderDeadline implements Connection.Listener {
    private final Scheduler scheduler;
    private final long periodMs;

    HeaderDeadline(Scheduler scheduler, Duration timeout) {
        this.scheduler = scheduler;
        this.periodMs = Math.max(1, timeout.toMillis() / 2);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) new Watch(http).schedule();
    }

    private final class Watch implements Runnable {
        private final HttpConnection connection;
        private long requestsSeen = -1;
        private int ticksInHeaders;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void schedule() {
            scheduler.schedule(this, periodMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) return;
            long requests = connection.getMessagesIn();
            boolean inHeaders = !connection.getParser().isStart() && connection.getParser().inHeaderState();
            if (!inHeaders || requests != requestsSeen) {
                ticksInHeaders = inHeaders ? 1 : 0;
            } else if (++ticksInHeaders > 2) {
                connection.getEndPoint().close();
                return;
            }
            requestsSeen = requests;
            schedule();
        }
    }
}
