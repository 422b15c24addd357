package org.listguard.unsubscribe;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the token sits in {@code sender.unsubscribe_url}, so the endpoint finds it in a request:
 * either a query parameter ({@code https://example.org/unsubscribe?t={token}}) or a path segment
 * ({@code https://example.org/u/{token}}). Only the path and query matter: the reverse proxy in
 * front of {@code serve} keeps them as they are.
 *
 * @param path       the request path the endpoint answers (for a path token, the part before it)
 * @param pathSuffix for a path token, what follows it in the path ("" when nothing); null for a query token
 * @param queryParam for a query token, the parameter's name; null for a path token
 */
public record UnsubscribeUrl(String path, String pathSuffix, String queryParam) {
    static final String TOKEN = "{token}";
    /** Used when {@code sender.unsubscribe_url} is not set. */
    public static final UnsubscribeUrl DEFAULT = new UnsubscribeUrl("/unsubscribe", null, "t");

    /** @throws IllegalArgumentException when the template has no usable {token} */
    public static UnsubscribeUrl of(String template) {
        if (template == null) return DEFAULT;
        int at = template.indexOf(TOKEN);
        if (at < 0) throw new IllegalArgumentException("sender.unsubscribe_url has no {token}");
        URI u = URI.create(template.replace(TOKEN, "TOKEN"));
        String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        int inPath = p.indexOf("TOKEN");
        if (inPath >= 0) return new UnsubscribeUrl(p.substring(0, inPath), p.substring(inPath + "TOKEN".length()), null);
        String q = u.getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(eq + 1).equals("TOKEN")) return new UnsubscribeUrl(p, null, pair.substring(0, eq));
            }
        }
        throw new IllegalArgumentException("sender.unsubscribe_url: {token} must be a path segment or a query parameter's whole value");
    }

    /** The context path to bind: the path, or for a path token the prefix up to its last '/'. */
    public String contextPath() {
        if (queryParam != null) return path;
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash + 1);
    }

    /** The token of a request to this URL, or empty when the request is not for it or has none. */
    public Optional<String> tokenOf(URI request) {
        return tokenOf(request.getRawPath(), request.getRawQuery());
    }

    /** {@link #tokenOf(URI)} from the raw (still percent-encoded) path and query of a request line. */
    public Optional<String> tokenOf(String p, String rawQuery) {
        if (p == null) return Optional.empty();
        if (queryParam == null) {
            if (!p.startsWith(path) || !p.endsWith(pathSuffix) || p.length() <= path.length() + pathSuffix.length()) return Optional.empty();
            String t = p.substring(path.length(), p.length() - pathSuffix.length());
            return t.indexOf('/') >= 0 ? Optional.empty() : Optional.of(t);
        }
        if (!p.equals(path) || rawQuery == null) return Optional.empty();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(queryParam)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException badEscape) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
