package org.listguard.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** JDBC helpers for the nullable columns (portable between SQLite and PostgreSQL). */
final class Sql {
    private Sql() {}

    static void text(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) ps.setNull(i, Types.VARCHAR);
        else ps.setString(i, v);
    }

    /** 0 is stored as NULL (no reply code). */
    static void code(PreparedStatement ps, int i, int v) throws SQLException {
        if (v == 0) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    static long longOr0(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? 0 : v;
    }
}
