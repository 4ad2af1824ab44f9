package uk.councilinbox.local;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code bin/run}: the whole system on 127.0.0.1 until Ctrl-C or SIGTERM. */
public final class LocalRun {

    private LocalRun() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        LocalSystem system;
        try {
            system = new LocalSystem(LocalSystem.Options.defaults(port));
        } catch (Exception e) {
            // The emulators' threads would keep the JVM alive: say why, in one line, and stop.
            System.err.println("could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
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
                staff console: %1$s/console/   (sign-in: the local OpenID provider %1$s/_local/oidc/, or a local token)
                staff API:     %1$s/api/cases   OpenAPI: %1$s/q/openapi   Open311: %1$s/open311/v2/services.json
                outbox:        %1$s/_local/outbox   (faults: POST %1$s/_local/faults)
                dynamodb, s3:  %2$s (moto; table %3$s)
                sqs:           %4$s (ElasticMQ)
                logs:          target/local-logs/ (functions), target/emulators/ (moto)
                ready on %1$s in %5$.1f s
                """, system.baseUrl(), system.emulators().dynamoEndpoint(), system.resources().table(),
                system.emulators().sqsEndpoint(), startup.toMillis() / 1000.0);
        System.out.flush();
        stopped.await();
    }
}
