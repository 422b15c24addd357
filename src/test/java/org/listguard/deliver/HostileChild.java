package org.listguard.deliver;

/**
 * Run by {@link ReplyCapTest} in a child JVM with -Xmx256m: submits one message to a relay whose
 * EHLO reply is a 300 MB line, prints the outcome ("RESULT deferred EHLO …") and exits 0. Without
 * the cap this ends in OutOfMemoryError.
 */
public final class HostileChild {
    private HostileChild() {}

    public static void main(String[] args) throws Exception {
        try (HostileSmtpServer server = new HostileSmtpServer(300L * 1024 * 1024);
             RelaySession s = new AngusMailRelay("client.example.org").open(TestMessages.plain(server.port()), new char[0])) {
            SubmitResult r = s.submit(new Envelope("bounces@example.org", "a@example.com"), TestMessages.message("a@example.com"));
            System.out.println("RESULT " + r.outcome().json() + " " + r.stage() + " sent=" + server.sent + " " + r.text());
        }
        System.out.flush();
        System.exit(0);
    }
}
