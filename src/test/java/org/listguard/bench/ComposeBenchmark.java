package org.listguard.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.listguard.compose.ComposedMessage;
import org.listguard.compose.Composer;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;
import org.listguard.list.Recipient;

/**
 * Rough cost of {@link Composer#compose} for a ~20 KB text+html newsletter (no JMH: a warm-up,
 * then timed rounds of 2,000 messages; the median round is reported). Run after {@code mvn -q -o test-compile}:
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) org.listguard.bench.ComposeBenchmark [--print]
 * </pre>
 * {@code --print} writes one composed message to stdout instead.
 */
public final class ComposeBenchmark {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("compose-bench");
        String para = "Dear {{first_name}}, the autumn outing to the lighthouse museum leaves at nine from the "
                + "town hall; bring a packed lunch, a warm coat and your membership card. Grüße from the committee.\n";
        Files.writeString(dir.resolve("news.txt"), para.repeat(48) + "Unsubscribe: {{unsubscribe_url}}\n");
        Files.writeString(dir.resolve("news.html"), ("<p>" + para + "</p>\n").repeat(48)
                + "<p><a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>\n");
        Files.writeString(dir.resolve("news.subject"), "Autumn news for {{first_name}}\n");
        Files.writeString(dir.resolve("members.csv"), "email,first_name,last_name\n");
        String yaml = """
                sender:
                  from: "Retirees News <news@example.org>"
                  return_path: bounces@example.org
                  unsubscribe_url: https://lists.example.org/u/{token}
                relays:
                  - { name: isp, host: smtp.isp.example, port: 587 }
                campaigns:
                  monthly: { list: DIR/members.csv, template: DIR/news }
                """.replace("DIR", dir.toString());
        Config config = new ConfigLoader().parse(dir.resolve("listguard.yaml"), yaml);
        Composer composer = new Composer(config, config.campaign("monthly"), Clock.systemUTC());
        Recipient r = new Recipient(2, "zoe@example.net",
                Map.of("email", "zoe@example.net", "first_name", "Zoë", "last_name", "Ångström"));
        if (args.length > 0 && args[0].equals("--print")) {
            System.out.print(new String(composer.compose("run1", 1, r).raw(), StandardCharsets.US_ASCII));
            return;
        }
        int perRound = 2_000;
        long sink = 0;
        for (int i = 0; i < 20_000; i++) sink += composer.compose("warm", i, r).raw().length; // JIT warm-up
        long[] rounds = new long[15];
        long[] cpu = new long[rounds.length];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int size = 0;
        for (int k = 0; k < rounds.length; k++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                ComposedMessage m = composer.compose("run1", (long) k * perRound + i, r);
                sink += m.raw().length;
                size = m.raw().length;
            }
            rounds[k] = (System.nanoTime() - t0) / perRound;
            cpu[k] = (threads.getCurrentThreadCpuTime() - c0) / perRound;
        }
        Arrays.sort(rounds);
        Arrays.sort(cpu);
        // wall time suffers when other processes share the cores; thread CPU time does not
        System.out.printf("message size %d bytes; compose per message: wall median %.1f us (best %.1f, worst %.1f), "
                        + "CPU median %.1f us (best %.1f) (sink %d)%n",
                size, rounds[rounds.length / 2] / 1000.0, rounds[0] / 1000.0, rounds[rounds.length - 1] / 1000.0,
                cpu[cpu.length / 2] / 1000.0, cpu[0] / 1000.0, sink);
    }
}
