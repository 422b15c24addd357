package org.listguard.deliver.sandbox;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.listguard.deliver.sandbox.SandboxScript.Command;
import org.listguard.deliver.sandbox.SandboxScript.Response;

/**
 * One client connection of the {@link SandboxSmtpServer}: the SMTP state machine (RFC 5321 §4.1),
 * with command pipelining when the server offers it (RFC 2920 §3.2): commands are read from one
 * input buffer ({@link ServerInput}) and answered in order, one reply each; the replies to a
 * group's RSET, MAIL and RCPT commands are held and go with the reply to the command ending the
 * group (DATA, or any other), or as soon as the server would wait for more input.
 */
final class SandboxConnection {
    private static final int MAX_LINE = 4096;   // RFC 5321 §4.5.3.1.4/6: 512 (commands), 1000 (text); be lenient
    private static final String HOST = "sandbox.listguard.invalid";

    private final SandboxSmtpServer server;
    private final boolean pipelining;
    private final InputStream in;
    private final OutputStream out;
    private final String clientIp;
    private String helo;
    private String from;
    private final List<String> recipients = new ArrayList<>();
    /** Whether the reply being written may wait for the next one (a pipelined RSET, MAIL or RCPT). */
    private boolean holding;

    SandboxConnection(SandboxSmtpServer server, Socket s) throws IOException {
        this.server = server;
        this.pipelining = server.pipelining();
        this.out = new BufferedOutputStream(s.getOutputStream());
        this.in = new ServerInput(s.getInputStream(), out);
        this.clientIp = s.getInetAddress().getHostAddress();
    }

    /** Serves the connection until QUIT, a hang-up, a 421 or the client's end of stream (the caller closes the socket). */
    void run() throws IOException {
        dialogue();
        out.flush();   // replies held for a group the server then hung up on, or answered with 421, still go
    }

    private void dialogue() throws IOException {
        if (!respond(Command.CONNECT, null, 0, "220 " + HOST + " ESMTP listguard sandbox")) return;
        String line;
        while ((line = readLine()) != null) {
            String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT).strip();
            String arg = line.length() > 4 ? line.substring(4).strip() : "";
            holding = pipelining && (verb.equals("RSET") || verb.equals("MAIL") || verb.equals("RCPT"));
            boolean goOn = switch (verb) {
                case "EHLO" -> ehlo(arg, true);
                case "HELO" -> ehlo(arg, false);
                case "AUTH" -> auth(arg);
                case "MAIL" -> mail(arg);
                case "RCPT" -> rcpt(arg);
                case "DATA" -> data();
                case "RSET" -> { reset(); yield send("250 2.0.0 Ok"); }
                case "NOOP" -> send("250 2.0.0 Ok");
                case "QUIT" -> { send("221 2.0.0 Bye"); yield false; }
                default -> send("502 5.5.2 Error: command not recognized");
            };
            if (!goOn) return;
        }
    }

    private boolean ehlo(String arg, boolean extended) throws IOException {
        helo = arg.isEmpty() ? clientIp : arg;
        reset();
        String ok = extended
                ? "250-" + HOST + (pipelining ? "\n250-PIPELINING" : "") + "\n250-SIZE " + SandboxSmtpServer.MAX_SIZE + "\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250 AUTH PLAIN LOGIN"
                : "250 " + HOST;
        return respond(Command.EHLO, null, 0, ok);
    }

    /** AUTH PLAIN / LOGIN (RFC 4954, 4616): any credentials are accepted unless scripted otherwise. */
    private boolean auth(String arg) throws IOException {
        String[] p = arg.split(" ");
        String mech = p[0].toUpperCase(Locale.ROOT);
        if (mech.equals("PLAIN")) {
            if (p.length < 2) {
                if (!send("334 ") || readLine() == null) return false;
            }
        } else if (mech.equals("LOGIN")) {
            if (p.length < 2 && (!send("334 VXNlcm5hbWU6") || readLine() == null)) return false;
            if (!send("334 UGFzc3dvcmQ6") || readLine() == null) return false;
        } else {
            return send("504 5.5.4 Unrecognized authentication type");
        }
        return respond(Command.AUTH, null, 0, "235 2.7.0 Authentication successful");
    }

    private boolean mail(String arg) throws IOException {
        Optional<String> addr = address(arg, "FROM:");
        if (addr.isEmpty()) return send("501 5.5.4 Syntax: MAIL FROM:<address>");
        reset();
        Optional<Response> r = server.script().decide(Command.MAIL, addr.get(), server.accepted(), 0);
        if (r.isEmpty() || positive(r.get())) from = addr.get();
        return respond(r, "250 2.1.0 Ok");
    }

    private boolean rcpt(String arg) throws IOException {
        if (from == null) return send("503 5.5.1 Error: need MAIL command");
        Optional<String> addr = address(arg, "TO:");
        if (addr.isEmpty()) return send("501 5.5.4 Syntax: RCPT TO:<address>");
        String rcpt = addr.get();
        int attempt = server.nextAttempt(rcpt);
        Optional<Response> r = server.script().decide(Command.RCPT, rcpt, server.accepted(), attempt);
        if (r.isEmpty() || positive(r.get())) recipients.add(rcpt);
        return respond(r, "250 2.1.5 Ok");
    }

    private boolean data() throws IOException {
        if (recipients.isEmpty()) return send("503 5.5.1 Error: need RCPT command");
        String first = recipients.get(0);
        int attempt = server.attemptsSoFar(first);
        Optional<Response> r = server.script().decide(Command.DATA, first, server.accepted(), attempt);
        if (r.isPresent() && !r.get().hangUp() && !r.get().reply().startsWith("354")) return respond(r, "");
        if (!respond(r, "354 End data with <CR><LF>.<CR><LF>")) return false;
        byte[] body = readData();
        if (body == null) return false;
        Optional<Response> end = server.script().decide(Command.END_OF_DATA, first, server.accepted(), attempt);
        if (body.length > SandboxSmtpServer.MAX_SIZE) {
            reset();
            return send("552 5.3.4 Error: message file too big");
        }
        if (end.isPresent() && !positive(end.get())) {
            reset();
            return respond(end, "");
        }
        String queueId = server.nextQueueId();
        for (String rcpt : recipients) server.accept(from, rcpt, queueId, withTrace(rcpt, queueId, body));
        reset();
        return respond(end, "250 2.0.0 Ok: queued as " + queueId);
    }

    /** RFC 5321 §4.4 trace header plus the envelope, so the .eml shows who it was for. */
    private byte[] withTrace(String rcpt, String queueId, byte[] body) {
        String date = ZonedDateTime.now(server.clock()).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String head = "X-Envelope-From: <" + from + ">\r\nX-Envelope-To: <" + rcpt + ">\r\n"
                + "Received: from " + helo + " ([" + clientIp + "])\r\n\tby " + HOST + " (listguard sandbox) with ESMTP id "
                + queueId + "\r\n\tfor <" + rcpt + ">; " + date + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Reads the body up to the lone "." line, undoing dot-stuffing (RFC 5321 §4.5.2); null on EOF. */
    private byte[] readData() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            line.write(c);
            if (c != '\n') continue;
            byte[] l = line.toByteArray();
            line.reset();
            int len = l.length - (l.length >= 2 && l[l.length - 2] == '\r' ? 2 : 1);
            if (len == 1 && l[0] == '.') return body.toByteArray();
            int start = len > 0 && l[0] == '.' ? 1 : 0;
            if (body.size() <= SandboxSmtpServer.MAX_SIZE) {
                body.write(l, start, len - start);
                body.write('\r');
                body.write('\n');
            }
        }
        return null;
    }

    private boolean respond(Command c, String address, int attempt, String normal) throws IOException {
        return respond(server.script().decide(c, address, server.accepted(), attempt), normal);
    }

    /** Sends the scripted or the normal reply; false when the connection must end (hang-up, 421). */
    private boolean respond(Optional<Response> scripted, String normal) throws IOException {
        if (scripted.isPresent() && scripted.get().hangUp()) return false;
        String reply = scripted.map(Response::reply).orElse(normal);
        return send(reply) && code(reply) != 421;
    }

    private static boolean positive(Response r) {
        return !r.hangUp() && code(r.reply()) / 100 == 2;
    }

    private static int code(String reply) {
        try {
            return Integer.parseInt(reply.substring(0, 3));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Writes a reply; "\n" separates lines of a multi-line reply (RFC 5321 §4.2.1: "NNN-" until the last). */
    private boolean send(String reply) throws IOException {
        String[] lines = reply.split("\n");
        String code = lines[0].length() >= 3 ? lines[0].substring(0, 3) : "250";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i];
            if (text.length() >= 4 && text.startsWith(code) && (text.charAt(3) == ' ' || text.charAt(3) == '-')) text = text.substring(4);
            else if (text.equals(code)) text = "";
            sb.append(code).append(i == lines.length - 1 ? ' ' : '-').append(text).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        if (!holding) out.flush();
        return true;
    }

    private static Optional<String> address(String arg, String prefix) {
        if (!arg.regionMatches(true, 0, prefix, 0, prefix.length())) return Optional.empty();
        String rest = arg.substring(prefix.length()).strip();
        int lt = rest.indexOf('<');
        int gt = rest.indexOf('>');
        if (lt != 0 || gt < 0) return Optional.empty();
        return Optional.of(rest.substring(1, gt));
    }

    private void reset() {
        from = null;
        recipients.clear();
    }

    /** One command line (CRLF or bare LF), bounded in length; null at end of stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] l = b.toByteArray();
                int len = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
                return new String(l, 0, len, StandardCharsets.UTF_8);
            }
            if (b.size() < MAX_LINE) b.write(c);
        }
        return null;
    }
}
