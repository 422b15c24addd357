package org.listguard.config;

/** @param url JDBC URL: {@code jdbc:sqlite:FILE} (default) or {@code jdbc:postgresql://…} */
public record JournalSettings(String url) {
    public static final JournalSettings DEFAULT = new JournalSettings(Defaults.JOURNAL_URL);

    public JournalSettings {
        url = url == null ? Defaults.JOURNAL_URL : url;
    }
}
