package dev.sessionbroker.store;

import org.jspecify.annotations.Nullable;

/** A rejected login as Redis holds it, so that no replica tries again before {@code untilMillis}. */
record SharedCoolDown(String vendorStatus, @Nullable String vendorMessage, long rejectedAtMillis, long untilMillis) {
}
