package org.listguard.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The example config with absolute paths and the sandbox world beside it, in a temp directory. */
final class SandboxExampleConfig {
    private SandboxExampleConfig() {}

    static Path exampleConfig(Path dir) throws Exception {
        String yaml = Files.readString(Path.of("config/listguard.yaml"));
        Path root = Path.of("").toAbsolutePath();
        yaml = org.listguard.testing.ExampleConfig.withAbsolutePaths(yaml);
        Path cfg = dir.resolve("listguard.yaml");
        Files.writeString(cfg, yaml);
        Files.createDirectories(dir.resolve("sandbox"));
        try (var files = Files.list(Path.of("config/sandbox"))) {
            for (Path p : files.toList()) Files.copy(p, dir.resolve("sandbox").resolve(p.getFileName()));
        }
        return cfg;
    }
}
