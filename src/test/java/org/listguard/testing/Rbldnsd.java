package org.listguard.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * rbldnsd, the server DNS blocklists run, serving one ip4set zone on {@code address}:53 of the
 * loopback range: a real DNSBL for a Postfix receiver's {@code reject_rbl_client}. The glibc
 * resolver has no port setting, so it must be port 53; a private loopback address keeps it apart
 * from a system resolver. Zone changes are picked up within a second ({@code -c 1}); {@link #list}
 * and {@link #delist} wait until the server answers accordingly.
 */
public final class Rbldnsd implements AutoCloseable {
    private final String address;
    private final String zone;
    private final Path file;
    private final Process process;

    private Rbldnsd(String address, String zone, Path file, Process process) {
        this.address = address;
        this.zone = zone;
        this.file = file;
        this.process = process;
    }

    /** Starts rbldnsd for {@code zone} on {@code address}:53 with an empty list, data in {@code dir}. */
    public static Rbldnsd start(Path dir, String address, String zone) throws IOException, InterruptedException {
        Path rbldnsd = Peers.require("rbldnsd");
        Peers.requireRoot("rbldnsd on port 53");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve("zone");
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Process p = new ProcessBuilder(List.of(rbldnsd.toString(), "-n", "-q", "-c", "1", "-b", address + "/53", "-w", dir.toString(),
                "-u", "nobody", zone + ":ip4set:zone")).redirectErrorStream(true).redirectOutput(dir.resolve("rbldnsd.log").toFile()).start();
        Rbldnsd server = new Rbldnsd(address, zone, file, p);
        try {
            server.await(false, Duration.ofSeconds(10));
        } catch (IOException e) {
            server.close();
            throw new IOException(e.getMessage() + ": " + Files.readString(dir.resolve("rbldnsd.log")), e);
        }
        return server;
    }

    /** Lists {@code ip} with A 127.0.0.2 and the TXT {@code text} ({@code $} is replaced by the IP, as rbldnsd does). */
    public void list(String ip, String text) throws IOException, InterruptedException {
        write(ip + " :127.0.0.2:" + text + "\n");
        await(true, Duration.ofSeconds(10));
    }

    /** Removes every listing. */
    public void delist(String ip) throws IOException, InterruptedException {
        write("");
        await(false, Duration.ofSeconds(10));
    }

    private void write(String content) throws IOException {
        Path tmp = file.resolveSibling("zone.tmp");
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        // rbldnsd compares modification times in whole seconds: make this version's differ from the last one
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
    }

    /** Polls the server with real DNS queries until it answers, and the watched IP's listing is {@code listed}. */
    private void await(boolean listed, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (System.nanoTime() < end) {
            if (!process.isAlive()) throw new IOException("rbldnsd exited with " + process.exitValue());
            try {
                query("2.0.0.127." + zone);   // any answer: the server is up
                if (probe == null || (query(probe) == Rcode.NOERROR) == listed) return;
                last = listed ? "not listed yet" : "still listed";
            } catch (SocketTimeoutException e) {
                last = "timeout";
            }
            Thread.sleep(100); // polling a peer's reload, not timing an assertion
        }
        throw new IOException("rbldnsd on " + address + " did not answer as expected (" + last + ")");
    }

    private String probe;

    /** The name {@link #list} and {@link #delist} wait on: the reversed IP under the zone. */
    public Rbldnsd watching(String ip) {
        String[] o = ip.split("\\.");
        this.probe = o[3] + "." + o[2] + "." + o[1] + "." + o[0] + "." + zone;
        return this;
    }

    private int query(String name) throws IOException {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, 1));
        byte[] wire = q.toWire();
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(500);
            InetAddress to = InetAddress.getByName(address);
            s.send(new DatagramPacket(wire, wire.length, to, 53));
            byte[] buf = new byte[512];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return new Message(java.util.Arrays.copyOf(buf, p.getLength())).getRcode();
        }
    }

    public String address() { return address; }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
