package org.listguard.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.listguard.events.Journaled;
import org.listguard.events.RunRecord;

/**
 * The members whose bounce evidence asked for the operator's look during a run, from its
 * {@code member_needs_look} events (issue 22), in the order they were flagged: each is journaled
 * once, when the member's standing first becomes "needs your look", in the run whose report tipped
 * it, whichever path weighed the report (a relay's refusal during send, the run's return path,
 * {@code bounces process}). The send summary (the flags its invocation journaled) and
 * {@code status} (the run's) read them from here.
 */
public final class NeedsLook {
    /** At most this many members are named in a summary sentence (a cron mail stays readable). */
    static final int SHOWN = 10;

    private NeedsLook() {}

    /** One flag: the member, the deciding reason, the policy's sentence, and the run it was journaled in. */
    public record Flag(String address, String reason, String why, String run) {}

    /** The flags among {@code events} (a run's, or {@code RunEvents#since}'s across runs), in their order. */
    public static List<Flag> of(List<Journaled> events) {
        List<Flag> out = new ArrayList<>();
        for (Journaled e : events) {
            if (e.record() instanceof RunRecord.MemberNeedsLook m) {
                out.add(new Flag(m.address(), m.reason(), m.why(), e.run()));
            }
        }
        return out;
    }

    /** The flags in status's JSON shape: {@code [{address, run, reason, why}]}. */
    public static List<Map<String, Object>> json(List<Flag> flags) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Flag f : flags) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", f.address());
            m.put("run", f.run());
            m.put("reason", f.reason());
            m.put("why", f.why());
            out.add(m);
        }
        return out;
    }

    /**
     * One sentence for a summary ("; N member(s) need your look …"), or "" when there is none: the
     * members and the command that says why ({@code Invocation#rewrite} adds the invocation's options).
     */
    public static String sentence(List<Flag> flags) {
        if (flags.isEmpty()) return "";
        List<String> who = new ArrayList<>();
        for (Flag f : flags) {
            if (who.size() == SHOWN) break;
            who.add(f.address() + " (" + f.reason() + ")");
        }
        if (flags.size() > SHOWN) {
            // a late report is journaled in the run it is about: name the run(s) whose status lists them
            java.util.Set<String> runs = new java.util.LinkedHashSet<>();
            for (Flag f : flags) runs.add(f.run());
            who.add("and " + (flags.size() - SHOWN) + " more (" + (runs.size() == 1
                    ? "`listguard status " + runs.iterator().next() + "` lists them all)"
                    : "`listguard status RUN` lists each run's: " + String.join(", ", runs) + ")"));
        }
        return "; " + flags.size() + " member(s) need your look (refused run after run, but the receiver's words say the mailbox "
                + "exists; never suppressed on that alone): " + String.join(", ", who) + " (`listguard members show ADDRESS` says why)";
    }
}
