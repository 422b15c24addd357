package org.listguard.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IP a receiver says it judged, and the list it used, read from a refusal's text
 * (DELIVERABILITY.md s5: behind a smart host this is the real egress, often not the host the
 * list server connects to). Forms, most specific first:
 * <ul>
 *   <li>Postfix {@code reject_rbl_client}: {@code Client host [192.0.2.7] blocked using zen.spamhaus.org};</li>
 *   <li>{@code [192.0.2.7] is listed} / {@code 192.0.2.7 is listed on/in/at ZONE};</li>
 *   <li>Microsoft {@code banned sending IP [192.0.2.7]}, Cloudmark {@code ?ip=192.0.2.7}, {@code IP=192.0.2.7};</li>
 *   <li>Yahoo {@code Messages from 192.0.2.7 temporarily deferred} (TSS04/TSS09).</li>
 * </ul>
 */
public final class NamedEgress {
    /** What the text named; {@code zone} is null when it named no list. */
    public record Named(String ip, String zone) {}

    private static final String IP = "((?:\\d{1,3}\\.){3}\\d{1,3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]+)";
    private static final String ZONE = "([a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)+)";
    private static final List<Pattern> FORMS = List.of(
            Pattern.compile("client host \\[" + IP + "\\] blocked using " + ZONE, Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\[?" + IP + "\\]? (?:is|was) (?:currently )?(?:black)?listed (?:on|in|at|by) " + ZONE, Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\[" + IP + "\\] (?:is|was) (?:currently )?(?:black)?listed", Pattern.CASE_INSENSITIVE),
            Pattern.compile("banned sending ip \\[" + IP + "\\]", Pattern.CASE_INSENSITIVE),
            Pattern.compile("[?&]ip=" + IP, Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bIP[=:]\\s*\\[?" + IP, Pattern.CASE_INSENSITIVE),
            Pattern.compile("messages from \\[?" + IP + "\\]? (?:will be|temporarily)", Pattern.CASE_INSENSITIVE));

    private NamedEgress() {}

    /** The IP (and list) the text names, if any. */
    public static Optional<Named> in(String text) {
        if (text == null || text.isEmpty()) return Optional.empty();
        String t = text.length() > 4000 ? text.substring(0, 4000) : text; // bounded: a hostile report may be huge
        for (Pattern p : FORMS) {
            Matcher m = p.matcher(t);
            if (!m.find()) continue;
            String ip = m.group(1);
            if (!plausible(ip)) continue;
            String zone = m.groupCount() >= 2 ? m.group(2).toLowerCase(Locale.ROOT) : null;
            if (zone != null && zone.endsWith(".")) zone = zone.substring(0, zone.length() - 1);
            return Optional.of(new Named(ip, zone));
        }
        return Optional.empty();
    }

    private static boolean plausible(String ip) {
        if (ip.contains(":")) return ip.length() >= 3;
        for (String part : ip.split("\\.")) {
            if (Integer.parseInt(part) > 255) return false;
        }
        return true;
    }
}
