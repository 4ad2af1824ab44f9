package uk.councilinbox.trends;

import java.util.Map;
import java.util.Optional;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.Visibility;

/**
 * What a platform bills the council for one message received or sent, in US dollars (both X and Meta
 * bill in dollars; Meta also publishes a sterling card). Read 2 December 2026 from the pages named on each
 * constant; the prices change, so check them before quoting a figure. UNCONFIRMED marks a price that
 * could not be checked against the platform's own page. Everything else is free: Messenger, Instagram and
 * Facebook comments (private replies included) cost nothing to receive or send (Meta's "Overview for the
 * Messenger Platform", developers.facebook.com/documentation/business-messaging/messenger-platform/overview,
 * updated 23 Mar 2026, read 2026-12-02, says the platform costs nothing to use), and neither does any
 * message a resident sends on WhatsApp. Volume discounts and monthly allowances are ignored (WhatsApp's tiers for
 * utility templates, its reported 1,000 free service messages per number a month).
 */
public enum PlatformCharge {

    /** X Activity API {@code dm.received}, per event delivered: docs.x.com/x-api/activity/event-pricing (read 2026-12-02).
     *  The same price is assumed for an Account Activity API DM delivery until that API ends on 1 Jan 2027 (UNCONFIRMED). */
    X_DM_RECEIVED(0.010),
    /** X Activity API {@code post.mention.create}, {@code post.reply.create}, {@code post.quote.create}, per event:
     *  the same page (read 2026-12-02); an Account Activity API mention assumed the same (UNCONFIRMED). */
    X_POST_RECEIVED(0.005),
    /** X "DM Interaction: Create", per request: docs.x.com/x-api/getting-started/pricing (read 2026-12-02). */
    X_DM_SENT(0.015),
    /** A reply post to a resident who mentioned or quoted the council (X's "summoned reply"): $0.010 per post in X's
     *  changelog entry of 16 Apr 2026 (docs.x.com/changelog, read 2026-12-02); the rate table on the pricing page
     *  lists only "Content: Create" at $0.015 (and $0.200 with a URL; the inbox's public replies carry none), so
     *  which one applies is UNCONFIRMED. */
    X_REPLY_SENT(0.010),
    /** WhatsApp free-form ("service") message to a United Kingdom number. Free from Nov 2024; charged per message at
     *  the utility rate from 1 Oct 2026 according to several providers' notices of Meta's change (ChakraHQ, YCloud,
     *  read 2026-12-02); not confirmed on Meta's own pricing page: UNCONFIRMED. */
    WHATSAPP_SERVICE_SENT(0.0220),
    /** WhatsApp marketing template, United Kingdom, per delivered message: Meta's rate card linked from
     *  developers.facebook.com/documentation/business-messaging/whatsapp/pricing; the figure could not be read from
     *  the card here: UNCONFIRMED. */
    WHATSAPP_MARKETING_TEMPLATE_SENT(0.0529),
    /** WhatsApp utility template, United Kingdom, per delivered message (charged inside the customer service window too
     *  from 1 Oct 2026, as for {@link #WHATSAPP_SERVICE_SENT}): the same rate card; UNCONFIRMED. */
    WHATSAPP_UTILITY_TEMPLATE_SENT(0.0220),
    /** WhatsApp authentication template, United Kingdom, per delivered message: the same rate card; UNCONFIRMED.
     *  The inbox sends none. */
    WHATSAPP_AUTHENTICATION_TEMPLATE_SENT(0.0358);

    /** How a reply went out. */
    public enum Form {
        /** A private message inside the platform's window (a DM, a Messenger message, a WhatsApp free-form message). */
        MESSAGE,
        /** A public reply under the resident's post or comment. */
        PUBLIC_REPLY,
        /**
         * A WhatsApp template of the utility category: the inbox's only template, {@code WHATSAPP_UPDATE_TEMPLATE}
         * (README), is approved as utility. If Meta re-categorises it ({@code template_category_update}), the
         * marketing price applies instead.
         */
        UTILITY_TEMPLATE
    }

    private final double dollars;

    PlatformCharge(double dollars) {
        this.dollars = dollars;
    }

    public double dollars() {
        return dollars;
    }

    /** What receiving one resident's message costs on this channel; empty where it is free. */
    public static Optional<PlatformCharge> received(Channel channel, Visibility visibility) {
        if (channel != Channel.X) {
            return Optional.empty();
        }
        return Optional.of(visibility == Visibility.PUBLIC ? X_POST_RECEIVED : X_DM_RECEIVED);
    }

    /** What sending one reply costs on this channel in this form; empty where it is free. */
    public static Optional<PlatformCharge> sent(Channel channel, Form form) {
        return switch (channel) {
            case X -> Optional.of(form == Form.PUBLIC_REPLY ? X_REPLY_SENT : X_DM_SENT);
            case WHATSAPP -> Optional.of(form == Form.UTILITY_TEMPLATE ? WHATSAPP_UTILITY_TEMPLATE_SENT : WHATSAPP_SERVICE_SENT);
            case MESSENGER, INSTAGRAM, FACEBOOK -> Optional.empty();
        };
    }

    /** The dollars billed for these counts. */
    public static double dollars(Map<PlatformCharge, ? extends Number> counts) {
        return counts.entrySet().stream().mapToDouble(e -> e.getKey().dollars() * e.getValue().doubleValue()).sum();
    }
}
