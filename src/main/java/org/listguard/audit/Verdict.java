package org.listguard.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;

/** The audit's answer: {@code no-go} if any finding fails, else {@code unknown} if any is unknown, else {@code go}. */
public enum Verdict {
    GO("go"), NO_GO("no-go"), UNKNOWN("unknown");

    private final String json;

    Verdict(String json) { this.json = json; }

    @JsonValue
    public String json() { return json; }

    public static Verdict of(Collection<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.status() == Status.FAIL)) return NO_GO;
        if (findings.stream().anyMatch(f -> f.status() == Status.UNKNOWN)) return UNKNOWN;
        return GO;
    }
}
