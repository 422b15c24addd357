package org.listguard.reply;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.listguard.InputException;
import org.listguard.config.ConfigMapper;

/**
 * The ordered reply-rule table: the shipped {@code reply-rules.yaml} plus an optional user file.
 * User rules whose id equals a shipped rule's replace it in place; the others are prepended in
 * their own order (a user rule wins over every shipped one). {@code replace_defaults: true} in
 * the user file drops the shipped rules entirely.
 */
public final class ReplyRules {
    static final String RESOURCE = "reply-rules.yaml";

    /** The file format (snake_case YAML, unknown keys are errors). */
    record RuleFile(List<RuleSpec> rules, Boolean replaceDefaults) {}

    record RuleSpec(String id, String source, String reason, String action, String text,
                    List<String> codes, List<String> enhanced, List<String> unlessEnhanced, List<String> stages,
                    Boolean permanent, List<String> hosts) {}

    private final List<ReplyRule> rules;

    private ReplyRules(List<ReplyRule> rules) { this.rules = List.copyOf(rules); }

    public List<ReplyRule> rules() { return rules; }

    /** A table of these rules, in this order (tests, tools). */
    public static ReplyRules of(List<ReplyRule> rules) { return new ReplyRules(rules); }

    /** The shipped rules only. */
    public static ReplyRules defaults() { return load(Optional.empty()); }

    /** The shipped rules with the user's file applied, when given. */
    public static ReplyRules load(Optional<Path> override) {
        RuleFile shipped;
        try (InputStream in = ReplyRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            shipped = read(in, RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        List<ReplyRule> base = convert(shipped, RESOURCE);
        if (override.isEmpty()) return new ReplyRules(base);
        Path p = override.get();
        RuleFile user;
        try (InputStream in = Files.newInputStream(p)) {
            user = read(in, p.toString());
        } catch (NoSuchFileException e) {
            throw new InputException(p.toString(), 0, null, "reply rules file not found");
        } catch (IOException e) {
            throw new InputException(p.toString(), 0, null, "cannot read reply rules: " + e.getMessage(), e);
        }
        return new ReplyRules(merge(base, convert(user, p.toString()),
                Boolean.TRUE.equals(user.replaceDefaults())));
    }

    static List<ReplyRule> merge(List<ReplyRule> base, List<ReplyRule> user, boolean replaceDefaults) {
        if (replaceDefaults) return user;
        Map<String, ReplyRule> byId = new LinkedHashMap<>();
        for (ReplyRule r : user) byId.put(r.id(), r);
        List<ReplyRule> out = new ArrayList<>();
        for (ReplyRule r : user) {
            if (base.stream().noneMatch(b -> b.id().equals(r.id()))) out.add(r);
        }
        for (ReplyRule b : base) out.add(byId.getOrDefault(b.id(), b));
        return out;
    }

    private static RuleFile read(InputStream in, String file) throws IOException {
        try {
            RuleFile f = ConfigMapper.yaml().readValue(in, RuleFile.class);
            if (f == null || f.rules() == null) throw new InputException(file, 0, "rules", "missing 'rules:' list");
            return f;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new InputException(file, loc == null ? 0 : loc.getLineNr(), null, e.getOriginalMessage(), e);
        }
    }

    private static List<ReplyRule> convert(RuleFile f, String file) {
        List<ReplyRule> out = new ArrayList<>();
        int i = 0;
        for (RuleSpec s : f.rules()) {
            String where = "rules[" + i++ + "]";
            if (s.id() == null || s.id().isBlank()) throw new InputException(file, 0, where + ".id", "every rule needs an id");
            where = "rule " + s.id();
            if (s.source() == null || s.source().isBlank()) {
                throw new InputException(file, 0, where + ".source", "every rule must cite its source");
            }
            if (s.reason() == null || !Reasons.known(s.reason())) {
                throw new InputException(file, 0, where + ".reason", "unknown reason '" + s.reason() + "'; one of " + Reasons.all());
            }
            Action action;
            try {
                action = s.action() == null ? Reasons.actionOf(s.reason()) : Action.parse(s.action());
            } catch (IllegalArgumentException e) {
                throw new InputException(file, 0, where + ".action", "unknown action '" + s.action() + "'");
            }
            Pattern text = null;
            if (s.text() != null) {
                try {
                    text = Pattern.compile(s.text(), Pattern.CASE_INSENSITIVE);
                } catch (PatternSyntaxException e) {
                    throw new InputException(file, 0, where + ".text", "bad regex (RE2 syntax: no look-around or back-references): " + e.getDescription());
                }
            }
            Set<Stage> stages = EnumSet.noneOf(Stage.class);
            if (s.stages() != null) {
                for (String st : s.stages()) {
                    try {
                        stages.add(Stage.valueOf(st.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new InputException(file, 0, where + ".stages", "unknown stage '" + st + "'");
                    }
                }
            }
            try {
                out.add(new ReplyRule(s.id(), s.source(), s.reason(), action, text, s.codes(), s.enhanced(), s.unlessEnhanced(), stages,
                        Boolean.TRUE.equals(s.permanent()), s.hosts()));
            } catch (IllegalArgumentException e) {
                throw new InputException(file, 0, where, e.getMessage());
            }
        }
        return out;
    }
}
