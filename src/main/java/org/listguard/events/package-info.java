/**
 * The run's journaled course, typed: {@link org.listguard.events.RunRecord} (one record per kind
 * the send path, the return path and bounce processing journal, each naming its provenance) and
 * {@link org.listguard.events.RunRecordCodec}, the versioned JSON schema of their stored detail.
 * Depends only on {@code guard} (Evidence, Provenance's vocabulary) and {@code reply} (Action):
 * the journal stores these, the send path writes them, status and the reports read them.
 *
 * <p>Not to be confused with {@code guard.RunEvent}: that is the guard's input, what collaborators
 * report for it to decide on; these are what the journal keeps of what happened and what was decided.
 */
package org.listguard.events;
