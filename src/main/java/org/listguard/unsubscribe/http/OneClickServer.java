package org.listguard.unsubscribe.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
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
 * Optionally a second listener speaks HTTPS from PEM files, reloaded when they change ({@link PemTls}).
 */
public final class OneClickServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final ServerConnector tlsConnector;
    private final ClickDesk desk;

    private OneClickServer(Server server, ServerConnector connector, ServerConnector tlsConnector, ClickDesk desk) {
        this.server = server;
        this.connector = connector;
        this.tlsConnector = tlsConnector;
        this.desk = desk;
    }

    /** In-process HTTPS: where to listen and the PEM files (see {@link PemTls}). */
    public record Https(InetSocketAddress bind, PemTls pem) {}

    /** With the default limits and no trusted proxies. */
    public static OneClickServer start(InetSocketAddress bind, UnsubscribeUrl url, Unsubscriber unsubscriber, RateLimiter limiter) throws IOException {
        return start(bind, url, unsubscriber, limiter, List.of(), ServeLimits.DEFAULT);
    }

    /** On {@code unsubscriber}'s journal, never reconnecting. */
    public static OneClickServer start(InetSocketAddress bind, UnsubscribeUrl url, Unsubscriber unsubscriber, RateLimiter limiter,
            List<Cidr> trustedProxies, ServeLimits limits) throws IOException {
        return start(bind, url, new ClickDesk(unsubscriber, limits.journalWait(), 4 * limits.threads()), limiter, trustedProxies, limits);
    }

    /** Plain HTTP only. */
    public static OneClickServer start(InetSocketAddress bind, UnsubscribeUrl url, ClickDesk desk, RateLimiter limiter,
            List<Cidr> trustedProxies, ServeLimits limits) throws IOException {
        return start(bind, null, url, desk, limiter, trustedProxies, limits);
    }

    /**
     * Binds and starts serving; port 0 picks a free port. The server closes {@code desk}.
     *
     * @param https null, or a second listener speaking TLS with the PEM files (reloaded when they change)
     */
    public static OneClickServer start(InetSocketAddress bind, Https https, UnsubscribeUrl url, ClickDesk desk, RateLimiter limiter,
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
        ServerConnector connector = connector(server, bind, limits, new HttpConnectionFactory(http));
        ServerConnector tls = null;
        if (https != null) {
            SslContextFactory.Server ssl;
            try {
                ssl = https.pem().contextFactory();
            } catch (java.security.GeneralSecurityException e) {
                desk.close();
                throw new IOException("cannot load the TLS certificate and key: " + e.getMessage(), e);
            }
            HttpConfiguration secure = new HttpConfiguration(http);
            SecureRequestCustomizer src = new SecureRequestCustomizer();
            src.setSniHostCheck(false); // the Host is checked by nobody here: the token is the authority
            secure.addCustomizer(src);
            tls = connector(server, https.bind(), limits, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(secure));
        }
        server.addBean(new ConnectionLimit(limits.maxConnections(), server));

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
        if (https != null) https.pem().watch((SslContextFactory.Server) tls.getConnectionFactory(SslConnectionFactory.class).getSslContextFactory(),
                tls.getScheduler()); // the scheduler runs once the server has started
        return new OneClickServer(server, connector, tls, desk);
    }

    private static ServerConnector connector(Server server, InetSocketAddress bind, ServeLimits limits, ConnectionFactory... factories) {
        ServerConnector c = new ServerConnector(server, 1, 1, factories);
        c.setHost(bind.getAddress().getHostAddress());
        c.setPort(bind.getPort());
        c.setIdleTimeout(limits.idleTimeout().toMillis());
        c.setAcceptQueueSize(256);
        c.addEventListener(new HeaderDeadline(c.getScheduler(), limits.headerTimeout()));
        server.addConnector(c);
        return c;
    }

    /** The bound HTTPS address, or null without {@link Https}. */
    public InetSocketAddress httpsAddress() {
        return tlsConnector == null ? null : new InetSocketAddress(tlsConnector.getHost(), tlsConnector.getLocalPort());
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
