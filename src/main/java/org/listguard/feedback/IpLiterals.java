package org.listguard.feedback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals from reports (ARF Source-IP, RFC 5965 s3.2: IPv4address / IPv6address) in
 * one spelling, so that {@code 2001:DB8::1} and {@code 2001:db8:0::1} compare equal. Only literals
 * are parsed: a host name is empty, never looked up (remote input never makes us query DNS).
 */
final class IpLiterals {
    private static final Pattern V4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiterals() {}

    /** The address's canonical text, or empty when {@code text} is not an IP literal. */
    static Optional<String> normal(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        if (t.regionMatches(true, 0, "IPv6:", 0, 5)) t = t.substring(5);
        boolean v4 = V4.matcher(t).matches();
        if (!v4 && !(t.indexOf(':') >= 0 && V6.matcher(t).matches())) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByName(t).getHostAddress()); // a literal: never a lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
