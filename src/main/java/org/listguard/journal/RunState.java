package org.listguard.journal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle of a run. running, paused and interrupted are unfinished: the next {@code send}
 * resumes them. interrupted: stopped by SIGTERM/SIGINT, the transaction in flight journaled
 * truthfully and the lock released (a run left {@code running} whose lock nobody holds is a
 * process that died without that chance).
 */
public enum RunState {
    RUNNING, PAUSED, COMPLETED, ABORTED, INTERRUPTED;

    public boolean finished() { return this == COMPLETED || this == ABORTED; }

    /** The form stored in the database and written in JSON. */
    @JsonValue
    public String db() { return name().toLowerCase(Locale.ROOT); }

    public static RunState fromDb(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }
}
