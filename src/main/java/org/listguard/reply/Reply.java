package org.listguard.reply;

/**
 * An SMTP reply to classify, from a live session or from a bounce's diagnostic.
 *
 * @param stage    where it came (UNKNOWN for bounces that do not say)
 * @param code     the three-digit reply code, 0 when unknown
 * @param enhanced the RFC 3463 enhanced status code ("5.7.1"), or null
 * @param text     the full reply text (all lines joined by a space)
 * @param host     the host that replied (the relay, or the receiver named in a bounce), or null
 * @param fromRelay true when the relay itself replied (not a downstream receiver relayed synchronously)
 */
public record Reply(Stage stage, int code, String enhanced, String text, String host, boolean fromRelay) {
    public Reply {
        text = text == null ? "" : text;
        stage = stage == null ? Stage.UNKNOWN : stage;
    }
}
