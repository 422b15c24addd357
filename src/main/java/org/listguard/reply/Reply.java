package org.listguard.reply;

import java.util.List;

/**
 * An SMTP reply to classify, from a live session or from a bounce's diagnostic.
 *
 * @param stage    where it came (UNKNOWN for bounces that do not say)
 * @param code     the three-digit reply code, 0 when unknown
 * @param enhanced the RFC 3463 enhanced status code ("5.7.1"), or null
 * @param text     the full reply text (all lines joined by a space)
 * @param host     the host that replied (the relay, or the receiver named in a bounce), or null
 * @param fromRelay true when the relay itself replied (not a downstream receiver relayed synchronously)
 * @param hints    other host or domain names that tell whose reply this is, when it came in a bounce:
 *                 the DSN's {@code Reporting-MTA}, the domain of the notice's sender, the recipient's
 *                 domain (Sisimai's Data.pm falls back to the recipient's domain the same way). Only
 *                 a rule gated on a provider's hosts ({@link ReplyRule#hosts}) reads them: a provider's
 *                 own code means something only from that provider.
 */
public record Reply(Stage stage, int code, String enhanced, String text, String host, boolean fromRelay, List<String> hints) {
    public Reply {
        text = text == null ? "" : text;
        stage = stage == null ? Stage.UNKNOWN : stage;
        // a live session's reply has none: no stream built per recipient on the send path
        hints = hints == null || hints.isEmpty() ? List.of() : hints.stream().filter(h -> h != null && !h.isBlank()).toList();
    }

    /** A reply with no hints beyond its host (a live session's reply). */
    public Reply(Stage stage, int code, String enhanced, String text, String host, boolean fromRelay) {
        this(stage, code, enhanced, text, host, fromRelay, List.of());
    }

    /** Whether the host or a hint is {@code domain} or a name under it (case-insensitive, a trailing dot ignored). */
    public boolean from(String domain) {
        if (under(host, domain)) return true;
        for (String h : hints) if (under(h, domain)) return true;
        return false;
    }

    private static boolean under(String name, String domain) {
        if (name == null) return false;
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        return n.equals(domain) || n.endsWith("." + domain);
    }
}
