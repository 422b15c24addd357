package org.listguard.unsubscribe.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * RFC 8058 §3.1: the POST body carries the field {@code List-Unsubscribe=One-Click}, sent as
 * {@code application/x-www-form-urlencoded} or as a {@code multipart/form-data} field (RFC 7578).
 * A body without a Content-Type is read as form-urlencoded (some senders omit it).
 */
final class OneClickBody {
    private static final String NAME = "List-Unsubscribe";
    private static final String VALUE = "One-Click";

    private OneClickBody() {}

    static boolean isOneClick(byte[] body, String contentType) {
        String text = new String(body, StandardCharsets.UTF_8);
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        if (ct.startsWith("multipart/form-data")) {
            String boundary = parameter(contentType, "boundary");
            return boundary != null && multipart(text, boundary);
        }
        if (!ct.isEmpty() && !ct.startsWith("application/x-www-form-urlencoded")) return false;
        for (String pair : text.strip().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode(pair.substring(0, eq)).equals(NAME) && decode(pair.substring(eq + 1)).equals(VALUE)) return true;
        }
        return false;
    }

    /** RFC 7578 §4.1: parts between {@code --boundary} lines; §4.2: each names its field in Content-Disposition. */
    private static boolean multipart(String body, String boundary) {
        String delimiter = "--" + boundary;
        String[] parts = body.split(java.util.regex.Pattern.quote(delimiter), -1);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("--")) break; // the close delimiter
            int headersEnd = part.indexOf("\r\n\r\n");
            int sep = 4;
            if (headersEnd < 0) {
                headersEnd = part.indexOf("\n\n");
                sep = 2;
            }
            if (headersEnd < 0) continue;
            String headers = part.substring(0, headersEnd);
            String value = part.substring(headersEnd + sep);
            if (value.endsWith("\r\n")) value = value.substring(0, value.length() - 2);
            else if (value.endsWith("\n")) value = value.substring(0, value.length() - 1);
            for (String h : headers.split("\r?\n")) {
                int colon = h.indexOf(':');
                if (colon < 0 || !h.substring(0, colon).strip().equalsIgnoreCase("Content-Disposition")) continue;
                String cd = h.substring(colon + 1);
                if (cd.strip().toLowerCase(Locale.ROOT).startsWith("form-data") && NAME.equals(parameter(cd, "name")) && value.equals(VALUE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A parameter of a header value ({@code ; name=value} or {@code ; name="value"}), or null. */
    static String parameter(String header, String name) {
        for (String p : header.split(";")) {
            int eq = p.indexOf('=');
            if (eq < 0 || !p.substring(0, eq).strip().equalsIgnoreCase(name)) continue;
            String v = p.substring(eq + 1).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
            return v.isEmpty() ? null : v;
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
