package org.listguard.compose;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.listguard.InputException;
import org.listguard.config.Config;
import org.listguard.config.ConfigException;
import org.listguard.list.Recipient;
import org.listguard.list.TextRules;

/**
 * The guard against header injection (RFC 5322 §2.2: a header field ends at CRLF). Any text that
 * comes from the list and reaches a header (the To address and display name, the subject) must
 * not contain a control character: C0 (CR, LF, TAB, NUL…), DEL, C1, or the Unicode line and
 * paragraph separators; nor a bidirectional text control (U+202E…, {@link TextRules}), which makes a
 * name or subject display as something else. Such a value is refused, not cleaned: the row is a data error the list
 * owner should see, and silently dropping characters from a name would hide it. The refusal is an
 * {@link InputException} naming the list file, the row's line and the column; no header is written.
 */
final class HeaderText {
    private HeaderText() {}

    static boolean isControl(int c) {
        return TextRules.isControl(c) || TextRules.isBidiControl(c);
    }

    static int firstControl(String s) {
        return TextRules.firstRefused(s);
    }

    /** Refuses a list value bound for a header. */
    static void requireClean(Path listFile, Recipient r, String column, String value) {
        if (value == null) return;
        int i = firstControl(value);
        if (i >= 0) throw refused(listFile, r, column, value.charAt(i));
    }

    /**
     * Refuses a rendered header value (the subject) that contains a control character, naming the
     * first column of the row whose value holds one (the template itself is checked at load).
     */
    static void requireCleanRendered(Path listFile, Recipient r, String header, String rendered) {
        int i = firstControl(rendered);
        if (i < 0) return;
        for (Map.Entry<String, String> e : new TreeMap<>(r.fields()).entrySet()) {
            requireClean(listFile, r, e.getKey(), e.getValue());
        }
        throw new InputException(String.valueOf(listFile), (int) r.line(), null,
                "the " + header + " of this row would contain control character " + describe(rendered.charAt(i)));
    }

    /** Refuses a configuration value bound for a header. */
    static void requireCleanConfig(Config config, String key, String value) {
        if (value == null) return;
        int i = firstControl(value);
        if (i < 0) return;
        throw configError(config, key, "contains control character " + describe(value.charAt(i)) + " (header injection)");
    }

    static ConfigException configError(Config config, String key, String problem) {
        return config.source() == null ? new ConfigException("<config>", 0, key, problem) : config.source().error(key, problem);
    }

    private static InputException refused(Path listFile, Recipient r, String column, char c) {
        return new InputException(String.valueOf(listFile), (int) r.line(), column,
                "contains control character " + describe(c) + "; it would end up in a mail header (header injection), "
                        + "so this row cannot be sent: fix the value in the list");
    }

    static String describe(char c) {
        return TextRules.describe(c);
    }
}
