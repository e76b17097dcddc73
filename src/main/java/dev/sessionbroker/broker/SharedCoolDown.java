package dev.sessionbroker.broker;

import org.jspecify.annotations.Nullable;

/** A rejected login as the shared store holds it, so that no replica tries again before {@code untilMillis}. */
public record SharedCoolDown(String vendorStatus, @Nullable String vendorMessage, long rejectedAtMillis, long untilMillis) {
}
