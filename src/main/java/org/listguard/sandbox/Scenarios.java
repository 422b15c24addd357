package org.listguard.sandbox;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.listguard.InputException;
import org.listguard.config.ConfigMapper;
import org.listguard.sandbox.Scenario.Receiver;
import org.listguard.sandbox.Scenario.RelayRule;
import org.listguard.sandbox.Scenario.Verdict;

/**
 * The scenarios shipped in {@code <world>/scenarios/*.yaml} (the world is {@code config/sandbox/}
 * next to the config). A file with an error is an {@link InputException} naming the file, line and
 * field, like the config.
 */
public final class Scenarios {
    private static final Set<String> COMMANDS = Set.of("connect", "ehlo", "auth", "mail", "rcpt", "data", "end_of_data");

    private final Path dir;

    public Scenarios(Path world) {
        this.dir = world.resolve("scenarios");
    }

    public Path directory() { return dir; }

    /** Every scenario, by name; {@code clean} first even when it has no file. */
    public List<Scenario> all() {
        List<Scenario> out = new ArrayList<>();
        boolean clean = false;
        for (Path f : files()) {
            Scenario s = load(f);
            clean |= s.name().equals("clean");
            out.add(s);
        }
        if (!clean) out.add(0, Scenario.clean());
        out.sort((a, b) -> a.name().equals("clean") ? -1 : b.name().equals("clean") ? 1 : a.name().compareTo(b.name()));
        return out;
    }

    /** The named scenario; an unknown name is an input error listing the known ones. */
    public Scenario named(String name) {
        Path f = dir.resolve(name + ".yaml");
        if (!name.matches("[a-z0-9][a-z0-9-]*") || !Files.isRegularFile(f)) {
            if (name.equals("clean")) return Scenario.clean();
            List<String> known = all().stream().map(Scenario::name).toList();
            throw new InputException(null, 0, "--scenario", "no scenario '" + name + "' (known: " + String.join(", ", known) + ")");
        }
        return load(f);
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, null, "cannot list the scenarios: " + e.getMessage());
        }
    }

    static Scenario load(Path f) {
        String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
        Scenario raw;
        org.listguard.config.ConfigSource src = new org.listguard.config.ConfigSource(f, java.util.Map.of());
        try {
            String text = Files.readString(f);
            src = new org.listguard.config.ConfigSource(f, org.listguard.config.ConfigLoader.lineIndex(f.toString(), text));
            raw = ConfigMapper.yaml().readValue(text, Scenario.class);
        } catch (JsonMappingException e) {
            JsonLocation at = e.getLocation();
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
            int line = field == null ? 0 : src.lineOf(field);
            throw new InputException(f.toString(), line > 0 ? line : at == null ? 0 : at.getLineNr(), field, e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(f.toString(), 0, null, e.getMessage());
        }
        if (raw == null) throw new InputException(f.toString(), 0, null, "the scenario file is empty");
        Scenario s = new Scenario(name, raw.summary(), raw.story(), raw.throttle(), raw.guard(), raw.dns(), raw.relay(), raw.receivers());
        validate(src, s);
        return s;
    }

    private static void validate(org.listguard.config.ConfigSource f, Scenario s) {
        if (s.summary() == null || s.summary().isBlank()) throw f.error("summary", "a one-line summary is required");
        for (int i = 0; i < s.relay().size(); i++) {
            RelayRule r = s.relay().get(i);
            if (r.command() == null || !COMMANDS.contains(r.command().toLowerCase(Locale.ROOT))) {
                throw f.error("relay[" + i + "].command", "must be one of " + COMMANDS);
            }
            if (r.reply() == null || !r.reply().matches("[2-5][0-9][0-9]([ -].*)?")) {
                throw f.error("relay[" + i + "].reply", "must start with a 3-digit SMTP code");
            }
        }
        for (int i = 0; i < s.receivers().size(); i++) {
            Receiver r = s.receivers().get(i);
            if (r.verdict() == Verdict.BOUNCE && (r.reply() == null || !r.reply().matches("5[0-9][0-9][ -].*"))) {
                throw f.error("receivers[" + i + "].reply", "a bounce needs the receiver's 5xx reply");
            }
            if (r.after().isNegative()) throw f.error("receivers[" + i + "].after", "must not be negative");
        }
    }
}
