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
        // a resolver that cannot be used makes every DNS answer untrustworthy: nothing is decided (exit 4)
        if (findings.stream().anyMatch(f -> ResolverCheck.NAME.equals(f.check()) && f.status() == Status.UNKNOWN)) return UNKNOWN;
        if (findings.stream().anyMatch(f -> f.status() == Status.FAIL)) return NO_GO;
        if (findings.stream().anyMatch(f -> f.status() == Status.UNKNOWN)) return UNKNOWN;
        return GO;
    }
}
