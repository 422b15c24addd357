package org.listguard.compose;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import com.samskivert.mustache.Template;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.listguard.InputException;

/**
 * One Mustache template, compiled once and rendered per recipient. Strict: a variable or section
 * name that the recipient's row does not define is an error, never an empty string (a newsletter
 * that says "Dear ," to a thousand people is worse than one that is not sent). Errors are
 * {@link InputException}s naming the template file and line; render errors also name the variable
 * and the list row.
 */
final class TemplateFile {
    private static final Pattern AT_LINE = Pattern.compile("@ line (\\d+)");

    /** HTML templates escape values (&amp;, &lt;, quotes…); text and subject templates insert them as written. */
    private static final Mustache.Compiler HTML = compiler().escapeHTML(true);
    private static final Mustache.Compiler PLAIN = compiler().escapeHTML(false);

    private final String file;
    private final int firstLine;
    private final Template template;
    /** Room for a rendering: the template's length and some, so the output buffer is not regrown a dozen times per message. */
    private final int sizeHint;

    private static Mustache.Compiler compiler() {
        // strictSections: {{#typo}} fails like {{typo}}; emptyStringIsFalse: an empty column skips
        // {{#first_name}}Dear {{first_name}},{{/first_name}}.
        return Mustache.compiler().strictSections(true).emptyStringIsFalse(true);
    }

    /**
     * @param file      the name used in error messages (the template file, or the config file for a subject in config)
     * @param firstLine the line of {@code text}'s first line in {@code file}
     * @param html      escape values for HTML
     */
    TemplateFile(String file, int firstLine, String text, boolean html) {
        this.file = file;
        this.firstLine = firstLine;
        this.sizeHint = text.length() + text.length() / 8 + 64;
        try {
            this.template = (html ? HTML : PLAIN).compile(text);
            refuseIncludes(text);
        } catch (MustacheParseException e) {
            throw new InputException(file, lineOf(e), null, "template syntax error: " + stripLine(e.getMessage()), e);
        } catch (MustacheException e) {
            throw new InputException(file, firstLine, null, "template error: " + e.getMessage(), e);
        }
    }

    String file() { return file; }

    /** Partials and template inheritance would read other files at render time: refused when loading. */
    private void refuseIncludes(String text) {
        template.visit(new Mustache.Visitor() {
            @Override public void visitText(String t) {}
            @Override public void visitVariable(String name) {}
            @Override public boolean visitSection(String name) { return true; }
            @Override public boolean visitInvertedSection(String name) { return true; }
            @Override public boolean visitInclude(String name) { throw refused(name); }
            @Override public boolean visitParent(String name) { throw refused(name); }

            private InputException refused(String name) {
                int at = text.indexOf(name);
                int line = at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + firstLine;
                return new InputException(file, line, name, "partials and parent templates ({{> " + name + "}}) are not supported");
            }
        });
    }

    /**
     * Renders with {@code vars}; {@code row} describes the list row for error messages
     * (e.g. {@code "lists/members.csv line 7"}).
     */
    String render(Map<String, ?> vars, String row) {
        try {
            java.io.StringWriter out = new java.io.StringWriter(sizeHint);
            template.execute(vars, out);
            return out.toString();
        } catch (MustacheException.Context e) {
            int line = e.lineNo > 0 ? e.lineNo + firstLine - 1 : firstLine;
            throw new InputException(file, line, e.key, "variable '" + e.key + "' is not defined for " + row
                    + " (variables are the list's columns, unsubscribe_url, unsubscribe_mailto and campaign)", e);
        } catch (MustacheException e) {
            throw new InputException(file, lineOf(e), null, "cannot render for " + row + ": " + stripLine(e.getMessage()), e);
        }
    }

    private int lineOf(MustacheException e) {
        Matcher m = AT_LINE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) + firstLine - 1 : firstLine;
    }

    private static String stripLine(String message) {
        return AT_LINE.matcher(String.valueOf(message)).replaceAll("").trim();
    }
}
