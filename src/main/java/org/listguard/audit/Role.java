package org.listguard.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a finding is about: the list server, a smart host, a sender domain, the list, the content. */
public enum Role {
    ORIGIN, RELAY, DOMAIN, LIST, CONTENT;

    @JsonValue
    public String json() { return name().toLowerCase(Locale.ROOT); }
}
