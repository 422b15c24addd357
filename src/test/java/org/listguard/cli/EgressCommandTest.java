package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.journal.Journal;

/** `listguard egress` lists learned IPs with whether the gate audits them; `egress forget` removes one (issue 18). */
class EgressCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsWhatIsAuditedAndWhyNotAndForgetRemovesAnIp() {
        JournalCliFixture f = new JournalCliFixture(dir);
        try (Journal j = Journal.open(f.url, f.clock)) {
            j.downstream().learnEgress("185.12.64.1", "seed", "from out.isp.example [185.12.64.1] by mx.example.com", null);
            j.downstream().learnEgress("127.0.0.2", "dsn", "554 Client host [127.0.0.2] blocked using zen.spamhaus.org", null);
        }
        assertEquals(0, f.run("egress", "--journal", f.url), f.err.toString());
        String out = f.out.toString();
        assertTrue(out.contains("185.12.64.1\tseed") && out.contains("audited by the gate"), out);
        assertTrue(out.contains("127.0.0.2\tdsn") && out.contains("not audited: not a public unicast address"), out);
        assertTrue(out.contains("`listguard egress forget --journal " + f.url + " IP`"), "runs as printed: " + out);
        f.out.getBuffer().setLength(0);
        assertEquals(0, f.run("egress", "forget", "127.0.0.2", "--journal", f.url), f.err.toString());
        assertEquals(2, f.run("egress", "forget", "127.0.0.2", "--journal", f.url), "nothing left to forget: bad input");
        f.out.getBuffer().setLength(0);
        assertEquals(0, f.run("egress", "--journal", f.url, "--format", "json"));
        assertTrue(!f.out.toString().contains("127.0.0.2") && f.out.toString().contains("\"audited\" : true"), f.out.toString());
    }
}
