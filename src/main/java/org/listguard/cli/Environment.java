package org.listguard.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What a command gets from the outside world, injected so that tests run the real command line:
 * the clock, environment variables (secrets by reference), output streams, and whether a person
 * is at a terminal.
 */
public record Environment(Clock clock, Map<String, String> vars, PrintWriter out, PrintWriter err, boolean interactive) {
    public static Environment system() {
        return new Environment(Clock.systemUTC(), System.getenv(),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null);
    }
}
