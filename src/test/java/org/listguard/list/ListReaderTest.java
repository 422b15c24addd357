package org.listguard.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.InputException;

class ListReaderTest {
    @TempDir
    Path dir;

    List<ListRow> read(String csv) throws Exception {
        Path f = Files.writeString(dir.resolve("list.csv"), csv);
        try (ListReader r = ListReader.open(f); var s = r.stream()) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void validRowsCarryLineEmailAndEveryColumn() throws Exception {
        List<ListRow> rows = read("email,name\nann@example.net,Ann\n\"bob@example.net\",\"Bob, Jr.\"\n");
        ListRow.Valid bob = assertInstanceOf(ListRow.Valid.class, rows.get(1));
        assertEquals(3, bob.line());
        assertEquals("bob@example.net", bob.recipient().email());
        assertEquals("Bob, Jr.", bob.recipient().fields().get("name"));
    }

    @Test
    void lineNumbersSurviveBlankLinesAndQuotedLineBreaks() throws Exception {
        List<ListRow> rows = read("email,note\na@example.net,1\n\nb@example.net,\"two\nlines\"\nc@example.net,3");
        assertEquals(List.of(2L, 4L, 6L), rows.stream().map(ListRow::line).toList());
    }

    @Test
    void badAddressesAreInvalidRowsWithAReason() throws Exception {
        List<ListRow> rows = read("email\nnot-an-address\nuser@localhost\n\"Ann <ann@example.net>\"\n\"\"\n"); // issue 13: "," would be a long row, an error
        assertEquals(4, rows.size());
        for (ListRow r : rows) assertInstanceOf(ListRow.Invalid.class, r, r.toString());
        assertTrue(((ListRow.Invalid) rows.get(1)).reason().contains("no dot"));
        assertTrue(((ListRow.Invalid) rows.get(2)).reason().contains("bare address"));
        assertEquals("empty email", ((ListRow.Invalid) rows.get(3)).reason());
    }

    @Test
    void lineBreakInsideTheAddressIsInvalid() throws Exception {
        List<ListRow> rows = read("email\n\"a@example.net\r\nBcc: x@example.net\"\n");
        assertInstanceOf(ListRow.Invalid.class, rows.get(0));
    }

    @Test
    void repeatedAddressIsADuplicateComparingTheDomainCaseInsensitively() throws Exception {
        List<ListRow> rows = read("email\nAnn@Example.NET\nAnn@example.net\nann@example.net\n");
        assertInstanceOf(ListRow.Valid.class, rows.get(0));
        assertEquals(3, assertInstanceOf(ListRow.Duplicate.class, rows.get(1)).line());
        assertInstanceOf(ListRow.Valid.class, rows.get(2)); // local parts are case-sensitive (RFC 5321 §2.4)
    }

    @Test
    void roleMailboxesAreValidButFlagged() throws Exception {
        List<ListRow> rows = read("email\npostmaster@example.net\nNo-Reply+x@example.net\nann@example.net\n");
        assertEquals(List.of(true, true, false), rows.stream().map(r -> ((ListRow.Valid) r).role()).toList());
    }

    @Test
    void missingEmailColumnNamesFileLineOneAndTheColumn() throws Exception {
        Path f = Files.writeString(dir.resolve("list.csv"), "mail,name\na@example.net,A\n");
        InputException e = assertThrows(InputException.class, () -> ListReader.open(f));
        assertEquals(f.toString(), e.file());
        assertEquals(1, e.line());
        assertEquals("email", e.field());
    }

    @Test
    void malformedCsvNamesFileAndLine() throws Exception {
        Path f = Files.writeString(dir.resolve("list.csv"), "email\na@example.net\n\"b@example.net\"x\n");
        try (ListReader r = ListReader.open(f)) {
            r.next();
            InputException e = assertThrows(InputException.class, r::next);
            assertEquals(f.toString(), e.file());
            assertEquals(3, e.line());
        }
    }

    @Test
    void unreadableFileIsAnInputException() {
        Path f = dir.resolve("absent.csv");
        InputException e = assertThrows(InputException.class, () -> ListReader.open(f));
        assertEquals(f.toString(), e.file());
    }

    @Test
    void hashSetFindsEveryRepeatAcrossGrowth() {
        KeyHashSet s = new KeyHashSet();
        for (int i = 0; i < 100_000; i++) assertTrue(s.add("user" + i + "@example.net"));
        for (int i = 0; i < 100_000; i += 997) assertTrue(!s.add("user" + i + "@example.net"));
        assertEquals(100_000, s.size());
    }

    @Test
    void byteOrderMarkBeforeTheHeaderIsIgnored() throws Exception {
        List<ListRow> rows = read("\uFEFFemail,name\na@example.net,A\n");
        assertEquals("a@example.net", assertInstanceOf(ListRow.Valid.class, rows.get(0)).recipient().fields().get("email"));
    }

    // issue 19: "ann@example.org " was accepted without a word

    @Test
    void whitespaceAroundTheAddressIsRemovedAndSaid() throws Exception {
        Path f = Files.writeString(dir.resolve("list.csv"), "\uFEFFname,email,n\n"
                + "Ann,ann@example.org ,1\n"                  // unquoted: the CSV parser itself trims this
                + "Bob,\tbob@example.org,2\n"
                + "\"Cy, Jr.\",\" cy@example.org\u00a0\",\"3\n3\"\n" // quoted, a no-break space, a multi-line cell after it
                + "\n"
                + "Di,di@example.org\u3000\u200b,4\n"
                + "Ed,ed@example.org,5");
        List<ListRow> rows;
        try (ListReader r = ListReader.open(f); var st = r.stream()) {
            assertEquals("email", r.emailColumn());
            rows = st.collect(Collectors.toList());
        }
        assertEquals(5, rows.size());
        String[] emails = {"ann@example.org", "bob@example.org", "cy@example.org", "di@example.org", "ed@example.org"};
        String[] said = {"trailing U+0020 SPACE", "leading U+0009", "leading U+0020 SPACE; trailing U+00A0 NO-BREAK SPACE",
                "trailing U+3000 IDEOGRAPHIC SPACE, U+200B ZERO WIDTH SPACE", null};
        for (int i = 0; i < rows.size(); i++) {
            ListRow.Valid v = assertInstanceOf(ListRow.Valid.class, rows.get(i), rows.get(i).toString());
            assertEquals(emails[i], v.recipient().email());
            assertEquals(emails[i], v.recipient().fields().get("email"));
            if (said[i] == null) {
                assertEquals(null, v.padding(), "a clean address is not flagged");
            } else {
                assertTrue(v.padding().contains(said[i]), v.padding());
                assertTrue(v.padding().contains("sending to " + emails[i]), v.padding());
            }
        }
        assertEquals(List.of(2L, 3L, 4L, 7L, 8L), rows.stream().map(ListRow::line).toList());
    }

    @Test
    void aTrimmedAddressRepeatingAnEarlierOneIsADuplicate() throws Exception {
        List<ListRow> rows = read("email\nann@example.org\n\"ann@example.org \"\n");
        assertInstanceOf(ListRow.Duplicate.class, rows.get(1));
    }

    @Test
    void whitespaceInsideTheAddressIsAnInvalidRowSayingWhereAndWhatToDo() throws Exception {
        List<ListRow> rows = read("email\nann @example.org\nann@exa\u00a0mple.org\n\"\"\"ann smith\"\"@example.org\"\nann@example.org bob@example.org\n");
        assertEquals(4, rows.size());
        ListRow.Invalid first = assertInstanceOf(ListRow.Invalid.class, rows.get(0));
        assertEquals("ann @example.org", first.value());
        assertTrue(first.reason().contains("whitespace inside the address (U+0020 SPACE at character 4)"), first.reason());
        assertTrue(first.reason().contains("correct the cell"), first.reason());
        ListRow.Invalid second = assertInstanceOf(ListRow.Invalid.class, rows.get(1));
        assertTrue(second.reason().contains("U+00A0 NO-BREAK SPACE at character 8"), second.reason());
        assertInstanceOf(ListRow.Invalid.class, rows.get(2), "a quoted local part with a space is refused too");
        assertTrue(((ListRow.Invalid) rows.get(3)).reason().contains("two addresses in one cell"), rows.get(3).toString());
    }
}
