package org.listguard.feedback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a delivery-status body (RFC 3464 §2.1): one per-message group, then one group
 * per recipient separated by blank lines. Tolerates what real MTAs send: missing blank lines
 * between recipients (a repeated Final-Recipient starts a new group), folded lines, CRLF or LF.
 * Field names are lower-cased; values are unfolded and trimmed.
 */
final class DsnFields {
    final Map<String, String> message = new LinkedHashMap<>();
    final List<Map<String, String>> recipients = new ArrayList<>();

    static DsnFields parse(String body) {
        DsnFields d = new DsnFields();
        Map<String, String> current = null;
        String lastName = null;
        for (String line : body.split("\r?\n")) {
            if (line.isBlank()) {
                if (current != null) d.close(current);
                current = null;
                lastName = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && lastName != null) {
                Map<String, String> target = current != null ? current : d.message;
                target.merge(lastName, line.trim(), (a, b) -> a + " " + b);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).matches("[A-Za-z][A-Za-z0-9-]*")) continue;
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            boolean starts = name.equals("final-recipient") || name.equals("original-recipient");
            if (starts && current != null && current.containsKey(name)) {
                d.close(current);
                current = null;
            }
            if (starts && current == null) current = new LinkedHashMap<>();
            Map<String, String> target = current != null ? current : d.message;
            if (!target.containsKey(name)) target.put(name, value);
            lastName = name;
        }
        if (current != null) d.close(current);
        d.inheritMisplacedFields();
        return d;
    }

    private static final String[] PER_RECIPIENT = {"action", "status", "diagnostic-code", "remote-mta", "last-attempt-date"};

    /** Per-recipient fields some MTAs write before Final-Recipient, in the per-message group (Facebook, Yahoo). */
    private void inheritMisplacedFields() {
        for (Map<String, String> r : recipients) {
            for (String f : PER_RECIPIENT) {
                if (!r.containsKey(f) && message.containsKey(f)) r.put(f, message.get(f));
            }
        }
    }

    private void close(Map<String, String> group) {
        if ((group.containsKey("final-recipient") || group.containsKey("original-recipient"))
                && !recipients.contains(group)) {
            recipients.add(group);
        }
    }

    /** "rfc822; a@b" → "a@b" (the address-type / diagnostic-type prefix dropped). */
    static String value(String typed) {
        if (typed == null) return null;
        int semi = typed.indexOf(';');
        String v = semi >= 0 && typed.substring(0, semi).matches("\\s*[A-Za-z0-9-]+\\s*") ? typed.substring(semi + 1) : typed;
        v = v.trim();
        if (v.startsWith("<") && v.endsWith(">")) v = v.substring(1, v.length() - 1);
        return v.isEmpty() ? null : v;
    }

    /** The type before the ';' ("smtp", "x-unix"), lower-case, or null. */
    static String type(String typed) {
        if (typed == null) return null;
        int semi = typed.indexOf(';');
        return semi > 0 && typed.substring(0, semi).matches("\\s*[A-Za-z0-9-]+\\s*")
                ? typed.substring(0, semi).trim().toLowerCase(Locale.ROOT) : null;
    }
}
