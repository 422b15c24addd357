package org.listguard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.listguard.reply.Action;
import org.listguard.reply.Classification;
import org.listguard.reply.Reasons;
import org.listguard.reply.ReplyClassifier;
import org.listguard.reply.Stage;

/**
 * The table of scripts/check-phrases: each phrase of Sisimai's reason definitions classified as a
 * bare "550 phrase" reply at an unknown stage and at RCPT; agreement of actions per reason. At RCPT
 * a content-family phrase is expected to differ by design (a spam or policy verdict before DATA is
 * read as the sender's reputation). Args: phrases.tsv [-v].
 *
 * <p>A vendor phrase (scripts/check-phrases --vendors) is a provider's code or wording that means
 * something only from that provider: it is classified as the reply of the host its module reads
 * ({@link #HOSTS}, the module's own gate), as listguard's rules gated on {@code hosts:} read it. The
 * agreement without any host is printed too.
 */
public final class PhraseCoverage {
    private PhraseCoverage() {}

    /** The host each module's notices come from (its gate: Sisimai Rhost.pm's RhostClass, the Lhost module's From: check). */
    static final Map<String, String> HOSTS = Map.ofEntries(
            Map.entry("Lhost/Facebook", "mx.facebook.com"),
            Map.entry("Lhost/Biglobe", "biglobe.ne.jp"),
            Map.entry("Lhost/MessageLabs", "messagelabs.com"),
            Map.entry("Lhost/ReceivingSES", "inbound-smtp.us-west-2.amazonaws.com"),
            Map.entry("Rhost/Cox", "cox.net"),
            Map.entry("Rhost/GoDaddy", "smtp.secureserver.net"),
            Map.entry("Rhost/NTTDOCOMO", "mfsmax.docomo.ne.jp"),
            Map.entry("Rhost/FrancePTT", "orange.fr"),
            Map.entry("Rhost/ExchangeOnline", "mx.prod.outlook.com"),
            Map.entry("Rhost/KDDI", "mx.ezweb.ne.jp"),
            Map.entry("Rhost/Mimecast", "eu-smtp-inbound-1.mimecast.com"));

    public static void main(String[] args) throws Exception {
        boolean verbose = args.length > 1 && args[1].equals("-v");
        ReplyClassifier c = ReplyClassifier.standard();
        List<String[]> rows = Files.readAllLines(Path.of(args[0])).stream().map(l -> l.split("\t", 3))
                .filter(f -> f.length == 3 && Reasons.known(f[0])).toList();
        System.out.printf("Sisimai reason phrases classified as \"550 <phrase>\": %d phrases%n%n", rows.size());
        System.out.println("| reason | phrases | agree, stage unknown | agree, at RCPT |");
        System.out.println("|---|---|---|---|");
        Map<String, int[]> by = new TreeMap<>();
        StringBuilder misses = new StringBuilder();
        int hostless = 0;
        for (String[] f : rows) {
            Action want = Reasons.actionOf(f[0]);
            int[] n = by.computeIfAbsent(f[0], k -> new int[3]);
            n[0]++;
            String host = HOSTS.get(f[1]);
            Classification u = c.classify(Stage.UNKNOWN, 550, null, "550 " + f[2], host, false);
            Classification r = c.classify(Stage.RCPT, 550, null, "550 " + f[2], host, false);
            if (c.classify(Stage.UNKNOWN, 550, null, "550 " + f[2], null, false).action() == want) hostless++;
            if (u.action() == want) n[1]++;
            else misses.append(String.format("  unknown: %s/%s -> %s/%s [%s] %s (%s)%n", f[0], want.json(), u.reason(), u.action().json(), u.rule(), f[2], f[1]));
            if (r.action() == want) n[2]++;
        }
        int[] total = new int[3];
        by.forEach((reason, n) -> {
            System.out.printf("| %s | %d | %d | %d |%n", reason, n[0], n[1], n[2]);
            for (int i = 0; i < 3; i++) total[i] += n[i];
        });
        System.out.printf("| all | %d | %d = %.1f %% | %d = %.1f %% |%n", total[0], total[1], 100.0 * total[1] / total[0],
                total[2], 100.0 * total[2] / total[0]);
        if (HOSTS.keySet().stream().anyMatch(m -> rows.stream().anyMatch(f -> f[1].equals(m)))) {
            System.out.printf("%nVendor phrases read as their module's host's reply (HOSTS); without any host, stage unknown: %d = %.1f %%%n",
                    hostless, 100.0 * hostless / total[0]);
        }
        if (verbose) System.out.print("\n" + misses);
    }
}
