package org.listguard.audit.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Where checks run libraries that block (jSPF's synchronous executor, jDKIM's key lookup): a
 * cached pool of daemon threads, so a blocked lookup never holds up other checks or the JVM's
 * exit. Each blocking call is itself bounded by the DNS client's timeout.
 */
final class Blocking {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "listguard-auth");
        t.setDaemon(true);
        return t;
    });

    private Blocking() {}

    static <T> CompletableFuture<T> run(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, POOL);
    }
}
