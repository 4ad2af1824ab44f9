package uk.councilinbox.testing;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@link InboxConfig} for plain unit tests: the shared settings (META-INF/microprofile-config.properties) read by SmallRye Config, as the
 * application reads it, so tests see the same local defaults and every new setting.
 */
public final class TestConfig {

    private TestConfig() {}

    public static InboxConfig defaults() {
        return with(Map.of());
    }

    /** The defaults with some properties set (names as in application.properties). */
    public static InboxConfig with(Map<String, String> overrides) {
        URL properties = TestConfig.class.getResource("/META-INF/microprofile-config.properties");
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withSources(new PropertiesConfigSource(properties))
                    .withSources(new PropertiesConfigSource(Map.of(
                            "inbox.inbound-queue-url", "http://127.0.0.1:1/queue/inbound.fifo",
                            "inbox.outbound-queue-url", "http://127.0.0.1:1/queue/outbound.fifo"), "unit-test", 500))
                    .withSources(new PropertiesConfigSource(overrides, "unit-test-overrides", 600))
                    .withMapping(InboxConfig.class)
                    .build();
            return config.getConfigMapping(InboxConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
