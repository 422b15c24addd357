package org.listguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Remote text (replies, addresses) in the three places it leaves listguard: log lines, CSV cells, HTML. */
class ReportTextSafetyTest {
    @Test
    void aReplyCannotBreakOrForgeALogLine() {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("rcpt", "a@example.org");
        kv.put("code", 550);
        kv.put("reply", "550 no\r\nrun=forged status=accepted \"quoted\" \\ \u0007");
        kv.put("none", null);
        String line = KeyValue.line(kv);
        assertEquals("rcpt=a@example.org code=550 reply=\"550 no\\r\\nrun=forged status=accepted \\\"quoted\\\" \\\\ \\x07\"", line);
        assertFalse(line.contains("\n") || line.contains("\r"));
    }

    @Test
    void csvCellsThatASpreadsheetWouldEvaluateAreQuotedAsText() {
        assertEquals("'=HYPERLINK(\"http://x\")", RunCsv.cell("=HYPERLINK(\"http://x\")"));
        for (String s : List.of("+1", "-2+3", "@SUM(A1)", "\tx", "\rx")) assertEquals("'" + s, RunCsv.cell(s));
        assertEquals("550 5.7.1 blocked", RunCsv.cell("550 5.7.1 blocked"));
        assertEquals("", RunCsv.cell(""));
    }

    @Test
    void htmlEscapesMarkupQuotesAndControlCharacters() {
        assertEquals("&lt;img src=x onerror=&quot;a()&quot;&gt; &amp; &#39;&#xFFFD;", RunHtml.esc("<img src=x onerror=\"a()\"> & '\u0001"));
    }

    @Test
    void suggestedCommandsRepeatTheGlobalOptionsAfterTheSubcommand() {
        Invocation inv = new Invocation(List.of("-c", "/srv/my lists/lg.yaml", "--dns", "127.0.0.1:5353", "--sandbox"));
        assertEquals("listguard send -c '/srv/my lists/lg.yaml' --dns 127.0.0.1:5353 --sandbox --campaign monthly --yes",
                inv.command("send", "--campaign", "monthly", "--yes"));
        assertEquals("run `listguard audit -c '/srv/my lists/lg.yaml' --dns 127.0.0.1:5353 --sandbox` and then "
                        + "`listguard bounces process -c '/srv/my lists/lg.yaml' --dns 127.0.0.1:5353 --sandbox`",
                inv.rewrite("run `listguard audit` and then `listguard bounces process`"));
        assertEquals("`listguard status X`", Invocation.none().rewrite("`listguard status X`"));
    }

    @Test
    void theProviderIsTheRecipientsRegistrableDomainForNow() {
        assertEquals("orange.fr", Providers.of("Someone@Orange.FR"));
        assertEquals("gmail.com", Providers.of("gmail.com"));
        assertEquals("example.net.nz", Providers.of("member@mail.example.net.nz"), "grouped by the registrable domain (issue 18)");
        assertEquals("(unknown)", Providers.of(null));
    }
}
