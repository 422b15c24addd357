package org.listguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.listguard.InputException;
import org.listguard.reply.ReplyClassifier;
import org.listguard.feedback.BounceParser;
import org.listguard.feedback.Mailbox;
import org.listguard.feedback.ParseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bounces classify}: parses bounce, DSN, ARF and auto-reply messages and prints one
 * classification per recipient. Reads nothing else (no config, no network, no journal).
 * A message that cannot be parsed is reported on stderr and the others are still printed;
 * exit 2 when no message at all could be read or parsed.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Print the reason and action for every recipient of bounce (RFC 3464 and MTA-specific),",
            "complaint (ARF, RFC 5965) and auto-reply messages. A FILE that begins with an mbox",
            "\"From \" line is read as an mbox. Nothing is sent and no config is read.",
            "Exit 0 when at least one message was classified, 2 when none could be read or parsed."})
public final class BouncesClassifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "message files (.eml)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--maildir", paramLabel = "DIR", description = "read every message of this Maildir (cur/ and new/)")
    List<Path> maildirs = new ArrayList<>();

    @Option(names = "--mbox", paramLabel = "FILE", description = "read every message of this mbox file")
    List<Path> mboxes = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "FILE", description = "reply rules that override the shipped ones (YAML)")
    Path rules;

    @Option(names = "--format", paramLabel = "text|json", description = "output format (default: ${DEFAULT-VALUE}); json: one object per line",
            defaultValue = "text")
    OutputFormat format;

    private final Environment env;

    public BouncesClassifyCommand(Environment env) {
        this.env = env;
    }

    /** One message to parse, or a file that could not be read. */
    private record Input(String name, byte[] data, String error) {}

    @Override
    public Integer call() {
        if (files.isEmpty() && maildirs.isEmpty() && mboxes.isEmpty()) {
            throw new InputException(null, 0, "FILE", "give at least one FILE, --maildir DIR or --mbox FILE");
        }
        BounceParser parser = new BounceParser(ReplyClassifier.withOverride(Optional.ofNullable(rules)));
        List<Input> inputs = collect();
        List<ParseResult> results = new ArrayList<>();
        int unreadable = 0;
        for (Input in : inputs) {
            if (in.error() != null) {
                env.err().println("listguard: " + in.name() + ": " + in.error());
                unreadable++;
                continue;
            }
            ParseResult r = parser.parse(in.name(), in.data());
            if (r instanceof ParseResult.Failed f) env.err().println("listguard: " + f.source() + ": " + f.error());
            results.add(r);
        }
        env.err().flush();
        if (results.isEmpty()) {
            throw new InputException(null, 0, null, unreadable == 1 ? "the input could not be read" : "none of the " + unreadable + " inputs could be read");
        }
        env.out().print(format == OutputFormat.JSON ? BouncesOutput.jsonLines(results) : BouncesOutput.text(results));
        env.out().flush();
        boolean anyParsed = results.stream().anyMatch(r -> r instanceof ParseResult.Parsed);
        return anyParsed ? ExitCode.OK : ExitCode.INPUT;
    }

    private List<Input> collect() {
        List<Input> out = new ArrayList<>();
        for (Path f : files) {
            byte[] data = read(f, out, MAX_MESSAGE);
            if (data == null) continue;
            if (Mailbox.isMbox(data)) addMbox(f, data, out);
            else out.add(new Input(f.toString(), data, null));
        }
        for (Path m : mboxes) {
            byte[] data = read(m, out, Long.MAX_VALUE);
            if (data != null) addMbox(m, data, out);
        }
        for (Path d : maildirs) {
            try {
                for (Path f : Mailbox.maildirFiles(d)) {
                    byte[] data = read(f, out, MAX_MESSAGE);
                    if (data != null) out.add(new Input(f.toString(), data, null));
                }
            } catch (IOException e) {
                out.add(new Input(d.toString(), null, "cannot list Maildir: " + e.getMessage()));
            }
        }
        return out;
    }

    private static void addMbox(Path f, byte[] data, List<Input> out) {
        List<byte[]> msgs = Mailbox.splitMbox(data);
        for (int i = 0; i < msgs.size(); i++) {
            out.add(new Input(msgs.size() == 1 ? f.toString() : f + "#" + (i + 1), msgs.get(i), null));
        }
    }

    /** A message FILE or Maildir file larger than this is reported, not read (bounces.max_message_size's default). */
    private static final long MAX_MESSAGE = org.listguard.config.Sizes.parse(org.listguard.config.Defaults.MAX_MESSAGE_SIZE);

    private static byte[] read(Path f, List<Input> out, long cap) {
        try {
            if (Files.isDirectory(f)) {
                out.add(new Input(f.toString(), null, "is a directory (use --maildir DIR)"));
                return null;
            }
            if (Files.size(f) > cap) {
                out.add(new Input(f.toString(), null, "is " + Files.size(f) + " bytes, over " + cap + " (not read; a bounce is a few KB)"));
                return null;
            }
            return Files.readAllBytes(f);
        } catch (IOException e) {
            out.add(new Input(f.toString(), null, "cannot read: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage())));
            return null;
        }
    }
}
