package org.listguard.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.listguard.InputException;
import org.listguard.compose.TokenKeys;
import org.listguard.config.Config;
import org.listguard.config.Defaults;
import org.listguard.config.Durations;
import org.listguard.journal.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keys init} and {@code keys rotate}: the only commands that make a token key (besides a
 * first {@code send}, which says so). Every VERP return path and unsubscribe link carries a MAC
 * made with it, so {@code serve}, {@code daemon} and {@code bounces process} refuse to start
 * without it rather than invent one that verifies nothing already sent.
 */
@Command(name = "keys", header = "Create or rotate the token key (sender.token_key_file).", mixinStandardHelpOptions = true,
        description = {"The token key signs every VERP return path and unsubscribe link (a MAC per recipient). `keys init`",
            "creates it (0600, its directory 0700); `keys rotate` makes a new one and keeps the old one verifying for",
            "--keep (messages already in mailboxes keep working). serve, daemon and bounces process never create it."},
        subcommands = {KeysCommand.Init.class, KeysCommand.Rotate.class})
public final class KeysCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "keys init or keys rotate");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create the token key at sender.token_key_file (default " + Defaults.TOKEN_KEY_FILE + " next to the config).",
                "An existing key is left as it is (exit 0, says so)."})
    public static final class Init implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        private final Environment env;

        public Init(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = global.load();
            Path file = TokenKeys.file(config).toAbsolutePath();
            if (TokenKeys.init(file)) {
                env.out().println("created the token key " + file + " (0600). Back it up: a lost key makes every link already sent invalid.");
            } else {
                TokenKeys.forConfig(config); // an existing key must still be readable and private
                env.out().println("the token key " + file + " exists; nothing changed (`" + global.invocation().command("keys rotate") + "` replaces it)");
            }
            env.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Make a new token key; the current one moves to sender.previous_token_key_file (default: the key file's",
                "name plus .previous) and still verifies for --keep. Restart serve and daemon afterwards."})
    public static final class Rotate implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Option(names = "--keep", paramLabel = "DURATION", defaultValue = "90d",
                description = "how long the previous key still verifies (default: ${DEFAULT-VALUE}; unsubscribe links in old newsletters)")
        String keep;

        private final Environment env;

        public Rotate(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Config config = global.load();
            Duration d;
            try {
                d = Durations.parse(keep);
            } catch (IllegalArgumentException e) {
                throw new InputException(null, 0, "--keep", e.getMessage());
            }
            if (d.isNegative()) throw new InputException(null, 0, "--keep", "must not be negative");
            TokenKeys.forConfig(config); // the current key exists, is private and readable
            Path file = TokenKeys.file(config).toAbsolutePath();
            Path previous = TokenKeys.previousFile(config).toAbsolutePath();
            TokenKeys.previousUntil(previous).filter(u -> u.isAfter(env.clock().instant())).ifPresent(u -> env.err().println(
                    "note: the key rotated out before (" + previous + ", verifying until " + Timestamps.format(u) + ") is replaced now"));
            Instant until = env.clock().instant().plus(d);
            TokenKeys.rotate(file, previous, until);
            env.out().println("rotated the token key " + file + "; the previous key " + previous + " verifies until "
                    + Timestamps.format(until) + ". Restart serve and daemon to use the new key.");
            env.out().flush();
            return ExitCode.OK;
        }
    }
}
