package dev.sessionbroker.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * An authenticated caller and what it may do. A {@link UserDetails} so that a client
 * certificate's CN resolves to the same principal as a bearer token.
 *
 * @param name the configured client name (audit lines, metric tags)
 * @param vendors the vendors it may take sessions of and proxy to
 * @param allVendors whether it was configured with {@code vendors: "*"}
 * @param admin whether it may refresh and delete any vendor's session and read the
 * sensitive actuator endpoints
 * @param oneTimePassword whether it may refresh with a one-time password (admins always may)
 */
public record BrokerClient(String name, Set<String> vendors, boolean allVendors, boolean admin,
        boolean oneTimePassword) implements UserDetails {

    /** Spring Boot's health endpoint shows details to callers in this role (when-authorized). */
    static final String ADMIN_ROLE = "ADMIN";

    /** Who every caller is while no clients are configured (loopback or explicitly allowed). */
    static final BrokerClient ANONYMOUS = new BrokerClient("anonymous", Set.of(), true, true);

    public BrokerClient {
        vendors = Set.copyOf(vendors);
    }

    /** The name audit events and metrics give a caller: its client's, or {@code anonymous}. */
    public static String nameOf(@Nullable BrokerClient client) {
        return (client != null) ? client.name() : ANONYMOUS.name();
    }

    public BrokerClient(String name, Set<String> vendors, boolean allVendors, boolean admin) {
        this(name, vendors, allVendors, admin, false);
    }

    /** May take this vendor's session, proxy to it and compare-and-refresh it. */
    public boolean mayUse(String vendor) {
        return this.allVendors || this.vendors.contains(vendor);
    }

    /** May refresh or drop this vendor's session, which every other caller of it shares. */
    public boolean mayManage(String vendor) {
        return this.admin || mayUse(vendor);
    }

    /**
     * May log in with a one-time password: an attempt on an account that locks after failed
     * ones, so only admins and clients allowed it explicitly.
     */
    public boolean mayLogInWithOneTimePassword() {
        return this.admin || this.oneTimePassword;
    }

    /** May see the vendor's state in {@code GET /sessions}: the vendors it may use or manage. */
    public boolean maySee(String vendor) {
        return mayManage(vendor);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return this.admin ? AuthorityUtils.createAuthorityList("ROLE_" + ADMIN_ROLE, "ROLE_CLIENT")
                : AuthorityUtils.createAuthorityList("ROLE_CLIENT");
    }

    /** Clients have no password: a token digest or a certificate proves who they are. */
    @Override
    public @Nullable String getPassword() {
        return null;
    }

    @Override
    public String getUsername() {
        return this.name;
    }

    @Override
    public String toString() {
        return "BrokerClient[" + this.name + ", vendors=" + (this.allVendors ? "*" : List.copyOf(this.vendors))
                + ", admin=" + this.admin + ", oneTimePassword=" + this.oneTimePassword + "]";
    }
}
