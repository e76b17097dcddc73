package dev.sessionbroker.adapter;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A {@link VendorAdapter} made of its parts, for the types that need no more than a client, a
 * session placement and the two quirks: what AlertSite, Infinite Blue and Revulytics each
 * spelt out as an anonymous class of the same shape.
 *
 * @param clients makes the login adapter for the vendor (usually the client's constructor)
 * @param placement where a proxied call carries the session, from the vendor's current settings
 * @param bodyStatus see {@link VendorAdapter#bodyStatus()}
 * @param loginEndsEarlierSessions see {@link VendorAdapter#loginEndsEarlierSessions()}
 */
public record StandardAdapter(BiFunction<VendorSettings, VendorHttp, VendorClient> clients,
        Function<VendorSettings, List<SessionPlacement>> placement, @Nullable BodyStatusRule bodyStatus,
        boolean loginEndsEarlierSessions) implements VendorAdapter {

    /** Neither quirk: a 401 says a session is gone, and logins leave earlier sessions alone. */
    public StandardAdapter(BiFunction<VendorSettings, VendorHttp, VendorClient> clients,
            Function<VendorSettings, List<SessionPlacement>> placement) {
        this(clients, placement, null, false);
    }

    /** The same, for a vendor that reports errors inside a 200 answer. */
    public StandardAdapter withBodyStatus(BodyStatusRule rule) {
        return new StandardAdapter(this.clients, this.placement, rule, this.loginEndsEarlierSessions);
    }

    /** The same, for a vendor whose login ends every earlier session of the user. */
    public StandardAdapter endingEarlierSessions() {
        return new StandardAdapter(this.clients, this.placement, this.bodyStatus, true);
    }

    @Override
    public VendorClient client(VendorSettings vendor, VendorHttp http) {
        return this.clients.apply(vendor, http);
    }

    @Override
    public List<SessionPlacement> sessionPlacement(VendorSettings vendor) {
        return this.placement.apply(vendor);
    }
}
