package org.listguard.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.listguard.config.Defaults;
import org.listguard.journal.Journal;
import org.listguard.journal.ProviderBlock;
import org.listguard.journal.Timestamps;
import org.listguard.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code blocks}: the receiving providers that blocked the relay within {@code guard.block_memory}
 * (from receivers' DSNs during runs), which the next send suspends until a canary gets through;
 * {@code blocks clear [PROVIDER]} forgets them (journaled: the rows stay, marked cleared).
 */
@Command(name = "blocks", header = "Receivers that blocked the relay recently; clear forgets them.", mixinStandardHelpOptions = true,
        description = {"The receiving providers (grouped by MX: google, microsoft, yahoo, apple, or the MX host's domain) that",
            "refused mail from the relay within guard.block_memory (default 24h), newest first. The gate reports each as",
            "a recent-blocks finding and send suspends those providers (their members wait, the others are sent) until",
            "a canary member gets through. `blocks clear [PROVIDER]` forgets them when you know the block was lifted."},
        subcommands = {BlocksCommand.Clear.class})
public final class BlocksCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "output format (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    private final Environment env;

    public BlocksCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Duration memory = memory(global);
        try (Journal journal = StatusCommand.open(StatusCommand.journalUrl(global), env)) {
            Map<String, ProviderBlock> latest = new LinkedHashMap<>();
            for (ProviderBlock b : journal.downstream().blocksSince(env.clock().instant().minus(memory))) latest.putIfAbsent(b.provider(), b);
            if (format == OutputFormat.JSON) {
                env.out().println(Json.write(latest.values().stream().map(BlocksCommand::json).toList()));
            } else if (latest.isEmpty()) {
                env.out().println("No receiver blocked the relay in the last " + org.listguard.config.Durations.human(memory) + ".");
            } else {
                for (ProviderBlock b : latest.values()) {
                    env.out().printf("%s\t%s\t%s%s%n\t%s%n", b.provider(), Timestamps.format(b.at()), "run " + b.run(),
                            b.egressIp() == null ? "" : "\tjudged " + b.egressIp() + (b.zone() == null ? "" : " on " + b.zone()), b.reason());
                }
                // one runnable command per provider (issue 19: a printed command runs as printed, no placeholder to fill in)
                String clear = latest.keySet().stream().map(p -> "`" + global.invocation().command("blocks clear", p) + "`")
                        .collect(java.util.stream.Collectors.joining(", "));
                env.out().println("The next send suspends these providers until a canary gets through; " + clear
                        + (latest.size() == 1 ? " forgets the block" : " forget each block") + " when you know it was lifted.");
            }
            env.out().flush();
            return ExitCode.OK;
        }
    }

    private static Map<String, Object> json(ProviderBlock b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", b.provider());
        m.put("at", Timestamps.format(b.at()));
        m.put("run", b.run());
        m.put("reason", b.reason());
        if (b.egressIp() != null) m.put("egress_ip", b.egressIp());
        if (b.zone() != null) m.put("zone", b.zone());
        return m;
    }

    /** guard.block_memory from the config, or its default when only a journal is given. */
    static Duration memory(GlobalOptions global) {
        if (global.journal != null || global.sandbox) {
            try {
                return global.load().guard().blockMemory();
            } catch (RuntimeException e) {
                return Defaults.BLOCK_MEMORY; // no config needed to read a journal
            }
        }
        return global.load().guard().blockMemory();
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Forget the remembered blocks of PROVIDER (all providers when omitted). The rows stay in the",
                "journal marked cleared, with when and by whom."})
    public static final class Clear implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", arity = "0..1", paramLabel = "PROVIDER", description = "a provider as `listguard blocks` names it")
        String provider;

        private final Environment env;

        public Clear(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            try (Journal journal = StatusCommand.open(StatusCommand.journalUrl(global), env)) {
                int n = journal.downstream().clearBlocks(provider, "listguard blocks clear (by hand)");
                env.out().println(n == 0 ? "no remembered block" + (provider == null ? "" : " of " + provider) + " to clear"
                        : "cleared " + n + " remembered block(s)" + (provider == null ? "" : " of " + provider)
                                + "; the next send no longer suspends " + (provider == null ? "them" : "it"));
                env.out().flush();
                return ExitCode.OK;
            }
        }
    }

}
