package org.listguard.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a relay connection is protected. Certificates are verified in both TLS modes. */
public enum TlsMode {
    /** Plain connect, then STARTTLS (RFC 3207) before AUTH or MAIL; refused if not offered. */
    STARTTLS,
    /** TLS from the first byte (RFC 8314, port 465). */
    IMPLICIT,
    /** No TLS: allowed only to a loopback host unless {@code allow_plaintext: true}. */
    NONE;

    @JsonCreator
    public static TlsMode parse(String s) {
        for (TlsMode m : values()) if (m.name().equalsIgnoreCase(s)) return m;
        throw new IllegalArgumentException("'" + s + "' is not one of starttls, implicit, none");
    }

    @JsonValue
    public String yaml() { return name().toLowerCase(Locale.ROOT); }
}
