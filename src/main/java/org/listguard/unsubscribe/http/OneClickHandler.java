package org.listguard.unsubscribe.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.listguard.journal.Unsubscribes;
import org.listguard.unsubscribe.ClickDesk;
import org.listguard.unsubscribe.RateLimiter;
import org.listguard.unsubscribe.UnsubscribeUrl;
import org.listguard.unsubscribe.Unsubscriber;

/**
 * What the endpoint answers (see {@link OneClickServer} for the contract). Methods per RFC 9110:
 * the unsubscribe URL allows GET, HEAD (§9.3.2: GET's headers, no body), POST and OPTIONS (§9.3.7:
 * 204 with Allow); /healthz allows GET, HEAD and OPTIONS; another known method is 405 with Allow
 * (§15.5.6), an unknown one 501 (§9.1). Requests wait for the journal through {@link ClickDesk},
 * never holding its lock; when it does not answer in time the answer is 503 with Retry-After
 * (§10.2.3) and nothing is claimed.
 */
final class OneClickHandler extends Handler.Abstract {
    private static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final String UNSUBSCRIBE_ALLOW = "GET, HEAD, POST, OPTIONS";
    private static final String HEALTH_ALLOW = "GET, HEAD, OPTIONS";

    private final UnsubscribeUrl url;
    private final ClickDesk desk;
    private final RateLimiter limiter;
    private final ClientAddress clients;
    private final ServeLimits limits;

    OneClickHandler(UnsubscribeUrl url, ClickDesk desk, RateLimiter limiter, ClientAddress clients, ServeLimits limits) {
        super(InvocationType.BLOCKING);
        this.url = url;
        this.desk = desk;
        this.limiter = limiter;
        this.clients = clients;
        this.limits = limits;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            route(request, response, callback);
        } catch (RuntimeException | IOException e) {
            if (!response.isCommitted()) {
                send(response, callback, 500, Pages.plain("The unsubscribe could not be recorded; please try again later."));
            } else {
                callback.failed(e);
            }
        }
        return true;
    }

    /** Jetty's own refusals (bad request line, Host mismatch, headers too large): a plain page that echoes nothing. */
    static boolean error(Request request, Response response, Callback callback) {
        Object st = request.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_STATUS);
        int status = st instanceof Integer i ? i : response.getStatus() >= 400 ? response.getStatus() : 500;
        send(response, callback, status, Pages.plain(org.eclipse.jetty.http.HttpStatus.getMessage(status) + "."));
        return true;
    }

    private void route(Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        // The body is read (bounded) before any answer: a connection whose request body is left
        // unread is closed by the server, which races the client reusing it for its next request.
        byte[] body = body(request);
        if (body == null) {
            send(response, callback, 413, Pages.plain("The request body is too large for a one-click unsubscribe."));
            return;
        }
        if (!KNOWN.contains(method)) {
            send(response, callback, 501, Pages.plain("Method not implemented."));
            return;
        }
        if ("/healthz".equals(path)) {
            if (allowed(method, HEALTH_ALLOW, response, callback)) send(response, callback, 200, Pages.text("ok\n"));
            return;
        }
        String client = clients.of(Request.getRemoteAddr(request), request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR));
        if (!limiter.allow(client)) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(limiter.retryAfterSeconds(client)));
            send(response, callback, 429, Pages.plain("Too many requests. Please try again in a minute."));
            return;
        }
        Optional<String> token = url.tokenOf(path, request.getHttpURI().getQuery());
        if (token.isEmpty()) {
            send(response, callback, 404, Pages.plain("Not found."));
            return;
        }
        if (!allowed(method, UNSUBSCRIBE_ALLOW, response, callback)) return;
        if (method.equals("POST")) {
            oneClick(request, response, callback, token.get(), client, body);
        } else {
            confirm(request, response, callback, token.get());
        }
    }

    /** OPTIONS and methods the resource does not allow are answered here; true when the method is for the caller. */
    private boolean allowed(String method, String allow, Response response, Callback callback) {
        if (method.equals("OPTIONS")) {
            response.getHeaders().put(HttpHeader.ALLOW, allow);
            send(response, callback, 204, null);
            return false;
        }
        if (!Set.of(allow.split(", ")).contains(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, allow);
            send(response, callback, 405, Pages.plain("Method not allowed."));
            return false;
        }
        return true;
    }

    private void confirm(Request request, Response response, Callback callback, String token) {
        ClickDesk.Answer a = desk.check(token);
        if (a instanceof ClickDesk.Answer.Of of && of.result() instanceof Unsubscriber.Result.Done d) {
            send(response, callback, 200, Pages.confirm(action(request), d.row().email()));
        } else {
            fail(response, callback, a);
        }
    }

    /**
     * The form posts back to the request's own path and query, never to a scheme or host taken from
     * the request line (an absolute-form or {@code //host} target would send the click elsewhere).
     */
    static String action(Request request) {
        String path = request.getHttpURI().getPath();
        while (path.startsWith("//")) path = path.substring(1);
        String q = request.getHttpURI().getQuery();
        return q == null ? path : path + "?" + q;
    }

    /** The request body, or null when it is over the limit (declared or read). */
    private byte[] body(Request request) throws IOException {
        long declared = request.getLength();
        if (declared == 0) return new byte[0];
        if (declared > limits.maxBodyBytes()) return null;
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(limits.maxBodyBytes() + 1);
            return body.length > limits.maxBodyBytes() ? null : body;
        }
    }

    private void oneClick(Request request, Response response, Callback callback, String token, String client, byte[] body) {
        if (!OneClickBody.isOneClick(body, request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            send(response, callback, 400, Pages.plain("This address takes a one-click unsubscribe (RFC 8058): POST List-Unsubscribe=One-Click."));
            return;
        }
        ClickDesk.Answer a = desk.unsubscribe(token, Unsubscribes.Channel.ONE_CLICK, client);
        if (a instanceof ClickDesk.Answer.Of of && of.result() instanceof Unsubscriber.Result.Done) {
            send(response, callback, 200, Pages.done());
        } else {
            fail(response, callback, a);
        }
    }

    private void fail(Response response, Callback callback, ClickDesk.Answer a) {
        if (a instanceof ClickDesk.Answer.Unavailable) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(limits.retryAfter().toSeconds()));
            send(response, callback, 503, Pages.plain("The unsubscribe could not be recorded right now; nothing was changed. "
                    + "Please try again in a few minutes."));
        } else if (((ClickDesk.Answer.Of) a).result() instanceof Unsubscriber.Result.Unknown) {
            send(response, callback, 404, Pages.plain("This unsubscribe link is not known here (it may have expired). Nothing was changed."));
        } else {
            send(response, callback, 400, Pages.plain("This unsubscribe link is not valid. Nothing was changed."));
        }
    }

    /** Writes the whole answer; HEAD gets the same headers and no body (Jetty drops it for HEAD). */
    static void send(Response response, Callback callback, int status, Pages.Page page) {
        response.setStatus(status);
        var h = response.getHeaders();
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Robots-Tag", "noindex");
        h.put("X-Content-Type-Options", "nosniff");
        if (page == null) {
            response.write(true, null, callback);
            return;
        }
        byte[] b = page.body().getBytes(StandardCharsets.UTF_8);
        h.put(HttpHeader.CONTENT_TYPE, page.contentType());
        h.put(HttpHeader.CONTENT_LENGTH, b.length);
        response.write(true, ByteBuffer.wrap(b), callback);
    }
}
