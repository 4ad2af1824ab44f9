package uk.councilinbox.local;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code bin/run}: the whole system on 127.0.0.1 until Ctrl-C or SIGTERM. */
public final class LocalRun {

    private LocalRun() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        LocalSystem system = new LocalSystem(LocalSystem.Options.defaults(port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping...");
            system.close();
            system.emulators().close();
            System.out.println("stopped");
            stopped.countDown();
        }, "local-run-stop"));
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("""
                webhooks:      %1$s/webhooks/meta | /webhooks/whatsapp | /webhooks/x
                outbox:        %1$s/_local/outbox
                dynamodb:      %2$s (table %3$s)
                sqs:           %4$s
                function logs: target/local-logs/
                ready on %1$s in %5$.1f s
                """, system.baseUrl(), system.emulators().dynamoEndpoint(), system.resources().table(),
                system.emulators().sqsEndpoint(), startup.toMillis() / 1000.0);
        System.out.flush();
        stopped.await();
    }
}
