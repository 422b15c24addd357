package org.listguard.dmarc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.listguard.config.ConfigMapper;

/** The auth results of a row and the published policy as the journal keeps them (JSON text). */
public final class RowJson {
    private static final ObjectMapper JSON = ConfigMapper.json();

    private RowJson() {}

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    public static List<AggregateReport.DkimResult> dkim(String json) {
        return read(json, new TypeReference<List<AggregateReport.DkimResult>>() {});
    }

    public static List<AggregateReport.SpfResult> spf(String json) {
        return read(json, new TypeReference<List<AggregateReport.SpfResult>>() {});
    }

    public static Map<String, Object> map(String json) {
        return json == null ? Map.of() : read(json, new TypeReference<Map<String, Object>>() {});
    }

    private static <T> T read(String json, TypeReference<T> type) {
        if (json == null) return null;
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the journal holds unreadable JSON: " + json, e);
        }
    }
}
