package uk.councilinbox.replies.lambda;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import uk.councilinbox.replies.ChannelSender;
import uk.councilinbox.startup.PrimingStep;

/** Builds every platform's REST client. */
@ApplicationScoped
public class SenderPriming implements PrimingStep {

    private final List<ChannelSender> senders;

    public SenderPriming(@All List<ChannelSender> senders) {
        this.senders = senders;
    }

    @Override
    public String name() {
        return "senders";
    }

    @Override
    public boolean appliesTo(String handler) {
        return handler.equals("sender");
    }

    @Override
    public void run() {
        senders.forEach(ChannelSender::channels);
    }
}
