package org.listguard.reply;

/**
 * The classifier's answer.
 *
 * @param reason Sisimai's vocabulary (userunknown, blocked, badreputation, speeding, …)
 * @param action what to do
 * @param rule   the id of the rule that matched (for evidence and debugging), or "default-…"
 */
public record Classification(String reason, Action action, String rule) {}
