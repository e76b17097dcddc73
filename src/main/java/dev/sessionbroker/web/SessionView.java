package dev.sessionbroker.web;

import java.time.Instant;

import dev.sessionbroker.broker.SessionLease;
import dev.sessionbroker.vendor.Vendors;

/** The JSON answer of {@code GET /sessions/{vendor}} and of a refresh. */
record SessionView(String vendor, String type, String sessionId, Instant obtainedAt, Instant expiresAt) {

    static SessionView of(SessionLease lease, String type) {
        return new SessionView(lease.session().vendor(), type, lease.session().sessionId(),
                lease.session().obtainedAt(), lease.expiresAt());
    }

    @Override
    public String toString() {
        return "SessionView[vendor=" + this.vendor + ", session=" + "******" + "]";
    }
}
