package org.listguard.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.listguard.InputException;
import org.listguard.compose.KeyedTokens;
import org.listguard.compose.TokenKeys;
import org.listguard.config.Config;
import org.listguard.config.Defaults;
import org.listguard.config.HostPort;
import org.listguard.journal.Journal;
import org.listguard.unsubscribe.ClickDesk;
import org.listguard.unsubscribe.RateLimiter;
import org.listguard.unsubscribe.UnsubscribeUrl;
import org.listguard.unsubscribe.Unsubscriber;
import org.listguard.unsubscribe.http.OneClickServer;
import org.listguard.unsubscribe.http.PemTls;
import org.listguard.unsubscribe.http.ServeLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the RFC 8058 one-click unsubscribe endpoint at the path of
 * {@code sender.unsubscribe_url}, on loopback by default (put a TLS reverse proxy in front).
 * Runs until SIGTERM/SIGINT. Exit 2 when the address cannot be bound or the config is wrong.
 */
@Command(name = "serve", header = "Serve the one-click unsubscribe endpoint (RFC 8058) until stopped.", mixinStandardHelpOptions = true,
        description = {"Answer one-click unsubscribes at the path of sender.unsubscribe_url: POST with",
            "List-Unsubscribe=One-Click unsubscribes the member (reason unsubscribe, journaled, UTC); GET shows a",
            "confirmation page whose button POSTs (GET never changes anything); /healthz answers ok.",
            "Binds " + Defaults.SERVE_HTTP + " by default: put nginx or Apache with TLS in front of it.",
            "Stops on SIGTERM after the requests in flight (exit 143); 2 bad config, missing token key or address in use."})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global;

    @Option(names = "--http", paramLabel = "ADDR:PORT", defaultValue = Defaults.SERVE_HTTP,
            description = "address to listen on (default: ${DEFAULT-VALUE}, loopback)")
    String http;

    @Option(names = "--https", paramLabel = "ADDR:PORT",
            description = "also listen with TLS, from the PEM files of serve.tls (reloaded when they change); e.g. 0.0.0.0:443")
    String https;

    private final Environment env;

    public ServeCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Config config = global.load();
        TokenKeys.forConfig(config); // before anything is opened: refuse a missing or shared key, naming it
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        String journalUrl = StatusCommand.journalUrl(global); // --sandbox: the sandbox's journal
        try (Journal journal = StatusCommand.open(journalUrl, env);
             OneClickServer server = start(config, journalUrl, journal, env, http, https)) {
            // SIGTERM: the JVM exits when its hooks return, so the hook waits for the graceful stop below
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await(ServeLimits.DEFAULT.stopTimeout().toSeconds() + 5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "listguard-shutdown"));
            stopped.await();
        } finally {
            closed.countDown();
        }
        return ExitCode.OK;
    }

    /** Starts the endpoint for this config and journal on {@code http} (ADDR:PORT) and says where; also used by {@code daemon --http}. */
    static OneClickServer start(Config config, Journal journal, Environment env, String http) {
        return start(config, config.journal().url(), journal, env, http, null);
    }

    /**
     * @param journalUrl where {@code journal} was opened: the endpoint reconnects there after a journal failure
     * @param https      null, or ADDR:PORT of a TLS listener with serve.tls's PEM files
     */
    static OneClickServer start(Config config, String journalUrl, Journal journal, Environment env, String http, String https) {
        HostPort at;
        try {
            at = HostPort.parse(http, 8025);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, 0, "--http", e.getMessage());
        }
        OneClickServer.Https tls = null;
        if (https != null) {
            if (config.serve().tls() == null) {
                throw new InputException(null, 0, "--https", "needs serve.tls: { certificate: FULLCHAIN.pem, key: PRIVKEY.pem } in the config");
            }
            try {
                tls = new OneClickServer.Https(HostPort.parse(https, 443).socketAddress(),
                        new PemTls(config.serve().tls().certificate(), config.serve().tls().key(), config.serve().tls().checkEvery()));
            } catch (IllegalArgumentException e) {
                throw new InputException(null, 0, "--https", e.getMessage());
            }
        }
        UnsubscribeUrl url;
        try {
            url = UnsubscribeUrl.of(config.sender().unsubscribeUrl());
        } catch (IllegalArgumentException e) {
            throw config.source().error("sender.unsubscribe_url", e.getMessage());
        }
        KeyedTokens tokens = new KeyedTokens(TokenKeys.forConfig(config));
        ServeLimits limits = ServeLimits.DEFAULT;
        // after a journal failure (PostgreSQL restarted) the next request reconnects; meanwhile requests get 503
        ClickDesk desk = new ClickDesk(new Unsubscriber(journal, tokens, env.clock()), j -> new Unsubscriber(j, tokens, env.clock()),
                () -> Journal.open(journalUrl, env.clock()), limits.journalWait(), 4 * limits.threads());
        OneClickServer server;
        try {
            server = OneClickServer.start(at.socketAddress(), tls, url, desk, RateLimiter.standard(env.clock()), config.serve().proxies(), limits);
        } catch (IOException e) {
            throw new InputException(null, 0, https == null ? "--http" : "--http/--https", "cannot listen on " + at
                    + (https == null ? "" : " / " + https) + ": " + e.getMessage());
        }
        env.err().println("listguard serve: one-click unsubscribe on http://" + at.host() + ":" + server.address().getPort()
                + (url.queryParam() != null ? url.path() + "?" + url.queryParam() + "=TOKEN" : url.path() + "TOKEN" + url.pathSuffix())
                + (config.sender().unsubscribeUrl() == null ? " (sender.unsubscribe_url is not set: messages carry no one-click link)"
                        : " for " + config.sender().unsubscribeUrl())
                + (server.httpsAddress() == null ? "" : "; https on port " + server.httpsAddress().getPort() + " (certificate re-read when "
                        + config.serve().tls().certificate().getFileName() + " changes)")
                + "; health on /healthz; stop with SIGTERM");
        env.err().flush();
        return server;
    }
}
