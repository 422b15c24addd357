package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionCommandTest {
    @TempDir
    Path dir;

    @Test
    void addListRemoveRoundTrip() {
        JournalCliFixture f = new JournalCliFixture(dir);
        assertEquals(0, f.run("suppression", "add", "Ann@Example.NET", "--reason", "asked to leave", "--journal", f.url), f.err.toString());
        assertEquals(0, f.run("suppression", "list", "--journal", f.url));
        assertTrue(f.out.toString().contains("Ann@example.net\thard\t2026-11-01T09:00:00.250Z\tasked to leave"), f.out.toString());
        assertEquals(0, f.run("suppression", "remove", "Ann@example.net", "--journal", f.url));
        assertEquals(0, f.run("suppression", "list", "--journal", f.url));
        assertTrue(f.out.toString().contains("empty"), f.out.toString());
    }

    @Test
    void listAsJson() {
        JournalCliFixture f = new JournalCliFixture(dir);
        f.run("suppression", "add", "a@example.net", "--reason", "spam report", "--action", "complaint", "--journal", f.url);
        assertEquals(0, f.run("suppression", "list", "--format", "json", "--journal", f.url));
        assertTrue(f.out.toString().contains("\"action\" : \"complaint\""), f.out.toString());
    }

    @Test
    void reputationIsNotAnActionAPersonCanSuppressWith() {
        JournalCliFixture f = new JournalCliFixture(dir);
        assertEquals(2, f.run("suppression", "add", "a@example.net", "--reason", "x", "--action", "reputation", "--journal", f.url));
    }

    @Test
    void addressWithoutAtIsBadInput() {
        JournalCliFixture f = new JournalCliFixture(dir);
        assertEquals(2, f.run("suppression", "add", "nobody", "--reason", "x", "--journal", f.url));
        assertTrue(f.err.toString().contains("not an email address"), f.err.toString());
    }

    @Test
    void removingAnAbsentAddressExitsTwo() {
        JournalCliFixture f = new JournalCliFixture(dir);
        assertEquals(2, f.run("suppression", "remove", "a@example.net", "--journal", f.url));
    }

    @Test
    void noSubcommandIsAUsageError() {
        JournalCliFixture f = new JournalCliFixture(dir);
        assertEquals(2, f.run("suppression"));
    }
}
