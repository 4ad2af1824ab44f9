package uk.councilinbox.channels.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.SendOutcome;
import uk.councilinbox.settings.InboxConfig;

/** Over HTTP to the fake platform, which takes each host's own token and account only: Instagram replies follow the login type. */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class InstagramLoginTypeTest {

    @Inject
    InboxConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MetaSender sender;

    private final FakePlatform platform = EmulatorsTestResource.platform();

    @Test
    void underInstagramLoginAnInstagramReplyGoesToGraphInstagramAsTheAccountWithItsToken() {
        String resident = "igsid-" + UUID.randomUUID();
        assertInstanceOf(SendOutcome.Sent.class, sender.send(reply(resident), new DeliveryPlan.FreeForm()));
        FakePlatform.Sent sent = onlySentTo(resident);
        assertEquals("instagram", sent.channel());
        assertEquals("/instagram/" + config.graphApi().version() + "/" + FakePlatform.INSTAGRAM_ACCOUNT_ID + "/messages", sent.endpoint());
    }

    @Test
    void underFacebookLoginAnInstagramReplyGoesThroughThePageWithThePageToken() {
        InboxConfig.Instagram facebookLogin = new InboxConfig.Instagram() {
            @Override
            public LoginType loginType() {
                return LoginType.FACEBOOK;
            }

            @Override
            public String accountId() {
                return config.instagram().accountId();
            }

            @Override
            public String graphUrl() {
                return config.instagram().graphUrl();
            }

            @Override
            public String accessToken() {
                return config.instagram().accessToken();
            }
        };
        MetaSender viaPage = new MetaSender(config, new MetaSendRoutes(config.meta(), facebookLogin), json);
        String resident = "igsid-" + UUID.randomUUID();

        assertInstanceOf(SendOutcome.Sent.class, viaPage.send(reply(resident), new DeliveryPlan.FreeForm()));

        FakePlatform.Sent sent = onlySentTo(resident);
        assertEquals("/meta/" + config.graphApi().version() + "/" + FakePlatform.PAGE_ID + "/messages", sent.endpoint());
        assertEquals(resident, sent.request().path("recipient").path("id").asText());
    }

    @Test
    void anInstagramReplyIsNeverSentAsAUtilityTemplate() {
        String resident = "igsid-" + UUID.randomUUID();
        SendOutcome outcome = sender.send(reply(resident), new DeliveryPlan.UtilityTemplate("case_status_update", "en_GB", List.of("A", "B")));
        assertInstanceOf(SendOutcome.Refused.class, outcome);
        assertEquals(List.of(), platform.outbox().stream().filter(s -> s.recipient().equals(resident)).toList());
    }

    private static OutboundReply reply(String resident) {
        return new OutboundReply("ack:" + resident, ReplyKind.ACKNOWLEDGEMENT, "ABCD-EFGH", Channel.INSTAGRAM, resident, Visibility.PRIVATE,
                Optional.empty(), "Thank you, your reference is ABCD-EFGH.", Instant.now(), Instant.now(), List.of("ABCD-EFGH"));
    }

    private FakePlatform.Sent onlySentTo(String resident) {
        List<FakePlatform.Sent> sent = platform.outbox().stream().filter(s -> s.recipient().equals(resident)).toList();
        assertEquals(1, sent.size(), sent.toString());
        return sent.get(0);
    }
}
