package uk.councilinbox.messages;

import java.util.Locale;

/** The social channels residents write on. Public channels (comments, mentions) are marked per message. */
public enum Channel {
    MESSENGER("Messenger"),
    INSTAGRAM("Instagram"),
    FACEBOOK("Facebook"),
    WHATSAPP("WhatsApp"),
    X("X");

    private final String displayName;

    Channel(String displayName) {
        this.displayName = displayName;
    }

    /** The platform's own name, as staff see it. */
    public String displayName() {
        return displayName;
    }

    /** Lower-case name, as used in APIs and the fake platform's outbox. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
