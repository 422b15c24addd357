package org.listguard.journal;

import java.time.Instant;

/** An egress IP a receiver named (table {@code egress_ips}), with where it was learned ({@code dsn} or {@code seed}). */
public record EgressIp(String ip, String source, String detail, String run, Instant firstSeen, Instant lastSeen) {}
