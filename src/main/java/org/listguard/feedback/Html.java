package org.listguard.feedback;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Just enough HTML-to-text for bounce notices that come only as HTML (Office 365, Zoho). One pass
 * over the input (no backtracking pattern), so a hostile page costs time linear in its length.
 */
final class Html {
    private static final Pattern BREAK = Pattern.compile("(?i)<\\s*+(?:br|/p|/div|/tr|/li|/h[1-6]|p|div|tr)\\b[^>]*+>");
    private static final Pattern TAG = Pattern.compile("<[^>]*+>");

    private Html() {}

    static String strip(String html) {
        String t = dropElements(html);
        t = BREAK.matcher(t).replaceAll("\n");
        t = TAG.matcher(t).replaceAll(" ");
        return t.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /** Removes script, style and head elements with their content; an unclosed one runs to the end. */
    static String dropElements(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        if (lower.length() != html.length()) return html; // a case mapping changed lengths: leave it as it is
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            int lt = lower.indexOf('<', i);
            if (lt < 0) {
                out.append(html, i, html.length());
                break;
            }
            String name = lower.startsWith("<script", lt) ? "script" : lower.startsWith("<style", lt) ? "style"
                    : lower.startsWith("<head", lt) && !lower.startsWith("<header", lt) ? "head" : null;
            if (name == null) {
                out.append(html, i, lt + 1);
                i = lt + 1;
                continue;
            }
            out.append(html, i, lt).append(' ');
            int close = lower.indexOf("</" + name, lt);
            if (close < 0) break;
            int gt = lower.indexOf('>', close);
            i = gt < 0 ? html.length() : gt + 1;
        }
        return out.toString();
    }
}
