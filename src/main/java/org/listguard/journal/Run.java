package org.listguard.journal;

import java.time.Instant;

/**
 * One send of one campaign.
 *
 * @param id            "yyyyMMdd-HHmmss-campaign" in UTC (a suffix -2, -3… if started twice in a second)
 * @param pauseEvidence JSON written by the guard when it paused (replies, listings), or null
 * @param audit         the gate's audit report as JSON, or null
 * @param forced        the gate's verdict was overridden by the user
 * @param relay         the relay in use (changes on failover)
 */
public record Run(String id, String campaign, RunState state, Instant startedAt, Instant finishedAt,
        String pauseReason, String pauseEvidence, String audit, boolean forced, String relay) {}
