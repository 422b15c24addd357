package org.listguard;

import java.util.Objects;

/**
 * Bad input from the person running listguard: a config, list, template or key that cannot be
 * used. Always names the file and, where known, the line and the field, so the message alone is
 * enough to fix it. Maps to exit code 2; nothing is sent when one is thrown.
 */
public class InputException extends RuntimeException {
    private final String file;
    private final int line;
    private final String field;
    private final String problem;

    public InputException(String file, int line, String field, String problem) {
        super(format(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = Objects.requireNonNull(problem);
    }

    public InputException(String file, int line, String field, String problem, Throwable cause) {
        this(file, line, field, problem);
        initCause(cause);
    }

    /** The file the problem is in, or null when the input is not a file (an option value). */
    public String file() { return file; }

    /** 1-based line, or 0 when the problem concerns the file as a whole. */
    public int line() { return line; }

    /** The key or column, or null. */
    public String field() { return field; }

    public String problem() { return problem; }

    static String format(String file, int line, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file);
        if (line > 0) sb.append(sb.length() > 0 ? ":" : "line ").append(line);
        if (field != null && !field.isEmpty()) sb.append(sb.length() > 0 ? ": " : "").append(field);
        if (sb.length() > 0) sb.append(": ");
        return sb.append(problem).toString();
    }
}
