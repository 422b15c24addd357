package org.listguard.feedback;

import java.util.regex.Pattern;

/** Just enough HTML-to-text for bounce notices that come only as HTML (Office 365, Zoho). */
final class Html {
    private static final Pattern DROP = Pattern.compile("(?is)<(script|style|head)[^>]*>.*?</\\1>");
    private static final Pattern BREAK = Pattern.compile("(?i)<\\s*(br|/p|/div|/tr|/li|/h[1-6]|p|div|tr)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private Html() {}

    static String strip(String html) {
        String t = DROP.matcher(html).replaceAll(" ");
        t = BREAK.matcher(t).replaceAll("\n");
        t = TAG.matcher(t).replaceAll(" ");
        return t.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
