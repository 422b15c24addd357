package org.listguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.listguard.journal.Run;

/**
 * What a paused run's journal says, read back for the {@link Advisor}: the pause evidence (the
 * guard's {@code Evidence} list as JSON; a single object or an unreadable text is taken as one
 * item) and, from the gate's audit, the relay egress IPs and the origin IP.
 */
record PauseFacts(List<Item> items, List<String> relayIps, String originIp) {
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:]*:[0-9a-fA-F.]*");
    private static final Pattern BRACKETED = Pattern.compile("(?i)(?:client host|sending ip|^|\\s)\\[(\\d{1,3}(?:\\.\\d{1,3}){3})\\]");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,3}){3})(?![\\d.])");

    /** One piece of evidence; absent fields are null. */
    record Item(String kind, String text, String at, String relay, String domain, String source, String seed,
                String messageId, String queueId, String code, String enhanced) {

        /** The first public-looking IPv4 address the text names (127/8 answers are list codes, not senders). */
        Optional<String> ip() {
            Matcher named = BRACKETED.matcher(text == null ? "" : text); // "Client host [x]", "[x] is listed": a host, never a list code
            if (named.find()) return Optional.of(named.group(1));
            Matcher m = IPV4.matcher(text == null ? "" : text);
            while (m.find()) if (!m.group(1).startsWith("127.")) return Optional.of(m.group(1));
            return Optional.empty();
        }
    }

    static PauseFacts of(Run run) {
        List<Item> items = new ArrayList<>();
        JsonNode ev = parse(run.pauseEvidence());
        if (ev != null && ev.isArray()) {
            for (JsonNode n : ev) items.add(item(n));
        } else if (ev != null && ev.isObject()) {
            items.add(item(ev));
        } else if (run.pauseEvidence() != null) {
            items.add(new Item(null, org.listguard.reply.MultiLine.join(run.pauseEvidence()), null, null, null, null, null, null, null, null, null));
        }
        Set<String> relayIps = new LinkedHashSet<>();
        String origin = null;
        JsonNode audit = parse(run.audit());
        if (audit != null && audit.has("findings")) {
            for (JsonNode f : audit.get("findings")) {
                String target = f.path("target").asText("");
                // only the IP checks: the relay check's target is host:port
                if (!f.path("check").asText("").matches("dnsbl|reputation|rdns|fcrdns|rdns-generic")) continue;
                if (!IPV4.matcher(target).matches() && !IPV6.matcher(target).matches()) continue;
                String role = f.path("role").asText("");
                if (role.equals("relay")) relayIps.add(target);
                if (role.equals("origin") && origin == null) origin = target;
            }
        }
        return new PauseFacts(items, List.copyOf(relayIps), origin);
    }

    private static Item item(JsonNode n) {
        String text = str(n, "text");
        if (text == null) text = str(n, "reply");
        // a multi-line reply reads as one sentence, for the advice patterns and the quote alike
        text = org.listguard.reply.MultiLine.join(text);
        return new Item(str(n, "kind"), text, str(n, "at"), str(n, "relay"), str(n, "recipient_domain"), str(n, "source"),
                str(n, "seed"), str(n, "message_id"), str(n, "queue_id"), str(n, "reply_code"), str(n, "enhanced_code"));
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) return null;
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
