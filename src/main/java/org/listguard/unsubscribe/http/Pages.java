package org.listguard.unsubscribe.http;

/** The endpoint's small pages: plain, no scripts, no external resources. */
final class Pages {
    private Pages() {}

    record Page(String contentType, String body) {}

    static Page text(String s) {
        return new Page("text/plain; charset=utf-8", s);
    }

    static Page plain(String message) {
        return html("Unsubscribe", "<p>" + esc(message) + "</p>");
    }

    /** The GET page: names the (partly masked) address, and a button that POSTs the one-click body to the same URL. */
    static Page confirm(String action, String email) {
        return html("Unsubscribe", "<p>Stop sending this list to <strong>" + esc(mask(email)) + "</strong>?</p>\n"
                + "<form method=\"post\" action=\"" + esc(action) + "\">\n"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
                + "<button type=\"submit\">Unsubscribe</button>\n</form>");
    }

    static Page done() {
        return html("Unsubscribed", "<p>You are unsubscribed. You will not receive this list again.</p>");
    }

    private static Page html(String title, String body) {
        return new Page("text/html; charset=utf-8", "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + esc(title) + "</title></head>\n<body>\n"
                + body + "\n</body></html>\n");
    }

    /** {@code a***@example.org}: enough for the member to recognise, little for a passer-by. */
    static String mask(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0) return "***";
        return email.charAt(0) + "***" + email.substring(at);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
