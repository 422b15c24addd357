/**
 * The journal: the only package that touches the database (DESIGN.md).
 *
 * <h2>API: {@link org.listguard.journal.Journal} and its narrow stores</h2>
 * Runs ({@code j.runs()}), recipients (on the journal), run events ({@code j.runEvents()}),
 * bounce processing ({@code j.feedback()}), suppressions, unsubscribes, unverified reports,
 * receivers' verdicts, blocks and learned egress ({@code j.downstream()}), DMARC reports and
 * per-member bounce evidence: each its own class sharing the journal's connection and monitor.
 * <pre>
 * Journal j = Journal.open(url, clock);                  // migrates (Flyway, db/migration)
 * LockResult l = j.runs().lock(campaign);                // Acquired (close when done) | Held(holder)
 * Optional&lt;Run&gt; r = j.runs().findUnfinished(campaign);   // running or paused: resume it
 *   j.recoverCrashed(run)                                //   sending -&gt; unknown (count)
 *   j.resendUnknown(run)                                 //   only with --resend-unknown: unknown -&gt; pending
 * Run run = j.runs().create(campaign, auditJson, forced); // otherwise a new run
 *   j.addRecipients(run.id(), iterator)                  //   streamed, 1,000 rows per transaction
 *   j.markSkipped(run.id(), seq, "suppressed: …")
 * for (List&lt;Due&gt; b; !(b = j.nextBatch(id, n)).isEmpty(); ) // pending + due deferred, seq order
 *   if (j.markSending(id, seq, messageId)) { smtp…; j.recordOutcome(id, seq, outcome); }
 * j.runs().setState(id, PAUSED, reason, evidenceJson); j.runEvents().append(id, record); j.runs().setRelay(id, relay);
 * j.runs().status(id) -&gt; RunStatus (DESIGN.md status JSON); j.runs().latest(); j.recipients(id, sink)
 * j.suppressions().add/remove/isSuppressed/list     // hard and complaint only
 * j.skipSuppressed(run)                             // set-based: skips every suppressed pending recipient
 * // bounce processing (feedback/): match, then apply in one transaction
 * j.recipientByMessageId(mid)                        // when a report has no VERP token (never by address alone)
 * j.atomically(() -&gt; { j.feedback().recordBounce(entry); j.feedback().recordLaterAction(run, seq, HARD, reason);
 *                      j.feedback().markProcessed(key, source, json); … })
 * j.feedback().processed(key); j.feedback().complaintRate(campaign, corroborate) // idempotency; the send gate's complaint check
 * </pre>
 *
 * <h2>Tables (src/main/resources/db/migration/V1__journal.sql)</h2>
 * <ul>
 * <li>{@code runs}: id "yyyyMMdd-HHmmss-campaign", campaign, state running|paused|completed|aborted,
 *     started_at, finished_at, pause_reason, pause_evidence (JSON), audit (JSON), forced (0/1), relay.</li>
 * <li>{@code recipients}: (run_id, seq) key; email, email_key, list_line, fields (the list row as
 *     JSON), status pending|sending|accepted|deferred|rejected|skipped|unknown, attempts,
 *     reply_code, enhanced_code, reply_text (full), stage, relay, updated_at, message_id,
 *     queue_id, action, reason, skip_reason, next_attempt_at.</li>
 * <li>{@code events}: (run_id, seq) key; at, kind, detail (JSON in {@code events.RunRecordCodec}'s versioned schema);
 *     read and written typed through {@link org.listguard.journal.RunEvents}.</li>
 * <li>{@code suppressions}: address_key primary key; reason, action hard|complaint, evidence,
 *     source_run, created_at.</li>
 * <li>{@code feedback_messages} (V2): message_key primary key (the report's Message-ID or
 *     sha256 of its bytes), source, processed_at, outcome (JSON).</li>
 * <li>{@code bounces} (V2): (message_key, run_id, seq) key; address, at, kind, action
 *     hard|soft|complaint, reason, enhanced_code, reply_code, diagnostic, remote_host, source;
 *     provenance member|feedback-loop and provider (V6: who proved it; what counts toward the
 *     complaint rate follows from it, {@link org.listguard.journal.ComplaintRate}).
 *     A hard bounce or complaint also sets the recipient row's action/reason; the row's status and
 *     reply fields keep the relay's original (accepted) reply.</li>
 * <li>{@code dmarc_reports}, {@code dmarc_rows}, {@code dmarc_set_aside} (V8, issue 24): DMARC
 *     aggregate reports once per (org, report_id) with their rows and listguard's class of each,
 *     and the files set aside with the reason ({@link org.listguard.journal.DmarcReports}).</li>
 * </ul>
 * Timestamps are TEXT, ISO-8601 UTC with milliseconds, from the injected clock; the SQL is
 * portable between SQLite (WAL, synchronous=NORMAL: survives a killed process, not necessarily a
 * power loss — see {@code Database}) and PostgreSQL.
 */
package org.listguard.journal;
