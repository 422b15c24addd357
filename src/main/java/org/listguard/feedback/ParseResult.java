package org.listguard.feedback;

import java.util.List;

/** What parsing one message gave: its recipients' records, or why it could not be read. */
public sealed interface ParseResult {
    /** The message's name (a file, or file#n for the n-th message of an mbox). */
    String source();

    record Parsed(String source, List<BounceRecord> records) implements ParseResult {
        public Parsed { records = List.copyOf(records); }
    }

    record Failed(String source, String error) implements ParseResult {}
}
