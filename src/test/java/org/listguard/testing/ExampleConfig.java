package org.listguard.testing;

import java.nio.file.Path;

/** The shipped config/listguard.yaml made to load from any directory: its repository files as absolute paths. */
public final class ExampleConfig {
    private ExampleConfig() {}

    /** The example's relative paths (relative to config/, issue 20) → absolute paths into this repository. */
    public static String withAbsolutePaths(String yaml) {
        Path root = Path.of("").toAbsolutePath();
        return yaml.replace("private_key: dkim/news.pem", "private_key: " + root.resolve("config/dkim/news.pem"))
                .replace("../lists/members.csv", root.resolve("lists/members.csv").toString())
                .replace("../templates/newsletter", root.resolve("templates/newsletter").toString());
    }
}
