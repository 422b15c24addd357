package org.listguard.list;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.listguard.InputException;

/**
 * Streams a mailing list (UTF-8 CSV, RFC 4180, header row) one {@link ListRow} at a time: memory
 * stays bounded whatever the list size (only a 64-bit hash per address is kept, to spot
 * duplicates). The header must have an {@code email} column (matched case-insensitively).
 *
 * <p>Contract: {@link #open} throws {@link InputException} (file, line 1, column) for an unreadable
 * file or a bad header; iteration throws {@link InputException} (file, line) for malformed CSV
 * (e.g. an unterminated quote), a row with more or fewer fields than the header (it used to be
 * padded, sending "Dear ,"), and a byte that is not UTF-8 (named with its own row's line). Everything else — a bad or repeated address — is a row value.
 * Not thread-safe; close it (try-with-resources).
 */
public final class ListReader implements Iterator<ListRow>, Closeable {
    public static final String EMAIL_COLUMN = "email";
    /** How the reason of a malformed row skipped by {@code --skip-bad-rows} starts. */
    public static final String BAD_ROW = "bad row: ";
    /** What a byte that is not UTF-8 decodes to (U+FFFD REPLACEMENT CHARACTER). */
    private static final char NOT_UTF8 = '\uFFFD';
    private static final String NOT_UTF8_PROBLEM = "the file is not UTF-8 here (a byte that does not decode, or U+FFFD); "
            + "save the list as UTF-8";

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final String emailHeader;
    private final List<String> headers;
    private final KeyHashSet seen = new KeyHashSet();
    private final boolean skipBadRows;
    private final RecordingReader raw;
    private final int emailIndex;

    private ListReader(Path file, CSVParser parser, String emailHeader, boolean skipBadRows, RecordingReader raw) {
        this.file = file;
        this.raw = raw;
        this.skipBadRows = skipBadRows;
        this.parser = parser;
        this.records = parser.iterator();
        this.emailHeader = emailHeader;
        this.headers = List.copyOf(parser.getHeaderNames());
        this.emailIndex = headers.indexOf(emailHeader);
    }

    public static ListReader open(Path file) {
        return open(file, false);
    }

    /**
     * As {@link #open(Path)}; with {@code skipBadRows}, a row with the wrong field count or a byte
     * that is not UTF-8 is an {@link ListRow.Invalid} whose reason starts with {@value #BAD_ROW}
     * instead of an error.
     */
    public static ListReader open(Path file, boolean skipBadRows) {
        String name = file.toString();
        RecordingReader in;
        try {
            // malformed bytes decode to U+FFFD and are reported with the row they are in: a decoder
            // that throws does so a buffer ahead of the parser, naming the wrong line
            in = new RecordingReader(withoutBom(new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)))));
        } catch (IOException e) {
            throw new InputException(name, 0, null, "cannot read the list: " + e, e);
        }
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(false)
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
                .build();
        CSVParser p;
        try {
            p = CSVParser.parse(in, format);
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            closeQuietly(in);
            throw new InputException(name, 1, null, "bad header row: " + message(e), e);
        }
        String email = null;
        for (String h : p.getHeaderNames()) {
            if (h.trim().toLowerCase(Locale.ROOT).equals(EMAIL_COLUMN)) email = h;
        }
        for (String h : p.getHeaderNames()) {
            if (h.indexOf(NOT_UTF8) >= 0) {
                closeQuietly(p);
                throw new InputException(name, 1, h, NOT_UTF8_PROBLEM);
            }
        }
        if (email == null) {
            closeQuietly(p);
            throw new InputException(name, 1, EMAIL_COLUMN, "the header row has no '" + EMAIL_COLUMN
                    + "' column (found: " + String.join(", ", p.getHeaderNames()) + ")");
        }
        return new ListReader(file, p, email, skipBadRows, in);
    }

    /** Spreadsheets often start UTF-8 CSV with a byte-order mark; it is not part of the first header. */
    private static Reader withoutBom(Reader r) throws IOException {
        java.io.PushbackReader p = new java.io.PushbackReader(r, 1);
        int c = p.read();
        if (c != -1 && c != '\uFEFF') p.unread(c);
        return p;
    }

    /** The header names in file order: the template variables. */
    public List<String> headers() { return headers; }

    public Path file() { return file; }

    /** The header of the address column as the file spells it (for messages naming the field). */
    public String emailColumn() { return emailHeader; }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw malformed(e);
        }
    }

    @Override
    public ListRow next() {
        if (!hasNext()) throw new NoSuchElementException();
        CSVRecord r;
        try {
            r = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw malformed(e);
        }
        return classify(r);
    }

    /** The rows as a sequential stream; closing the stream closes the reader. */
    public Stream<ListRow> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> closeQuietly(this));
    }

    private ListRow classify(CSVRecord r) {
        raw.forgetBefore(r.getCharacterPosition());
        // The parser's line counter is on the last line of this record; a record spans one line
        // unless a quoted field holds line breaks, so its first line is the counter minus those.
        long line = parser.getCurrentLineNumber() - embeddedBreaks(r);
        int l = (int) Math.min(line, Integer.MAX_VALUE);
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).indexOf(NOT_UTF8) >= 0) {
                InputException e = new InputException(file.toString(), l, i < headers.size() ? headers.get(i) : null, NOT_UTF8_PROBLEM);
                if (!skipBadRows) throw e;
                return new ListRow.Invalid(line, "", BAD_ROW + e.getMessage());
            }
        }
        if (r.size() != headers.size()) {
            InputException e = new InputException(file.toString(), l, null, "the row has " + r.size() + " field(s) but the header row has "
                    + headers.size() + " (a missing or extra comma, or an unquoted comma in a value?)");
            if (!skipBadRows) throw e;
            String email = r.isSet(emailHeader) ? AddressSpace.strip(r.get(emailHeader)) : "";
            return new ListRow.Invalid(line, email, BAD_ROW + e.getMessage());
        }
        // the cell as written: the parser trims whitespace around an unquoted cell, and that must be said
        String cell = raw.unquotedCell(r.getCharacterPosition(), emailIndex);
        if (cell == null) cell = r.get(emailHeader);
        String email = AddressSpace.strip(cell);
        String problem = AddressRules.problem(email);
        if (problem != null) return new ListRow.Invalid(line, email, problem);
        String padding = cell.length() == email.length() ? null : AddressSpace.removed(cell, email);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String h : headers) fields.put(h, r.isSet(h) ? r.get(h) : "");
        fields.put(emailHeader, email);
        Recipient rec = new Recipient(line, email, fields);
        if (!seen.add(rec.key())) return new ListRow.Duplicate(rec);
        return new ListRow.Valid(rec, RoleAddresses.isRole(email), padding);
    }

    private static long embeddedBreaks(CSVRecord r) {
        long n = 0;
        for (String v : r) for (int i = 0; i < v.length(); i++) if (v.charAt(i) == '\n') n++;
        return n;
    }

    private InputException malformed(RuntimeException e) {
        long line = Math.max(1, parser.getCurrentLineNumber());
        String why = e.getCause() instanceof CharacterCodingException ? "the file is not UTF-8" : "malformed CSV: " + message(e);
        return new InputException(file.toString(), (int) Math.min(line, Integer.MAX_VALUE), null, why, e);
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing useful to do: we only read
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
