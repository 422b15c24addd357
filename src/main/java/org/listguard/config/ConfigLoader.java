package org.listguard.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Loads a YAML config into {@link Config}. Every problem is a {@link ConfigException} naming the
 * file, the line and the key: YAML syntax, unknown keys (with the keys that are allowed), wrong
 * types, missing required fields and bad values (see {@link ConfigValidator}).
 */
public final class ConfigLoader {
    private final ObjectMapper mapper = ConfigMapper.yaml();

    public Config load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), 0, null, "config file not found (give one with -c FILE)");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, null, "cannot read config: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    public Config parse(Path file, String text) {
        String name = file.toString();
        Map<String, Integer> lines = lineIndex(name, text);
        ConfigSource source = new ConfigSource(file, lines);
        Config raw;
        try {
            raw = mapper.readerFor(Config.class).withAttribute(ConfigMapper.BASE_DIR, baseDir(file)).readValue(text);
        } catch (JsonProcessingException e) {
            ConfigException ce = translate(name, e);
            // Records are bound through their constructors, so Jackson's position can be past the
            // key: prefer the line index, which knows where each key was written.
            int line = ce.field() == null ? 0 : source.lineOf(ce.field());
            throw line > 0 ? new ConfigException(name, line, ce.field(), ce.problem(), e) : ce;
        }
        if (raw == null) throw new ConfigException(name, 0, null, "the config file is empty");
        raw = raw.withJournal(new JournalSettings(sqliteRelativeTo(baseDir(file), raw.journal().url())));
        return new ConfigValidator(source).validate(raw.withSource(source));
    }

    /** The directory every relative path of the config is resolved against: the config file's own. */
    public static Path baseDir(Path configFile) {
        Path parent = configFile.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** {@code jdbc:sqlite:FILE} with a relative FILE made absolute against {@code dir} (the same rule as every path); other URLs as they are. */
    static String sqliteRelativeTo(Path dir, String url) {
        String prefix = "jdbc:sqlite:";
        if (url == null || !url.startsWith(prefix)) return url;
        String rest = url.substring(prefix.length());
        if (rest.startsWith("file:") || rest.startsWith(":memory:") || rest.isEmpty()) return url;
        int q = rest.indexOf('?');
        String file = q < 0 ? rest : rest.substring(0, q);
        if (Path.of(file).isAbsolute()) return url;
        return prefix + dir.resolve(file).normalize() + (q < 0 ? "" : rest.substring(q));
    }

    /** Dotted key path → line, from a streaming pass over the YAML (the bound records keep no positions). */
    public static Map<String, Integer> lineIndex(String name, String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = ConfigMapper.yaml().getFactory().createParser(text)) {
            Deque<int[]> arrayIdx = new ArrayDeque<>();
            Deque<String> path = new ArrayDeque<>();
            JsonToken t;
            String pendingField = null;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> {
                        pendingField = p.currentName();
                        lines.put(join(path, pendingField), p.currentTokenLocation().getLineNr());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String seg = segment(p, pendingField, arrayIdx);
                        path.push(seg);
                        if (!seg.isEmpty()) lines.putIfAbsent(join(path, null), p.currentTokenLocation().getLineNr());
                        arrayIdx.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
                        pendingField = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pop();
                        arrayIdx.pop();
                        advance(arrayIdx);
                    }
                    default -> {
                        if (pendingField == null && !arrayIdx.isEmpty() && arrayIdx.peek()[0] >= 0) {
                            lines.put(join(path, null) + "[" + arrayIdx.peek()[0] + "]", p.currentTokenLocation().getLineNr());
                            advance(arrayIdx);
                        }
                        pendingField = null;
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw translate(name, e);
        } catch (IOException e) {
            throw new ConfigException(name, 0, null, "cannot read config: " + e.getMessage(), e);
        }
        return lines;
    }

    private static String segment(JsonParser p, String pendingField, Deque<int[]> arrayIdx) {
        if (pendingField != null) return pendingField;
        if (!arrayIdx.isEmpty() && arrayIdx.peek()[0] >= 0) return "[" + arrayIdx.peek()[0] + "]";
        return "";
    }

    private static void advance(Deque<int[]> arrayIdx) {
        // an element of an array just ended: the next sibling gets the next index
        if (!arrayIdx.isEmpty() && arrayIdx.peek()[0] >= 0) arrayIdx.peek()[0]++;
    }

    private static String join(Deque<String> path, String last) {
        StringBuilder sb = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) append(sb, it.next());
        if (last != null) append(sb, last);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String seg) {
        if (seg.isEmpty()) return;
        if (seg.startsWith("[") || sb.length() == 0) sb.append(seg);
        else sb.append('.').append(seg);
    }

    static ConfigException translate(String file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        String key = e instanceof JsonMappingException jm ? keyOf(jm) : null;
        if (e instanceof UnrecognizedPropertyException u && key != null && !key.endsWith(u.getPropertyName())) {
            key = key.isEmpty() ? u.getPropertyName() : key + "." + u.getPropertyName();
        }
        String problem;
        Throwable syntax = e;
        while (syntax != null && !(syntax instanceof org.yaml.snakeyaml.error.MarkedYAMLException)) syntax = syntax.getCause();
        if (syntax instanceof org.yaml.snakeyaml.error.MarkedYAMLException y) {
            org.yaml.snakeyaml.error.Mark at = y.getProblemMark();
            org.yaml.snakeyaml.error.Mark ctx = y.getContextMark();
            if (at != null) line = at.getLine() + 1;
            return new ConfigException(file, line, null, "YAML syntax" + (at == null ? "" : ", column " + (at.getColumn() + 1)) + ": "
                    + yamlProblem(y.getProblem()) + (ctx == null || at == null || ctx.getLine() == at.getLine() ? ""
                            : " (in the block that starts on line " + (ctx.getLine() + 1) + ")"), e);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).collect(Collectors.toCollection(TreeSet::new)).stream()
                    .collect(Collectors.joining(", "));
            problem = "unknown key '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : " (allowed here: " + known + ")");
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            if (root instanceof IllegalArgumentException || root instanceof IllegalStateException) {
                problem = root.getMessage();
            } else {
                problem = e.getOriginalMessage();
                int cut = problem.indexOf(" (for ");
                if (cut < 0) cut = problem.indexOf("\n at [");
                if (cut > 0) problem = problem.substring(0, cut);
                problem = problem.replaceAll("`[a-z.]+\\.([A-Za-z]+)`", "$1").replace("Cannot deserialize value of type ", "expected ");
            }
        }
        return new ConfigException(file, line, key, problem, e);
    }

    /** SnakeYAML's problem in plain words, with what to check; an unknown one as it is, without angle brackets. */
    static String yamlProblem(String p) {
        if (p == null) return "the file is not valid YAML";
        if (p.contains("expected <block end>, but found")) {
            return "this line is indented differently from the keys before it: keys of one block start in the same column "
                    + "(indent with spaces, the same number for every key of a block)";
        }
        if (p.contains("mapping values are not allowed here")) {
            return "a ':' where a value was expected: quote a value that contains ': ' (e.g. from: \"News <a@b>\"), or check the indentation";
        }
        if (p.contains("found character '\\t'") || p.contains("found character '\t'")) return "a tab character: YAML indents with spaces only";
        if (p.contains("could not find expected ':'")) return "a key without ':' (every setting is 'key: value')";
        if (p.contains("found duplicate key")) return p.replace("found duplicate key", "the same key twice:");
        return p.replace("<", "").replace(">", "");
    }

    private static String keyOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
