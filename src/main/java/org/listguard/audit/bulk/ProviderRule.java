package org.listguard.audit.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.listguard.config.ConfigMapper;

/**
 * One provider rule the bulk-sender section checks (resource {@code bulk-sender.yaml}, each entry
 * citing the provider's page; shared DELIVERABILITY.md §6).
 *
 * @param requirement what is checked: auth, dmarc, fcrdns, tls, one-click, endpoint, complaints-limit, complaints-aim, volume
 * @param rule        the provider rule's id, e.g. {@code gmail-bulk}
 */
public record ProviderRule(String requirement, String rule, String text, String url) {
    static final String RESOURCE = "/org/listguard/audit/bulk-sender.yaml";

    /** The bundled rules, in file order. */
    public static List<ProviderRule> bundled() {
        try (InputStream in = ProviderRule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            JsonNode root = ConfigMapper.yaml().readTree(in);
            List<ProviderRule> out = new ArrayList<>();
            for (JsonNode n : root.get("rules")) {
                out.add(new ProviderRule(n.get("requirement").asText(), n.get("rule").asText(), n.get("text").asText(), n.get("url").asText()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
