/**
 * DMARC aggregate reports (issue 24; RFC 7489 appendix C and DMARCbis; DELIVERABILITY.md s9, s11).
 *
 * <pre>
 * bytes ─ ReportMail (a report message: its attachments) ─ Unpacker (gzip/zip, our own caps)
 *       ─ ReportParser (StAX, no DTD) ─ ParseOutcome.Parsed | SetAside(reason)
 *       ─ DmarcImport: Reporters (signed by the reporter?) → Classifier (RowClass per row, by our DKIM)
 *                      → journal.dmarcReports().add + downstream().learnEgress, one transaction, once per (org, report id)
 * gate: DmarcFindings (dmarc-dkim, dmarc-egress, dmarc-spf, dmarc-coverage), joined by send.DmarcGate
 * </pre>
 *
 * Data that changes with the world is in resource files, one cited line each:
 * {@code reporter-aliases.txt} (contact domains signed by another domain) and
 * {@code reporting-receivers.txt} (who reports for which recipient domains). Nothing here touches
 * the network or the database directly: DKIM keys come through the caller's
 * {@code ReportAuthenticator.Signatures}, storage through the journal.
 */
package org.listguard.dmarc;
