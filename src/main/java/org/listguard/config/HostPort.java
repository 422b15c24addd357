package org.listguard.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.InetSocketAddress;

/** {@code host[:port]} or {@code [v6]:port}; the port defaults to the one given to {@link #parse(String, int)}. */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("empty host");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is not in 1-65535");
    }

    @JsonCreator
    public static HostPort parseDns(String s) { return parse(s, 53); }

    public static HostPort parse(String s, int defaultPort) {
        String t = s.trim();
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) throw new IllegalArgumentException("'" + s + "': missing ']'");
            String host = t.substring(1, end);
            String rest = t.substring(end + 1);
            return new HostPort(host, rest.isEmpty() ? defaultPort : port(rest.substring(1), s));
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon) return new HostPort(t.substring(0, colon), port(t.substring(colon + 1), s));
        return new HostPort(t, defaultPort);
    }

    private static int port(String p, String whole) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "': port '" + p + "' is not a number");
        }
    }

    public InetSocketAddress socketAddress() { return new InetSocketAddress(host, port); }

    @JsonValue
    @Override
    public String toString() { return (host.contains(":") ? "[" + host + "]" : host) + ":" + port; }
}
