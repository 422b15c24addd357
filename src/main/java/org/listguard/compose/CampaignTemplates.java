package org.listguard.compose;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.listguard.InputException;
import org.listguard.config.Campaign;
import org.listguard.config.Config;

/**
 * The templates of one campaign, read and compiled once: {@code <template>.txt} and/or
 * {@code <template>.html} for the body, and the subject from the first line of
 * {@code <template>.subject} or, when that file does not exist, from the campaign's
 * {@code subject} in the config. Files are read as UTF-8 (a file that is not is an error).
 */
final class CampaignTemplates {
    private final TemplateFile subject;
    private final Optional<TemplateFile> text;
    private final Optional<TemplateFile> html;

    CampaignTemplates(Config config, Campaign campaign) {
        Path prefix = campaign.template();
        this.text = read(Path.of(prefix + ".txt")).map(t -> new TemplateFile(prefix + ".txt", 1, t, false));
        this.html = read(Path.of(prefix + ".html")).map(t -> new TemplateFile(prefix + ".html", 1, t, true));
        if (text.isEmpty() && html.isEmpty()) {
            throw new InputException(prefix + ".txt", 0, null, "neither " + prefix + ".txt nor " + prefix + ".html exists");
        }
        Path subjectFile = Path.of(prefix + ".subject");
        Optional<String> fromFile = read(subjectFile);
        if (fromFile.isPresent()) {
            String first = fromFile.get().lines().findFirst().orElse("").strip();
            if (first.isEmpty()) throw new InputException(subjectFile.toString(), 1, null, "the first line (the subject) is empty");
            requireNoControl(subjectFile.toString(), 1, first);
            this.subject = new TemplateFile(subjectFile.toString(), 1, first, false);
        } else if (campaign.subject() != null && !campaign.subject().isBlank()) {
            String key = "campaigns." + campaign.name() + ".subject";
            String file = config.source() == null ? "<config>" : config.source().file().toString();
            int line = config.source() == null ? 0 : config.source().lineOf(key);
            HeaderText.requireCleanConfig(config, key, campaign.subject());
            this.subject = new TemplateFile(file, line, campaign.subject().strip(), false);
        } else {
            throw new InputException(subjectFile.toString(), 0, null,
                    "no subject: create this file or set campaigns." + campaign.name() + ".subject");
        }
    }

    /** The three rendered parts for one recipient; a part whose template does not exist is null. */
    record Rendered(String subject, String text, String html) {}

    /** Only the subject: what {@link Composer#check} needs to find header problems without rendering bodies. */
    String renderSubject(Map<String, ?> vars, String row) {
        return subject.render(vars, row);
    }

    Rendered render(Map<String, ?> vars, String row) {
        return new Rendered(subject.render(vars, row),
                text.map(t -> t.render(vars, row)).orElse(null),
                html.map(t -> t.render(vars, row)).orElse(null));
    }

    private static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            byte[] bytes = Files.readAllBytes(file);
            String s = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return Optional.of(s.startsWith("\uFEFF") ? s.substring(1) : s);
        } catch (CharacterCodingException e) {
            throw new InputException(file.toString(), 0, null, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InputException(file.toString(), 0, null, "cannot read template: " + e.getMessage(), e);
        }
    }

    private static void requireNoControl(String file, int line, String s) {
        int i = HeaderText.firstControl(s);
        if (i >= 0) throw new InputException(file, line, null, "contains control character " + HeaderText.describe(s.charAt(i)));
    }
}
