package uk.councilinbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The application's own settings (application.properties; environment variables override). */
@ConfigMapping(prefix = "inbox")
public interface InboxConfig {

    String table();

    @WithName("inbound-queue-url")
    String inboundQueueUrl();

    @WithName("outbound-queue-url")
    String outboundQueueUrl();

    Meta meta();

    X x();

    Webhook webhook();

    Triage triage();

    interface Triage {
        /** Messages classified with less confidence than this go to a person ({@code needs_review}). */
        @WithName("review-below")
        double reviewBelow();
    }

    interface Meta {
        @WithName("app-secret")
        String appSecret();

        @WithName("verify-token")
        String verifyToken();

        @WithName("graph-url")
        String graphUrl();

        @WithName("page-access-token")
        String pageAccessToken();
    }

    interface X {
        @WithName("consumer-secret")
        String consumerSecret();
    }

    interface Webhook {
        @WithName("max-body-bytes")
        int maxBodyBytes();
    }
}
