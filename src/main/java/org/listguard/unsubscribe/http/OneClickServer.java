package org.listguard.unsubscribe.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.listguard.journal.Unsubscribes;
import org.listguard.unsubscribe.RateLimiter;
import org.listguard.unsubscribe.UnsubscribeUrl;
import org.listguard.unsubscribe.Unsubscriber;

/**
 * The RFC 8058 one-click unsubscribe endpoint on the JDK's HTTP server (no HTTP parsing of ours):
 * <ul>
 *   <li>{@code POST <path>?t=TOKEN} whose body holds {@code List-Unsubscribe=One-Click} (RFC 8058
 *       §3.2, form-urlencoded or multipart): the member is unsubscribed; 200, also when repeated;</li>
 *   <li>{@code GET} of the same URL: a confirmation page whose button POSTs the same; it never
 *       changes anything (link scanners and previews fetch every URL in a message);</li>
 *   <li>a token that is not ours: 400; a valid token this journal does not know: 404 — plain
 *       pages, nothing changed; more than the per-client rate: 429 with Retry-After;</li>
 *   <li>{@code GET /healthz}: 200 "ok".</li>
 * </ul>
 * The client of the rate limit is the peer address, or — when the peer is loopback (a reverse
 * proxy on this host) — the last address of X-Forwarded-For. Request bodies are read up to
 * {@value #MAX_BODY} bytes; the server's own timeouts bound slow clients.
 */
public final class OneClickServer implements AutoCloseable {
    static final int MAX_BODY = 8 * 1024;
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    static {
        // bounded request/response times for the JDK server (read once, when its class loads)
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) System.setProperty("sun.net.httpserver.maxReqTime", "30");
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) System.setProperty("sun.net.httpserver.maxRspTime", "30");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final UnsubscribeUrl url;
    private final Unsubscriber unsubscriber;
    private final RateLimiter limiter;

    private OneClickServer(HttpServer server, ExecutorService pool, UnsubscribeUrl url, Unsubscriber unsubscriber, RateLimiter limiter) {
        this.server = server;
        this.pool = pool;
        this.url = url;
        this.unsubscriber = unsubscriber;
        this.limiter = limiter;
    }

    /** Binds and starts serving; {@code bind} port 0 picks a free port. */
    public static OneClickServer start(InetSocketAddress bind, UnsubscribeUrl url, Unsubscriber unsubscriber, RateLimiter limiter) throws IOException {
        HttpServer server = HttpServer.create(bind, 64);
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "listguard-serve");
            t.setDaemon(true);
            return t;
        });
        OneClickServer s = new OneClickServer(server, pool, url, unsubscriber, limiter);
        server.createContext("/healthz", s::health);
        server.createContext(url.contextPath(), s::unsubscribe);
        if (!url.contextPath().equals("/")) server.createContext("/", ex -> s.send(ex, 404, Pages.plain("Not found.")));
        server.setExecutor(pool);
        server.start();
        return s;
    }

    /** The bound address (the actual port when 0 was asked). */
    public InetSocketAddress address() { return server.getAddress(); }

    private void health(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/healthz")) {
            send(ex, 404, Pages.plain("Not found."));
        } else {
            send(ex, 200, Pages.text("ok\n"));
        }
    }

    private void unsubscribe(HttpExchange ex) throws IOException {
        try (ex) {
            String client = client(ex);
            if (!limiter.allow(client)) {
                ex.getResponseHeaders().set("Retry-After", Long.toString(limiter.retryAfterSeconds(client)));
                send(ex, 429, Pages.plain("Too many requests. Please try again in a minute."));
                return;
            }
            Optional<String> token = url.tokenOf(ex.getRequestURI());
            if (token.isEmpty()) {
                send(ex, 404, Pages.plain("Not found."));
                return;
            }
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            switch (method) {
                case "GET", "HEAD" -> confirm(ex, token.get());
                case "POST" -> oneClick(ex, token.get(), client);
                default -> {
                    ex.getResponseHeaders().set("Allow", "GET, POST");
                    send(ex, 405, Pages.plain("Method not allowed."));
                }
            }
        } catch (RuntimeException e) {
            send(ex, 500, Pages.plain("The unsubscribe could not be recorded; please try again later."));
        }
    }

    private void confirm(HttpExchange ex, String token) throws IOException {
        Unsubscriber.Result r = unsubscriber.check(token);
        if (r instanceof Unsubscriber.Result.Done d) {
            send(ex, 200, Pages.confirm(ex.getRequestURI().toString(), d.row().email()));
        } else {
            fail(ex, r);
        }
    }

    private void oneClick(HttpExchange ex, String token, String client) throws IOException {
        String body = body(ex);
        if (!isOneClick(body, ex.getRequestHeaders().getFirst("Content-Type"))) {
            send(ex, 400, Pages.plain("This address takes a one-click unsubscribe (RFC 8058): POST List-Unsubscribe=One-Click."));
            return;
        }
        Unsubscriber.Result r = unsubscriber.unsubscribe(token, Unsubscribes.Channel.ONE_CLICK, client);
        if (r instanceof Unsubscriber.Result.Done) {
            send(ex, 200, Pages.done());
        } else {
            fail(ex, r);
        }
    }

    private void fail(HttpExchange ex, Unsubscriber.Result r) throws IOException {
        if (r instanceof Unsubscriber.Result.Unknown) {
            send(ex, 404, Pages.plain("This unsubscribe link is not known here (it may have expired). Nothing was changed."));
        } else {
            send(ex, 400, Pages.plain("This unsubscribe link is not valid. Nothing was changed."));
        }
    }

    /** RFC 8058 §3.2: the body is "List-Unsubscribe=One-Click", form-urlencoded or as a multipart/form-data field. */
    static boolean isOneClick(String body, String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return body.contains("name=\"List-Unsubscribe\"") && body.contains("One-Click");
        }
        for (String pair : body.strip().split("&")) {
            if (URLDecoder.decode(pair, StandardCharsets.UTF_8).equals(ONE_CLICK)) return true;
        }
        return false;
    }

    private static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    private static String client(HttpExchange ex) {
        InetSocketAddress peer = ex.getRemoteAddress();
        String ip = peer.getAddress().getHostAddress();
        String fwd = ex.getRequestHeaders().getFirst("X-Forwarded-For");
        if (peer.getAddress().isLoopbackAddress() && fwd != null && !fwd.isBlank()) {
            String[] hops = fwd.split(",");
            return hops[hops.length - 1].strip();
        }
        return ip;
    }

    private void send(HttpExchange ex, int status, Pages.Page page) throws IOException {
        ex.getResponseHeaders().set("Content-Type", page.contentType());
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.getResponseHeaders().set("X-Robots-Tag", "noindex");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        byte[] b = page.body().getBytes(StandardCharsets.UTF_8);
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : b.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
