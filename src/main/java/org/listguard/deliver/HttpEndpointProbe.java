package org.listguard.deliver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.listguard.audit.bulk.EndpointProbe;

/** {@link EndpointProbe} over the JDK's HTTP client: one GET, 5 s to connect, 10 s in all, no redirects followed. */
public final class HttpEndpointProbe implements EndpointProbe {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public CompletableFuture<Answer> probe(URI url) {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build();
        return client.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> new Answer(r.statusCode(), null))
                .exceptionally(e -> new Answer(Answer.UNREACHABLE, String.valueOf(e.getCause() != null ? e.getCause() : e)));
    }
}
