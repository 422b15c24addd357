package org.listguard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.listguard.testing.TestKeys;

/** The example config made to run from a temp dir: absolute paths to the repository's files, the test key, a given journal. */
final class ServeCommandTestConfigs {
    private ServeCommandTestConfigs() {}

    static Path write(Path dir, String journalUrl) throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        yaml = yaml.replace("jdbc:sqlite:data/listguard.db", journalUrl)
                .replace("\nsender:\n", "\nsender:\n  token_key_file: " + TestKeys.write(dir) + "\n");
        return Files.writeString(dir.resolve("listguard.yaml"), yaml);
    }
}
