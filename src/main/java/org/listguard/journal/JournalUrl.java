package org.listguard.journal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What a journal JDBC URL names: the two engines listguard supports. */
public final class JournalUrl {
    private JournalUrl() {}

    public static boolean isSqlite(String url) { return url.startsWith("jdbc:sqlite:"); }

    public static boolean isPostgres(String url) { return url.startsWith("jdbc:postgresql:"); }

    /**
     * The database file of a {@code jdbc:sqlite:} URL ({@code jdbc:sqlite:data/x.db},
     * {@code jdbc:sqlite:file:data/x.db?…}); empty for in-memory databases and other engines.
     */
    public static Optional<Path> sqliteFile(String url) {
        if (!isSqlite(url)) return Optional.empty();
        String s = url.substring("jdbc:sqlite:".length());
        int q = s.indexOf('?');
        if (q >= 0) s = s.substring(0, q);
        if (s.startsWith("file:")) s = s.substring("file:".length());
        if (s.isEmpty() || s.toLowerCase(Locale.ROOT).contains(":memory:")) return Optional.empty();
        return Optional.of(Path.of(s));
    }

    /** Throws {@link IllegalArgumentException} naming the supported forms for anything else. */
    static void check(String url) {
        if (!isSqlite(url) && !isPostgres(url)) {
            throw new IllegalArgumentException("unsupported journal URL '" + url
                    + "': use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        }
    }
}
