package org.listguard.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Address;

/** The strict YAML binder for config and for the data files of the same style (zone catalog, reply rules). */
public final class ConfigMapper {
    /**
     * The deserialization attribute holding the directory relative paths are resolved against: the
     * config file's own (issue 20: one rule for every path in the config, wherever the command
     * runs from — systemd and cron start in /).
     */
    public static final String BASE_DIR = "listguard.baseDir";

    private ConfigMapper() {}

    /** {@code value} as a path: absolute as written, relative ones against the context's {@link #BASE_DIR} when it has one. */
    static Path path(DeserializationContext ctxt, String value) {
        Path p = Path.of(value);
        Object base = ctxt == null ? null : ctxt.getAttribute(BASE_DIR);
        return base instanceof Path dir && !p.isAbsolute() ? dir.resolve(p).normalize() : p;
    }

    public static ObjectMapper yaml() {
        YAMLMapper m = YAMLMapper.builder(new YAMLFactory())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        m.registerModule(module());
        return m;
    }

    static SimpleModule module() {
        SimpleModule mod = new SimpleModule("listguard-config");
        mod.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    throw new IllegalArgumentException(p.getText() + " has no unit: write e.g. " + p.getText() + "s");
                }
                return Durations.parse(p.getValueAsString());
            }
        });
        mod.addDeserializer(InetAddress.class, new JsonDeserializer<>() {
            @Override
            public InetAddress deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String s = p.getValueAsString();
                try {
                    return Address.getByAddress(s.trim());
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("'" + s + "' is not an IPv4 or IPv6 address");
                }
            }
        });
        mod.addDeserializer(Path.class, new JsonDeserializer<>() {
            @Override
            public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.currentToken().isScalarValue()) throw new IllegalArgumentException("expected a file path");
                return path(ctxt, p.getValueAsString());
            }
        });
        mod.addDeserializer(Reputation.class, new ReputationDeserializer());
        return mod;
    }

    /** A plain JSON mapper for output and data files in JSON. */
    public static ObjectMapper json() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
    }

    /**
     * {@code reputation:} with {@code zones: default | [name | default | {zone object}]},
     * {@code catalog: FILE} and {@code rdns_generic: FILE}.
     */
    static final class ReputationDeserializer extends JsonDeserializer<Reputation> {
        @Override
        public Reputation deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("expected a mapping with 'zones' and/or 'catalog'");
            List<String> names = null;
            List<ZoneSpec> custom = new ArrayList<>();
            Path catalog = null;
            Path rdnsGeneric = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "zones" -> {
                        names = new ArrayList<>();
                        if (p.currentToken() == JsonToken.VALUE_STRING) {
                            names.add(p.getText());
                        } else if (p.currentToken() == JsonToken.START_ARRAY) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                if (p.currentToken() == JsonToken.VALUE_STRING) names.add(p.getText());
                                else if (p.currentToken() == JsonToken.START_OBJECT) custom.add(ctxt.readValue(p, ZoneSpec.class));
                                else throw new IllegalArgumentException("a zone is a catalog name or a zone object");
                            }
                        } else {
                            throw new IllegalArgumentException("zones is 'default' or a list");
                        }
                    }
                    case "catalog" -> catalog = path(ctxt, p.getValueAsString());
                    case "rdns_generic" -> rdnsGeneric = path(ctxt, p.getValueAsString());
                    default -> throw com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.from(
                            p, Reputation.class, field, List.of("zones", "catalog", "rdns_generic"));
                }
            }
            return new Reputation(names, custom, catalog, rdnsGeneric);
        }
    }
}
