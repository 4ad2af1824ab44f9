package uk.councilinbox.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;

/** The council's works systems (README, "Works system"): where reports are sent over Open311 and changes fetched from. */
@ConfigMapping(prefix = "works")
public interface WorksConfig {

    /** The works queue (WORKS_QUEUE_URL): set for the functions that queue or consume reports. */
    @WithName("queue-url")
    Optional<String> queueUrl();

    /** How far back the sweep looks for reports not yet sent (longer than any pin wait). */
    @WithName("look-back-minutes")
    @WithDefault("120")
    int lookBackMinutes();

    /** A report queued this long ago and still not taken or refused is queued again (longer than the queue's retries). */
    @WithName("requeue-after-minutes")
    @WithDefault("60")
    int requeueAfterMinutes();

    /** Each fetch of changes starts this long before the last one ended. */
    @WithName("overlap-minutes")
    @WithDefault("10")
    int overlapMinutes();

    /** How far back the first fetch of a system's changes goes. */
    @WithName("first-fetch-hours")
    @WithDefault("24")
    int firstFetchHours();

    /** Retries of a refused or failed send through the works queue: base x 2^(receives - 1), capped. */
    @WithName("retry-base-seconds")
    @WithDefault("30")
    int retryBaseSeconds();

    @WithName("retry-max-seconds")
    @WithDefault("900")
    int retryMaxSeconds();

    /** The works queue's maxReceiveCount: the last attempt records the failure on the case before the dead-letter queue. */
    @WithName("max-receives")
    @WithDefault("5")
    int maxReceives();

    @WithName("connect-timeout-ms")
    @WithDefault("3000")
    int connectTimeoutMs();

    @WithName("read-timeout-ms")
    @WithDefault("10000")
    int readTimeoutMs();

    /**
     * The public API's base URL ({@code ApiUrl}): a report with photos is sent with a {@code media_url} under it, a
     * signed link that expires ({@code MediaLinks}). Absent: reports go without one.
     */
    @WithName("media-base-url")
    Optional<String> mediaBaseUrl();

    /** By name ("highways"); a system with no endpoint is off. */
    Map<String, System> systems();

    interface System {
        /** The GeoReport v2 base URL (before {@code requests.json}); empty: this system is off. */
        Optional<String> endpoint();

        /** Sent as {@code api_key}; from Secrets Manager in AWS (a dynamic reference), the environment locally. */
        @WithName("api-key")
        Optional<String> apiKey();

        Optional<String> jurisdiction();

        /** Our service code to theirs. */
        Map<String, String> services();

        /** {@code attribute[name]} values sent with each request ({@code {reference}} and {@code {service}} are filled in). */
        Map<String, String> attributes();

        /** Their status or external status code (lower case) to ours (a CaseStatus label), over the usual ones. */
        Map<String, String> statuses();

        /** {@code service_request_updates}, {@code requests_updated_after} or {@code none}. */
        @WithDefault("service_request_updates")
        String feed();

        @WithName("pin-wait-minutes")
        @WithDefault("10")
        int pinWaitMinutes();
    }
}
