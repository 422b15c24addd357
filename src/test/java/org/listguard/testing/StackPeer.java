package org.listguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One child process of the {@link ReceivingStack}, in the foreground, its stdout and stderr
 * appended to {@code dir/name.out.log} (so the output of every run of it stays in the test's log).
 * When it exits while the stack still needs it, the exit is recorded and, within its restart
 * budget, it is started again with the same command (a milter keeps its port, so the Postfix that
 * uses it recovers on its next retry); past the budget it stays dead and {@link #diagnosis} says so.
 */
final class StackPeer {
    private final String name;
    private final List<String> command;
    private final Path log;
    private final int restartBudget;
    private final List<String> exits = new ArrayList<>();
    private Process process;
    private boolean closing;

    private StackPeer(String name, List<String> command, Path log, int restartBudget) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        this.restartBudget = restartBudget;
    }

    /** Starts {@code command}; a peer with {@code restartBudget} 0 is never restarted. */
    static StackPeer start(String name, List<String> command, Path dir, int restartBudget) throws IOException {
        StackPeer peer = new StackPeer(name, command, dir.resolve(name + ".out.log"), restartBudget);
        synchronized (peer) {
            peer.launch();
        }
        return peer;
    }

    String name() { return name; }

    /** The current process (a restart replaces it). */
    synchronized Process process() { return process; }

    synchronized boolean alive() { return process.isAlive(); }

    /** How often it has exited while the stack needed it. */
    synchronized int exits() { return exits.size(); }

    /**
     * Empty while it runs; otherwise what a failing test should say: that it is dead, how each run
     * ended (exit code or signal), and the last lines it wrote.
     */
    synchronized String diagnosis() {
        if (process.isAlive()) return "";
        return name + " is dead (" + String.join("; ", exits) + "; restart budget " + restartBudget + " spent), its last output:\n" + tail(20);
    }

    /** Every exit so far and the state now, for the stack's logs. */
    synchronized String history() {
        return name + (process.isAlive() ? " running" : " dead") + (exits.isEmpty() ? "" : ", exits: " + String.join("; ", exits));
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Process started = process;
        started.onExit().thenAccept(this::exited);
    }

    private synchronized void exited(Process p) {
        if (closing || p != process) return;
        int code = p.exitValue();
        // Java reports a death by signal N as 128 + N (N at most 64); 255 is spamass-milter's exit(-1)
        String how = LocalTime.now() + " " + (code > 128 && code <= 128 + 64 ? "killed by signal " + (code - 128) : "exit " + code);
        exits.add(how);
        System.err.println("ReceivingStack: " + name + " ended (" + how + ")" + (exits.size() <= restartBudget ? ", restarting" : "") + "; its last output:\n" + tail(10));
        if (exits.size() > restartBudget) return;
        try {
            launch();
        } catch (IOException e) {
            exits.add("restart failed: " + e.getMessage());
        }
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops it (SIGTERM, then SIGKILL after 10 s) and any restart with it. */
    void close() {
        Process p;
        synchronized (this) {
            closing = true;
            p = process;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
