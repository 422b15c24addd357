package org.listguard.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A finding's status. Ordered from worst to best for sorting output (failures first). */
public enum Status {
    FAIL, UNKNOWN, WARN, PASS;

    @JsonValue
    public String json() { return name().toLowerCase(Locale.ROOT); }
}
