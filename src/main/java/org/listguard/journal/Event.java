package org.listguard.journal;

import java.time.Instant;

/** Something that happened to a run (gate verdict, pause, failover, resume); detail is JSON or null. */
public record Event(String run, long seq, Instant at, String kind, String detail) {}
