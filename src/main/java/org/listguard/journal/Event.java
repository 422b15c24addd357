package org.listguard.journal;

import java.time.Instant;

/** A row of the {@code events} table as stored ({@link RunEvents#raw}); detail is JSON or null. Read typed with {@link RunEvents#list}. */
public record Event(String run, long seq, Instant at, String kind, String detail) {}
