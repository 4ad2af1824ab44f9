package uk.councilinbox.channels;

public enum SignatureCheck {
    VALID,
    MISSING,
    INVALID
}
