package org.listguard.journal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle of a run. running and paused are unfinished: the next {@code send} resumes them. */
public enum RunState {
    RUNNING, PAUSED, COMPLETED, ABORTED;

    public boolean finished() { return this == COMPLETED || this == ABORTED; }

    /** The form stored in the database and written in JSON. */
    @JsonValue
    public String db() { return name().toLowerCase(Locale.ROOT); }

    public static RunState fromDb(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }
}
