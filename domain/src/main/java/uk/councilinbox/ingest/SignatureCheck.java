package uk.councilinbox.ingest;

public enum SignatureCheck {
    VALID,
    MISSING,
    INVALID
}
