package org.listguard.dmarc;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.listguard.config.Config;
import org.listguard.feedback.ReportAuthenticator;
import org.listguard.guard.EgressPolicy;
import org.listguard.guard.Provenance;
import org.listguard.journal.DmarcReports;
import org.listguard.journal.EgressIp;
import org.listguard.journal.Journal;

/**
 * Applies DMARC aggregate reports (issue 24): a file or a report message → unpacked, parsed,
 * classified, journaled once per (org, report id), and — only when verified — the smart host's
 * new egress IPs learned (journal {@code egress_ips}, source {@code dmarc}), all in one
 * transaction, so a crash either applied a report or did not. An IP that is not a public unicast
 * address is never learned ({@link EgressPolicy#routable}), nor an IP named only by a reporter that
 * is not a receiver of {@code reporting-receivers.txt}: anyone owning a domain can sign a report. A bad report is set aside with its
 * reason and never stops the others.
 *
 * <p>Verified (DESIGN.md invariant 11): the message carrying the report has a passing DKIM
 * signature of the reporter's domain ({@link Reporters}), or the operator vouched for the file
 * ({@code dmarc import --trusted}: a bare .xml/.gz/.zip carries no signature). An unverified
 * report is kept for the operator and changes nothing: no egress is learned and the gate ignores it.
 */
public final class DmarcImport {
    /** What happened to one report, or to a file or message that held none. */
    public sealed interface Outcome {
        String source();

        /**
         * @param learned    the egress IPs learned from this report (new to the journal)
         * @param notLearned new egress IPs a verified report named and that were not learned: not public unicast
         *                   addresses (loopback, private, documentation…, {@code EgressPolicy}), or named by a
         *                   reporter that is not in {@code reporting-receivers.txt} (nor vouched for by the operator)
         */
        record Applied(String source, String org, String reportId, boolean verified, String verifiedBy, long messages,
                       Map<RowClass, Long> byClass, List<String> learned, List<String> notLearned, List<String> deviations)
                implements Outcome {}

        record Duplicate(String source, String org, String reportId) implements Outcome {}

        record SetAside(String source, String reason) implements Outcome {}

        /** A message with no report attachment (mailbox: left where it is; it may be a bounce). */
        record NoReport(String source) implements Outcome {}
    }

    private final Journal journal;
    private final Config config;
    private final ReportAuthenticator.Signatures signatures;
    private final Unpacker.Limits limits;

    public DmarcImport(Journal journal, Config config, ReportAuthenticator.Signatures signatures, Unpacker.Limits limits) {
        this.journal = journal;
        this.config = config;
        this.signatures = signatures;
        this.limits = limits;
    }

    /**
     * A file or mailbox message: a report message (.eml, its DKIM signature checked) or a bare
     * attachment (.xml, .xml.gz, .zip), which is verified only when {@code operatorVouches}.
     */
    public List<Outcome> apply(String source, byte[] bytes, boolean operatorVouches) {
        if (!ReportMail.looksLikeMessage(bytes)) return List.of(attachment(source, bytes, List.of(), operatorVouches));
        List<ReportMail.Attachment> attachments;
        try {
            attachments = ReportMail.attachments(bytes, limits.maxCompressed());
        } catch (MessagingException | IOException | RuntimeException e) {
            return List.of(setAside(source, bytes, "an unreadable message: " + e.getMessage()));
        }
        if (attachments.isEmpty()) return List.of(new Outcome.NoReport(source));
        List<String> signer = signatures.verified(bytes).stream().map(ReportAuthenticator.Signature::domain).toList();
        List<Outcome> out = new ArrayList<>();
        for (ReportMail.Attachment a : attachments) {
            String where = source + " (" + a.name() + ")";
            if (a.bytes() == null) out.add(setAside(where, (where + bytes.length).getBytes(StandardCharsets.UTF_8),
                    "the attachment is over the " + limits.maxCompressed() + "-byte limit"));
            else out.add(attachment(where, a.bytes(), signer, operatorVouches));
        }
        return out;
    }

    private Outcome attachment(String source, byte[] bytes, List<String> signer, boolean operatorVouches) {
        Unpacker.Result u = Unpacker.unpack(bytes, limits);
        if (u instanceof Unpacker.Result.Refused r) return setAside(source, bytes, r.reason());
        ParseOutcome p = ReportParser.parse(((Unpacker.Result.Xml) u).xml());
        if (p instanceof ParseOutcome.SetAside s) return setAside(source, bytes, s.reason());
        return apply(source, (ParseOutcome.Parsed) p, signer, operatorVouches);
    }

    private Outcome apply(String source, ParseOutcome.Parsed parsed, List<String> signer, boolean operatorVouches) {
        AggregateReport r = parsed.report();
        String org = r.org().strip().toLowerCase(Locale.ROOT);
        if (journal.dmarcReports().has(org, r.reportId())) return new Outcome.Duplicate(source, org, r.reportId());
        Optional<String> by = Reporters.speaksFor(signer, r);
        Provenance provenance = by.isPresent() ? new Provenance.DmarcReport(r.org(), r.reportId())
                : operatorVouches ? new Provenance.Operator("dmarc import --trusted") : null;
        String verifiedBy = by.map(d -> "dkim d=" + d).orElse(operatorVouches ? "operator (dmarc import --trusted)" : null);
        Set<String> learnedBefore = new LinkedHashSet<>();
        for (EgressIp e : journal.downstream().egressIps()) learnedBefore.add(e.ip());
        OurMail us = OurMail.of(config, learnedBefore);

        List<DmarcReports.Row> rows = new ArrayList<>();
        Map<RowClass, Long> byClass = new EnumMap<>(RowClass.class);
        Map<String, Long> newEgress = new java.util.LinkedHashMap<>();
        for (AggregateReport.Row row : r.rows()) {
            RowClass c = Classifier.classify(row, us);
            byClass.merge(c, row.count(), Long::sum);
            if (c == RowClass.NEW_EGRESS) newEgress.merge(row.sourceIp(), row.count(), Long::sum);
            rows.add(new DmarcReports.Row(row.sourceIp(), row.count(), row.disposition(), row.dkim(), row.spf(), row.headerFrom(),
                    row.envelopeFrom(), RowJson.write(row.dkimResults()), RowJson.write(row.spfResults()), c.json()));
        }
        DmarcReports.Report stored = new DmarcReports.Report(org, r.reportId(), r.email(), r.begin(), r.end(), r.policy().domain(),
                RowJson.write(r.policy()), r.schema(), provenance != null, verifiedBy, source, null,
                parsed.deviations().isEmpty() ? null : String.join("; ", parsed.deviations()), rows);
        List<String> learned = new ArrayList<>();
        List<String> notLearned = new ArrayList<>();
        boolean added = journal.atomically(() -> {
            if (!journal.dmarcReports().add(stored)) return false;
            if (provenance == null) return true; // unverified: kept, changes nothing
            // anyone owning a domain can sign a report of its own: only a receiver listguard knows, or the operator, teaches an egress
            boolean teaches = operatorVouches || ReportingReceivers.ALL.stream().anyMatch(rr -> ReportingReceivers.sentBy(rr, r.email()));
            newEgress.forEach((ip, n) -> {
                if (!teaches || !EgressPolicy.routable(ip)) { // listed, never learned
                    notLearned.add(ip);
                    return;
                }
                String detail = provenance.describe() + ": " + n + " message(s) of ours with our DKIM (d=" + us.dkimDomain() + ", s="
                        + us.dkimSelector() + ") and SPF passing from this IP, " + r.begin() + " to " + r.end();
                if (journal.downstream().learnEgress(ip, "dmarc", detail, null)) learned.add(ip);
            });
            return true;
        });
        if (!added) return new Outcome.Duplicate(source, org, r.reportId());
        return new Outcome.Applied(source, org, r.reportId(), provenance != null, verifiedBy, r.messages(), byClass, learned, notLearned,
                parsed.deviations());
    }

    private Outcome setAside(String source, byte[] bytes, String reason) {
        journal.dmarcReports().setAside(sha256(bytes), source, reason);
        return new Outcome.SetAside(source, reason);
    }

    static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
