package org.listguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.TokenKeys;
import org.listguard.compose.VerpToken;
import org.listguard.config.Config;
import org.listguard.config.ConfigLoader;

/** Issue 20: only `keys init`/`keys rotate` (and a first send) make a token key; the others refuse to start without it. */
class KeysCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Environment env = new Environment(Clock.systemUTC(), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);

    /** The example config in {@code dir/etc}, journal and key at their defaults (relative, so next to the config). */
    Path config(String extra) throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("jdbc:sqlite:data/listguard.db", "jdbc:sqlite:" + dir.resolve("j.db"));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        return Files.writeString(etc.resolve("listguard.yaml"), yaml + extra);
    }

    Path key() {
        return dir.resolve("etc/data/token.key");
    }

    @Test
    void serveDaemonAndBouncesProcessRefuseToStartWithoutTheKeyNamingItsPath() throws Exception {
        Path c = config("bounces:\n  mailbox: { maildir: " + Files.createDirectories(dir.resolve("bounces")) + " }\n");
        for (String[] cmd : new String[][] {{"serve", "--http", "127.0.0.1:" + ServeCommandTest.freePort()}, {"daemon"}, {"bounces", "process"}}) {
            err.getBuffer().setLength(0);
            String[] args = new String[cmd.length + 2];
            System.arraycopy(cmd, 0, args, 0, cmd.length);
            args[cmd.length] = "-c";
            args[cmd.length + 1] = c.toString();
            assertEquals(2, Main.run(env, args), String.join(" ", cmd) + ": " + err);
            assertTrue(err.toString().contains(key().toString()) && err.toString().contains("keys init"), String.join(" ", cmd) + ": " + err);
            assertFalse(Files.exists(key()), "not created by " + cmd[0]);
        }
    }

    @Test
    void keysInitCreatesAPrivateKeyInAPrivateDirectoryAndLeavesAnExistingOneAlone() throws Exception {
        Path c = config("");
        assertEquals(0, Main.run(env, "keys", "init", "-c", c.toString()), err.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key().getParent())));
        assertTrue(out.toString().contains("created the token key " + key()), out.toString());
        String first = Files.readString(key());
        assertEquals(0, Main.run(env, "keys", "init", "-c", c.toString()));
        assertTrue(out.toString().contains("exists; nothing changed"), out.toString());
        assertTrue(out.toString().contains("`listguard keys rotate -c " + c + "` replaces it"), "printed with the invocation's -c: " + out);
        assertEquals(first, Files.readString(key()));
        assertFalse(out.toString().contains(first.strip()), "the key is never printed");
    }

    @Test
    void aKeyReadableByOthersIsRefusedWithTheFix() throws Exception {
        Path c = config("");
        assertEquals(0, Main.run(env, "keys", "init", "-c", c.toString()));
        Files.setPosixFilePermissions(key(), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(2, Main.run(env, "serve", "-c", c.toString(), "--http", "127.0.0.1:" + ServeCommandTest.freePort()));
        assertTrue(err.toString().contains("chmod 600 " + key()), err.toString());
    }

    @Test
    void rotateKeepsThePreviousKeyVerifyingForTheGivenPeriodOnly() throws Exception {
        Path c = config("");
        assertEquals(0, Main.run(env, "keys", "init", "-c", c.toString()));
        Config config = new ConfigLoader().load(c);
        String oldToken = new KeyedTokens(TokenKeys.forConfig(config)).issue(new VerpToken("r1", 1), VerpToken.Purpose.UNSUBSCRIBE);
        assertEquals(0, Main.run(env, "keys", "rotate", "--keep", "30d", "-c", c.toString()), err.toString());
        Path previous = dir.resolve("etc/data/token.key.previous");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(previous)));
        assertTrue(out.toString().contains("verifies until"), out.toString());

        Instant now = Instant.now();
        KeyedTokens during = new KeyedTokens(TokenKeys.forConfig(config, now.plus(Duration.ofDays(29))));
        assertTrue(during.check(oldToken, VerpToken.Purpose.UNSUBSCRIBE) instanceof KeyedTokens.Check.Valid, "the old link still works");
        String newToken = during.issue(new VerpToken("r1", 1), VerpToken.Purpose.UNSUBSCRIBE);
        assertFalse(newToken.equals(oldToken), "new tokens use the new key");
        KeyedTokens after = new KeyedTokens(TokenKeys.forConfig(config, now.plus(Duration.ofDays(31))));
        assertFalse(after.check(oldToken, VerpToken.Purpose.UNSUBSCRIBE) instanceof KeyedTokens.Check.Valid, "retired after --keep");
        assertTrue(after.check(newToken, VerpToken.Purpose.UNSUBSCRIBE) instanceof KeyedTokens.Check.Valid);
    }

    @Test
    void aFirstSendCreatesTheKeyAndSaysSo() throws Exception {
        Config config = new ConfigLoader().load(config(""));
        TokenKeys.forSending(config);
        assertTrue(Files.exists(key()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key())));
    }
}
