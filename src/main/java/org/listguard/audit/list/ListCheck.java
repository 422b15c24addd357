package org.listguard.audit.list;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.listguard.InputException;
import org.listguard.audit.AuditContext;
import org.listguard.audit.Check;
import org.listguard.audit.Finding;
import org.listguard.audit.Role;
import org.listguard.audit.Status;
import org.listguard.config.Campaign;
import org.listguard.list.ListReader;
import org.listguard.list.ListRow;

/**
 * The campaign's list (only when auditing for a campaign): one pass over the file, counting valid,
 * invalid, duplicate and role rows with the first few line numbers of each. An unreadable file, a
 * missing {@code email} column, malformed CSV or a list without a single valid address fails; bad
 * and repeated rows are warnings (the send skips them); role mailboxes are warnings.
 */
public final class ListCheck implements Check {
    static final int SHOWN_LINES = 5;
    private static final java.util.concurrent.Executor READER = r -> {
        Thread t = new Thread(r, "listguard-list-check");
        t.setDaemon(true);
        t.start();
    };

    @Override
    public String name() { return "list"; }

    @Override
    public CompletableFuture<List<Finding>> run(AuditContext ctx) {
        if (ctx.campaign().isEmpty()) return CompletableFuture.completedFuture(List.of());
        Campaign c = ctx.campaign().get();
        // Reading a large file is I/O, not DNS: keep it off the caller's thread and the common pool.
        return CompletableFuture.supplyAsync(() -> check(c.list()), READER);
    }

    List<Finding> check(Path file) {
        String target = file.toString();
        ListTally tally = new ListTally();
        // malformed rows count as invalid here: `send` refuses them before the gate (exit 2 naming the
        // line), or skips them with --skip-bad-rows, so the gate must not turn them into a no-go
        try (ListReader reader = ListReader.open(file, true)) {
            while (reader.hasNext()) tally.add(reader.next());
        } catch (InputException e) {
            return List.of(finding(target, Status.FAIL).withDetail(e.getMessage())
                    .withRemediation("fix the list file; it must be UTF-8 CSV with a header row containing an 'email' column"));
        } catch (java.io.IOException e) {
            return List.of(finding(target, Status.UNKNOWN).withDetail("cannot close the list: " + e));
        }
        List<Finding> out = new ArrayList<>();
        if (tally.valid.count() == 0) {
            out.add(finding(target, Status.FAIL).withCode("0 valid")
                    .withDetail("no valid recipient in the list" + tally.summary())
                    .withRemediation("add at least one valid address in the 'email' column"));
            return out;
        }
        out.add(finding(target, Status.PASS).withCode(tally.valid.count() + " valid")
                .withDetail(tally.valid.count() + " recipients will be sent to" + tally.summary()));
        if (tally.invalid.count() > 0) {
            out.add(finding(target, Status.WARN).withCode(tally.invalid.count() + " invalid")
                    .withMeaning("rows whose address cannot be used; they will be skipped")
                    .withDetail(tally.invalid.describe("invalid")).withRemediation("correct or remove these rows"));
        }
        if (tally.duplicate.count() > 0) {
            out.add(finding(target, Status.WARN).withCode(tally.duplicate.count() + " duplicate")
                    .withMeaning("addresses that appear earlier in the list; each is sent once")
                    .withDetail(tally.duplicate.describe("duplicate")).withRemediation("remove the repeated rows"));
        }
        if (tally.trimmed.count() > 0) {
            out.add(finding(target, Status.WARN).withCode(tally.trimmed.count() + " trimmed")
                    .withMeaning("addresses with whitespace around them (a trailing space, a no-break space …); each is sent without it")
                    .withDetail(tally.trimmed.describe("trimmed address")).withRemediation("remove the whitespace around these addresses in the list"));
        }
        if (tally.role.count() > 0) {
            out.add(finding(target, Status.WARN).withCode(tally.role.count() + " role")
                    .withMeaning("role mailboxes (postmaster@, info@, noreply@…) reach a function, not a subscriber; they rarely opted in and complaints from them weigh heavily")
                    .withDetail(tally.role.describe("role address")).withRemediation("remove role addresses unless their owner subscribed them on purpose"));
        }
        return out;
    }

    private Finding finding(String target, Status s) {
        return Finding.of(name(), target, Role.LIST, s);
    }

    /** Counts and the first line numbers (and reasons) per kind of row. */
    static final class ListTally {
        final Sample valid = new Sample();
        final Sample invalid = new Sample();
        final Sample duplicate = new Sample();
        final Sample role = new Sample();
        final Sample trimmed = new Sample();

        void add(ListRow row) {
            if (row instanceof ListRow.Valid v) {
                valid.add(v.line(), null);
                if (v.role()) role.add(v.line(), v.recipient().email());
                if (v.padding() != null) trimmed.add(v.line(), v.padding());
            } else if (row instanceof ListRow.Invalid i) {
                invalid.add(i.line(), i.reason());
            } else if (row instanceof ListRow.Duplicate d) {
                duplicate.add(d.line(), d.recipient().email());
            }
        }

        String summary() {
            return " (" + invalid.count() + " invalid, " + duplicate.count() + " duplicate, " + role.count() + " role"
                    + (trimmed.count() == 0 ? "" : ", " + trimmed.count() + " trimmed") + ")";
        }
    }

    static final class Sample {
        private long count;
        private final List<String> first = new ArrayList<>();

        void add(long line, String note) {
            count++;
            if (first.size() < SHOWN_LINES) first.add("line " + line + (note == null ? "" : " (" + note + ")"));
        }

        long count() { return count; }

        String describe(String what) {
            return count + " " + what + (count == 1 ? "" : "s") + ": " + String.join(", ", first) + (count > first.size() ? ", …" : "");
        }
    }
}
