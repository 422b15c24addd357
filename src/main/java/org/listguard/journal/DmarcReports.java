package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DMARC aggregate reports as receivers sent them (issue 24, schema V8): each report once per
 * (org, report id), its rows with listguard's class, and the files set aside. Shares the
 * journal's connection and monitor; {@link #add} is one transaction of its own, or part of the
 * caller's {@link Journal#atomically} (with the egress IPs it taught).
 */
public final class DmarcReports {
    /** One stored report; {@code org} lower case. */
    public record Report(String org, String reportId, String email, Instant begin, Instant end, String domain, String policyJson,
                         String schema, boolean verified, String verifiedBy, String source, Instant receivedAt, String deviations,
                         List<Row> rows) {
        public Report {
            rows = List.copyOf(rows);
        }
    }

    /** One record of a report; the auth results as JSON arrays; {@code rowClass} as in the table's CHECK. */
    public record Row(String sourceIp, long count, String disposition, String dkim, String spf, String headerFrom, String envelopeFrom,
                      String dkimResultsJson, String spfResultsJson, String rowClass) {}

    public record SetAside(String contentKey, String source, String reason, Instant at) {}

    private final Journal journal;
    private final Connection conn;
    private final Clock clock;

    DmarcReports(Journal journal, Connection conn, Clock clock) {
        this.journal = journal;
        this.conn = conn;
        this.clock = clock;
    }

    /** Whether this report was applied already. */
    public boolean has(String org, String reportId) {
        synchronized (journal) {
            return journal.sql("look up a DMARC report", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM dmarc_reports WHERE org = ? AND report_id = ?")) {
                    ps.setString(1, org);
                    ps.setString(2, reportId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
        }
    }

    /** Keeps the report and its rows; false (and nothing written) when it was kept before. Call inside {@link Journal#atomically}. */
    public boolean add(Report r) {
        synchronized (journal) {
            return journal.sql("keep a DMARC report", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO dmarc_reports (org, report_id, email, begin_at, end_at, domain, "
                        + "policy, schema_ver, verified, verified_by, source, received_at, deviations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (org, report_id) DO NOTHING")) {
                    ps.setString(1, r.org());
                    ps.setString(2, r.reportId());
                    Sql.text(ps, 3, r.email());
                    ps.setString(4, Timestamps.format(r.begin()));
                    ps.setString(5, Timestamps.format(r.end()));
                    Sql.text(ps, 6, r.domain());
                    Sql.text(ps, 7, r.policyJson());
                    ps.setString(8, r.schema());
                    ps.setInt(9, r.verified() ? 1 : 0);
                    Sql.text(ps, 10, r.verifiedBy());
                    ps.setString(11, r.source());
                    ps.setString(12, Timestamps.format(clock.instant()));
                    Sql.text(ps, 13, r.deviations());
                    if (ps.executeUpdate() != 1) return false;
                }
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO dmarc_rows (org, report_id, idx, source_ip, msg_count, disposition, "
                        + "dkim, spf, header_from, envelope_from, dkim_results, spf_results, row_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int idx = 0;
                    for (Row row : r.rows()) {
                        ps.setString(1, r.org());
                        ps.setString(2, r.reportId());
                        ps.setInt(3, ++idx);
                        ps.setString(4, row.sourceIp());
                        ps.setLong(5, row.count());
                        Sql.text(ps, 6, row.disposition());
                        Sql.text(ps, 7, row.dkim());
                        Sql.text(ps, 8, row.spf());
                        Sql.text(ps, 9, row.headerFrom());
                        Sql.text(ps, 10, row.envelopeFrom());
                        Sql.text(ps, 11, row.dkimResultsJson());
                        Sql.text(ps, 12, row.spfResultsJson());
                        ps.setString(13, row.rowClass());
                        ps.addBatch();
                    }
                    if (idx > 0) ps.executeBatch();
                }
                return true;
            });
        }
    }

    /** Reports whose date range ends at or after {@code since}, with their rows, newest first. */
    public List<Report> endingSince(Instant since) {
        synchronized (journal) {
            return journal.sql("read DMARC reports", () -> {
                Map<String, Report> reports = new LinkedHashMap<>();
                Map<String, List<Row>> rows = new LinkedHashMap<>();
                String s = Timestamps.format(since);
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM dmarc_reports WHERE end_at >= ? ORDER BY end_at DESC, org, report_id")) {
                    ps.setString(1, s);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String k = rs.getString("org") + "\n" + rs.getString("report_id");
                            reports.put(k, report(rs, List.of()));
                            rows.put(k, new ArrayList<>());
                        }
                    }
                }
                try (PreparedStatement ps = conn.prepareStatement("SELECT w.* FROM dmarc_rows w JOIN dmarc_reports r ON r.org = w.org "
                        + "AND r.report_id = w.report_id WHERE r.end_at >= ? ORDER BY w.org, w.report_id, w.idx")) {
                    ps.setString(1, s);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            List<Row> list = rows.get(rs.getString("org") + "\n" + rs.getString("report_id"));
                            if (list != null) list.add(row(rs));
                        }
                    }
                }
                List<Report> out = new ArrayList<>();
                reports.forEach((k, r) -> out.add(new Report(r.org(), r.reportId(), r.email(), r.begin(), r.end(), r.domain(), r.policyJson(),
                        r.schema(), r.verified(), r.verifiedBy(), r.source(), r.receivedAt(), r.deviations(), rows.get(k))));
                return out;
            });
        }
    }

    /** Keeps a file or message that was not used; false when this content was set aside before. */
    public boolean setAside(String contentKey, String source, String reason) {
        synchronized (journal) {
            return journal.sql("set a DMARC report aside", () -> {
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO dmarc_set_aside (content_key, source, reason, at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (content_key) DO NOTHING")) {
                    ps.setString(1, contentKey);
                    ps.setString(2, source);
                    ps.setString(3, reason);
                    ps.setString(4, Timestamps.format(clock.instant()));
                    return ps.executeUpdate() == 1;
                }
            });
        }
    }

    /** What was set aside since {@code since}, oldest first. */
    public List<SetAside> setAsideSince(Instant since) {
        synchronized (journal) {
            return journal.sql("read set-aside DMARC reports", () -> {
                List<SetAside> out = new ArrayList<>();
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM dmarc_set_aside WHERE at >= ? ORDER BY at, content_key")) {
                    ps.setString(1, Timestamps.format(since));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new SetAside(rs.getString("content_key"), rs.getString("source"), rs.getString("reason"),
                                    Timestamps.parse(rs.getString("at"))));
                        }
                    }
                }
                return out;
            });
        }
    }

    private static Report report(ResultSet rs, List<Row> rows) throws SQLException {
        return new Report(rs.getString("org"), rs.getString("report_id"), rs.getString("email"), Timestamps.parse(rs.getString("begin_at")),
                Timestamps.parse(rs.getString("end_at")), rs.getString("domain"), rs.getString("policy"), rs.getString("schema_ver"),
                rs.getInt("verified") != 0, rs.getString("verified_by"), rs.getString("source"), Timestamps.parse(rs.getString("received_at")),
                rs.getString("deviations"), rows);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("source_ip"), rs.getLong("msg_count"), rs.getString("disposition"), rs.getString("dkim"), rs.getString("spf"),
                rs.getString("header_from"), rs.getString("envelope_from"), rs.getString("dkim_results"), rs.getString("spf_results"),
                rs.getString("row_class"));
    }
}
