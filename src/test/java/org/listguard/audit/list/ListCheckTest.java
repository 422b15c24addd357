package org.listguard.audit.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.audit.auth.Fixtures;
import org.listguard.config.Campaign;
import org.listguard.config.Config;
import org.listguard.dns.ZoneAnswerer;
import org.listguard.dns.ZoneDnsClient;

class ListCheckTest {
    @TempDir
    Path dir;

    List<Finding> check(String csv) throws Exception {
        Config c = Fixtures.config(dir, "news@example.org", "bounces@example.org", Fixtures.RELAY, "");
        Path list = Files.writeString(dir.resolve("campaign.csv"), csv);
        Campaign camp = new Campaign("monthly", list, dir.resolve("news"), null, null);
        return Fixtures.run(new ListCheck(), Fixtures.context(c, new ZoneDnsClient(new ZoneAnswerer(List.of())), Fixtures.NO_PROBE, Map.of(), camp));
    }

    static Finding coded(List<Finding> fs, String suffix) {
        return fs.stream().filter(f -> f.code() != null && f.code().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding coded *" + suffix + " in " + fs));
    }

    @Test
    void withoutACampaignTheCheckSaysNothing() {
        Config c = Fixtures.config(dir, "news@example.org", "bounces@example.org", Fixtures.RELAY, "");
        assertEquals(List.of(), Fixtures.run(new ListCheck(), Fixtures.context(c, new ZoneDnsClient(new ZoneAnswerer(List.of())))));
    }

    @Test
    void cleanListPassesWithTheCount() throws Exception {
        Finding f = Fixtures.only(check("email,name\na@example.net,A\nb@example.net,B\n"));
        assertEquals(Status.PASS, f.status());
        assertEquals(Role.LIST, f.role());
        assertEquals("2 valid", f.code());
    }

    @Test
    void invalidDuplicateAndRoleRowsWarnWithTheirLineNumbers() throws Exception {
        List<Finding> fs = check("email\na@example.net\nbroken\na@example.net\nabuse@example.net\n");
        assertEquals(Status.PASS, coded(fs, "valid").status());
        Finding invalid = coded(fs, "invalid");
        assertEquals(Status.WARN, invalid.status());
        assertTrue(invalid.detail().contains("line 3"), invalid.detail());
        Finding dup = coded(fs, "duplicate");
        assertEquals(Status.WARN, dup.status());
        assertTrue(dup.detail().contains("line 4"), dup.detail());
        Finding role = coded(fs, "role");
        assertEquals(Status.WARN, role.status());
        assertTrue(role.detail().contains("line 5"), role.detail());
    }

    @Test
    void onlyTheFirstFiveLinesAreListed() throws Exception {
        Finding f = coded(check("email\na@example.net\nx\nx\nx\nx\nx\nx\nx\n"), "invalid");
        assertEquals("7 invalid", f.code());
        assertTrue(f.detail().contains("line 7") && !f.detail().contains("line 8") && f.detail().endsWith("…"), f.detail());
    }

    @Test
    void missingEmailColumnFails() throws Exception {
        Finding f = Fixtures.only(check("name\nAnn\n"));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.detail().contains("campaign.csv:1: email"), f.detail());
    }

    @Test
    void listWithoutAValidRecipientFails() throws Exception {
        Finding f = Fixtures.only(check("email\nnope\n"));
        assertEquals(Status.FAIL, f.status());
    }

    @Test
    void malformedCsvFailsNamingTheLine() throws Exception {
        Finding f = Fixtures.only(check("email\na@example.net\n\"b@example.net\"x\n"));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.detail().contains("campaign.csv:3"), f.detail());
    }

    /** Issue 19: a padded address is counted in the list summary and warned about with its line. */
    @Test
    void addressesTrimmedOfWhitespaceWarnWithTheirLinesAndCountInTheSummary() throws Exception {
        List<Finding> fs = check("email,name\na@example.net ,A\n\"\u00a0b@example.net\",B\nc@example.net,C\n");
        Finding valid = coded(fs, "valid");
        assertEquals("3 valid", valid.code());
        assertTrue(valid.detail().contains("2 trimmed"), valid.detail());
        Finding trimmed = coded(fs, "trimmed");
        assertEquals(Status.WARN, trimmed.status());
        assertEquals("2 trimmed", trimmed.code());
        assertTrue(trimmed.detail().contains("line 2 (whitespace around the address removed (trailing U+0020 SPACE)"), trimmed.detail());
        assertTrue(trimmed.detail().contains("line 3 (whitespace around the address removed (leading U+00A0 NO-BREAK SPACE)"), trimmed.detail());
    }
}
