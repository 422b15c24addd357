package org.listguard.unsubscribe.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.listguard.config.Cidr;
import org.listguard.unsubscribe.ClickDesk;
import org.listguard.unsubscribe.RateLimiter;
import org.listguard.unsubscribe.UnsubscribeUrl;
import org.listguard.unsubscribe.Unsubscriber;

/**
 * The RFC 8058 one-click unsubscribe endpoint, on Jetty 12 (no HTTP parsing of ours):
 * <ul>
 *   <li>{@code POST <path>?t=TOKEN} whose body holds {@code List-Unsubscribe=One-Click} (RFC 8058
 *       §3.1, form-urlencoded or multipart/form-data): the member is unsubscribed; 200, also when
 *       repeated;</li>
 *   <li>{@code GET} of the same URL: a confirmation page whose button POSTs the same to the
 *       request's path and query; it never changes anything (link scanners fetch every URL);</li>
 *   <li>a token that is not ours: 400; a valid token this journal does not know: 404 — plain
 *       pages, nothing changed; more than the per-client rate: 429 with Retry-After; the journal
 *       locked or unreachable: 503 with Retry-After, nothing claimed;</li>
 *   <li>{@code GET /healthz}: 200 "ok".</li>
 * </ul>
 * The bounds are {@link ServeLimits}: a bounded thread pool, idle and header timeouts, header
 * and body size limits, a connection limit; closing stops accepting, lets requests in flight
 * finish within the stop timeout, then stops. The rate limit's client is {@link ClientAddress}.
 */
public final class OneClickServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final ClickDesk desk;

    private OneClickServer(Server server, ServerConnector connector, ClickDesk desk) {
        this.server = server;
        this.connector = connector;
        this.desk = desk;
    }

    /** With the default limits and no trusted proxies. */
    public static OneClickServer start(InetSocketAddress bind, UnsubscribeUrl url, Unsubscriber unsubscriber, RateLimiter limiter) throws IOException {
        return start(bind, url, unsubscriber, limiter, List.of(), ServeLimits.DEFAULT);
    }

    /** On {@code unsubscriber}'s journal, never reconnecting. */
    public static OneClickServer start(InetSocketAddress bind, UnsubscribeUrl url, Unsubscriber unsubscriber, RateLimiter limiter,
            List<Cidr> trustedProxies, ServeLimits limits) throws IOException {
        return start(bind, url, new ClickDesk(unsubscriber, limits.journalWait(), 4 * limits.threads()), limiter, trustedProxies, limits);
    }

    /** Binds and starts serving; {@code bind} port 0 picks a free port. The server closes {@code desk}. */
    public static OneClickServer start(InetSocketAddress bind, UnsubscribeUrl url, ClickDesk desk, RateLimiter limiter,
            List<Cidr> trustedProxies, ServeLimits limits) throws IOException {
        QueuedThreadPool pool = new QueuedThreadPool(limits.threads(), Math.min(4, limits.threads()));
        pool.setName("listguard-serve");
        pool.setDaemon(true);
        Server server = new Server(pool);
        server.setStopTimeout(limits.stopTimeout().toMillis());
        server.setStopAtShutdown(false); // the command stops it on SIGTERM, then closes the journal

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bind.getAddress().getHostAddress());
        connector.setPort(bind.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(256);
        connector.addEventListener(new HeaderDeadline(connector.getScheduler(), limits.headerTimeout()));
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(limits.maxConnections(), connector));

        server.setErrorHandler(OneClickHandler::error);
        server.setHandler(new GracefulHandler(new OneClickHandler(url, desk, limiter, new ClientAddress(trustedProxies), limits)));
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            desk.close();
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            desk.close();
            throw new IOException(e.getMessage(), e);
        }
        return new OneClickServer(server, connector, desk);
    }

    /** The bound address (the actual port when 0 was asked). */
    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // it did not start; nothing is listening
        }
    }

    /** Graceful: stop accepting, finish requests in flight (up to the stop timeout), then the journal's thread. */
    @Override
    public void close() {
        stopQuietly(server);
        desk.close();
    }

}
