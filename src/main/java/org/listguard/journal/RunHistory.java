package org.listguard.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-only views over past runs for {@code listguard runs} and the run reports: the runs with
 * their main counts, and the bounces (DSNs, complaints) journaled against one run with the time
 * the recipient's message was accepted, so a report can show how long each DSN took to arrive.
 * Every method runs under the {@link Journal}'s monitor (one connection).
 */
public final class RunHistory {
    /** One run in a list: its record and its counts in status's shape (the same {@link RunCounts} query). */
    public record Summary(Run run, RunStatus status) {}

    /**
     * A bounce or complaint journaled against a recipient of the run.
     *
     * @param sentAt when the relay accepted the message the report is about ({@link RelayAcceptance}), or null when not known
     * @param messageId the Message-ID of the message the report is about: the one it quotes (schema 13), else the row's
     * @param at     when listguard processed the report (UTC)
     */
    public record Dsn(long seq, String address, Instant at, String kind, String action, String reason, String enhancedCode,
                      int replyCode, String diagnostic, String remoteHost, Instant sentAt, String messageId) {}

    private final Journal journal;
    private final Connection conn;

    RunHistory(Journal journal, Connection conn) {
        this.journal = journal;
        this.conn = conn;
    }

    /** Runs newest first, of one campaign when given, at most {@code limit}: two statements, whatever the number of runs. */
    public List<Summary> runs(Optional<String> campaign, int limit) {
        synchronized (journal) {
            return journal.sql("list runs", () -> {
                List<Run> runs = new ArrayList<>();
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM runs " + (campaign.isPresent() ? "WHERE campaign = ? " : "")
                        + "ORDER BY started_at DESC, id DESC LIMIT " + Math.max(1, limit))) {
                    if (campaign.isPresent()) ps.setString(1, campaign.get());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) runs.add(Runs.read(rs));
                    }
                }
                List<RunStatus> counts = RunCounts.of(conn, runs);
                List<Summary> out = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) out.add(new Summary(runs.get(i), counts.get(i)));
                return out;
            });
        }
    }

    /** The bounces and complaints journaled against the run, in the order they were processed. */
    public List<Dsn> dsns(String run) {
        synchronized (journal) {
            return journal.sql("read the run's bounces", () -> {
                // the member-side reports (bounces) and the receivers' refusals of the relay (downstream_verdicts): both are DSNs
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM ("
                        + "SELECT b.seq, b.address, b.at, b.kind, b.action, b.reason, b.enhanced_code, b.reply_code, b.diagnostic, b.remote_host, "
                        + "b.accepted_at, b.about_message_id, c.updated_at AS latest_at, c.message_id AS message_id "
                        + "FROM bounces b LEFT JOIN recipients c ON c.run_id = b.run_id AND c.seq = b.seq WHERE b.run_id = ? "
                        + "UNION ALL SELECT d.seq, c.email AS address, d.at, 'dsn' AS kind, d.action, d.reason, d.enhanced_code, d.reply_code, "
                        + "d.diagnostic, d.remote_mta AS remote_host, d.accepted_at, d.about_message_id, c.updated_at AS latest_at, c.message_id AS message_id "
                        + "FROM downstream_verdicts d LEFT JOIN recipients c ON c.run_id = d.run_id AND c.seq = d.seq WHERE d.run_id = ?"
                        + ") x ORDER BY at, seq")) {
                    ps.setString(1, run);
                    ps.setString(2, run);
                    List<Dsn> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Instant at = Timestamps.parse(rs.getString("at"));
                            String about = rs.getString("about_message_id"), latest = rs.getString("message_id");
                            // a report about an earlier attempt than the row's latest (schema 13): its own message, and
                            // the acceptance journaled with it or none, never the re-send's (the fallback reads the row)
                            boolean ofLatest = RelayAcceptance.aboutLatest(about, latest);
                            Instant journaled = Timestamps.parse(rs.getString("accepted_at"));
                            out.add(new Dsn(rs.getLong("seq"), rs.getString("address"), at,
                                    rs.getString("kind"), rs.getString("action"), rs.getString("reason"), rs.getString("enhanced_code"),
                                    rs.getInt("reply_code"), rs.getString("diagnostic"), rs.getString("remote_host"),
                                    ofLatest ? RelayAcceptance.of(journaled, Timestamps.parse(rs.getString("latest_at")), at) : journaled,
                                    about != null ? about : latest));
                        }
                    }
                    return out;
                }
            });
        }
    }

    /** Resolves {@code latest} (the most recently started run) or a run id. */
    public Optional<Run> find(String idOrLatest) {
        return "latest".equalsIgnoreCase(idOrLatest) ? journal.runs().latest() : journal.runs().get(idOrLatest);
    }
}
