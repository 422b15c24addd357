package org.listguard.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.listguard.config.Config;
import org.listguard.config.ConfigSource;
import org.listguard.config.Durations;
import org.listguard.journal.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "config", header = "Show the effective configuration.", mixinStandardHelpOptions = true,
        description = "The configuration listguard would use, after discovery and command-line overrides.",
        subcommands = ConfigCommand.Show.class)
public final class ConfigCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: show");
    }

    @Command(name = "show", header = "Print the effective configuration with secrets masked.", mixinStandardHelpOptions = true,
            description = {"Prints the configuration listguard would use: the file found (-c, $LISTGUARD_CONFIG,",
                "./config/listguard.yaml, /etc/listguard/listguard.yaml), with --dns and --journal applied and every default filled in.",
                "Secrets are masked: passwords are only ever references (password_env, password_file), and a password in a",
                "journal URL is shown as ***. Exit 0, or 2 when the config has an error."})
    static final class Show implements Callable<Integer> {
        private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|api_key|passphrase)$");

        @Mixin
        GlobalOptions global;

        @Option(names = "--format", paramLabel = "yaml|json", defaultValue = "yaml", description = "output format (default: ${DEFAULT-VALUE})")
        String format;

        private final Environment env;

        Show(Environment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            if (!format.equals("yaml") && !format.equals("json")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--format is yaml or json, not '" + format + "'");
            }
            Config c = global.load();
            ObjectNode tree = mapper().valueToTree(c);
            tree.remove("source");
            mask(tree);
            ObjectNode top = org.listguard.report.Json.mapper().createObjectNode();
            top.put("file", global.config.toString());
            top.put("found_by", global.configFoundBy());
            tree.fields().forEachRemaining(e -> top.set(e.getKey(), e.getValue()));
            String text = format.equals("json") ? org.listguard.report.Json.write(top) + "\n"
                    : new ObjectMapper(YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build()).writeValueAsString(top);
            env.out().print(text);
            env.out().flush();
            return ExitCode.OK;
        }

        /** Secrets masked wherever they could appear: a key that names one, a password in a URL. */
        static void mask(JsonNode n) {
            if (n instanceof ObjectNode o) {
                for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isTextual() && SECRET_KEY.matcher(e.getKey()).matches()) e.setValue(new TextNode("***"));
                    else if (e.getValue().isTextual()) e.setValue(new TextNode(maskUrl(e.getValue().asText())));
                    else mask(e.getValue());
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    JsonNode x = n.get(i);
                    if (x.isTextual()) ((com.fasterxml.jackson.databind.node.ArrayNode) n).set(i, new TextNode(maskUrl(x.asText())));
                    else mask(x);
                }
            }
        }

        private static String maskUrl(String s) {
            return Journal.redacted(s).replaceAll("(://[^/:@\\s]+:)[^@/\\s]+@", "$1***@");
        }

        private static ObjectMapper mapper() {
            SimpleModule m = new SimpleModule("config-show");
            m.addSerializer(Duration.class, new JsonSerializer<>() {
                @Override
                public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeString(Durations.format(d));
                }
            });
            m.addSerializer(Path.class, new JsonSerializer<>() {
                @Override
                public void serialize(Path v, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeString(v.toString());
                }
            });
            m.addSerializer(InetAddress.class, new JsonSerializer<>() {
                @Override
                public void serialize(InetAddress v, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeString(v.getHostAddress());
                }
            });
            m.addSerializer(ConfigSource.class, new JsonSerializer<>() {
                @Override
                public void serialize(ConfigSource v, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeNull();
                }
            });
            return org.listguard.config.ConfigMapper.json().registerModule(m)
                    .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
        }
    }
}
