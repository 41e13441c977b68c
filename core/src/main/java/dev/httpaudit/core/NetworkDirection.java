package dev.httpaudit.core;

import java.util.Locale;

/**
 * Which way an audited exchange went, seen from this host: ECS {@code network.direction}.
 * A request this service served is {@link #INGRESS}; a call it made to another service is
 * {@link #EGRESS}.
 */
public enum NetworkDirection {

    /** A request that came in and was served here. */
    INGRESS,

    /** A call this service made to another one. */
    EGRESS;

    /** The ECS value: {@code ingress} or {@code egress}. */
    public String ecsValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
