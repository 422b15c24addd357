package org.listguard.send;

/**
 * How a send ended.
 *
 * @param exitCode 0 completed, 3 gate refused (no-go), 4 gate refused (unknown), 75 paused
 * @param runId    the run, or null when none was started (gate refused, dry run)
 * @param message  one line for the operator
 */
public record SendResult(int exitCode, String runId, String message) {}
