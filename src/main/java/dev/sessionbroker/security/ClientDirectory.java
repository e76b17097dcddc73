package dev.sessionbroker.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.util.StringUtils;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;
import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.config.Placeholders;

/**
 * The configured clients, validated once at start-up, with a token index built for the hot
 * path: authenticating a bearer token costs one SHA-256 and one map lookup. Clients proven by
 * a JWT are found by the token's subject.
 */
public final class ClientDirectory implements UserDetailsService {

    /** Client names appear in audit lines and metric tags: the same rule as vendor names. */
    private static final Pattern CLIENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    /** A JWT {@code sub} as issuers write them: printable, no spaces (RFC 7519 allows more, nobody uses it). */
    private static final Pattern SUBJECT = Pattern.compile("[\\x21-\\x7e]{1,255}");

    /** Metric tags for callers that are not a client: they must not collide with one. */
    private static final Set<String> RESERVED = Set.of("anonymous", "unknown");

    /** Never updated itself: each digest is made by a copy of it. */
    private static final MessageDigest SHA_256 = sha256();

    /** Swapped whole when credentials rotate: a request sees the old clients or the new ones. */
    private volatile Index index;

    private ClientDirectory(Index index) {
        this.index = index;
    }

    /**
     * The clients and their tokens at one time.
     *
     * @param byTokenPrefix keyed by the first 8 bytes of the digest: the lookup itself then
     * compares no secret material byte by byte, and the whole digest is compared in constant
     * time afterwards
     */
    private record Index(Map<String, BrokerClient> byName, Map<Long, TokenDigest> byTokenPrefix,
            Map<String, BrokerClient> bySubject) {

        Index {
            byName = Collections.unmodifiableMap(byName);
            byTokenPrefix = Map.copyOf(byTokenPrefix);
            bySubject = Map.copyOf(bySubject);
        }
    }

    /**
     * Which proofs other than a bearer token the broker accepts, from the configuration.
     *
     * @param certificates the server asks for client certificates (server.ssl.client-auth)
     * @param jwt bearer JWTs are checked against an issuer's keys (Spring Security's
     * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} or {@code issuer-uri})
     */
    public record Proofs(boolean certificates, boolean jwt) {

        static final String JWT_PREFIX = "spring.security.oauth2.resourceserver.jwt.";

        /**
         * @throws InvalidClientConfigurationException if JWTs are on without an audience: any
         * token of the issuer, meant for any other service, would then be accepted here
         */
        public static Proofs of(Environment environment) {
            String clientAuth = environment.getProperty("server.ssl.client-auth", "none");
            boolean certificates = "need".equalsIgnoreCase(clientAuth) || "want".equalsIgnoreCase(clientAuth);
            boolean jwt = StringUtils.hasText(environment.getProperty(JWT_PREFIX + "jwk-set-uri"))
                    || StringUtils.hasText(environment.getProperty(JWT_PREFIX + "issuer-uri"));
            if (jwt && Binder.get(environment)
                .bind(JWT_PREFIX + "audiences", Bindable.listOf(String.class))
                .orElse(List.of())
                .stream()
                .noneMatch(StringUtils::hasText)) {
                throw InvalidClientConfigurationException.jwtWithoutAudience(JWT_PREFIX + "audiences");
            }
            return new Proofs(certificates, jwt);
        }
    }

    /**
     * Takes the clients of a rotated configuration (tokens added, changed, removed), already
     * validated by {@link #from}.
     */
    public void replaceWith(ClientDirectory rotated) {
        this.index = rotated.index;
    }

    /**
     * @param clientCertificates whether the server asks for client certificates, so that a
     * client without a token can still authenticate
     * @throws InvalidClientConfigurationException naming the client and key of the first bad entry
     */
    public static ClientDirectory from(BrokerProperties properties, Vendors vendors, boolean clientCertificates) {
        return from(properties, vendors, new Proofs(clientCertificates, false));
    }

    /** @throws InvalidClientConfigurationException naming the client and key of the first bad entry */
    public static ClientDirectory from(BrokerProperties properties, Vendors vendors, Proofs proofs) {
        return from(properties.clients(), vendors, proofs, TokenRule.REQUIRED);
    }

    /**
     * The clients of a rotated configuration. A client without a token digest is kept, and
     * its tokens no longer authenticate: deleting the digest is the emergency revocation.
     *
     * @throws InvalidClientConfigurationException naming the client and key of the first bad entry
     */
    public static ClientDirectory rotated(Map<String, BrokerProperties.Client> clients, Vendors vendors,
            Proofs proofs) {
        return from(clients, vendors, proofs, TokenRule.OPTIONAL);
    }

    /** Whether a client must have a token digest: at start-up, unless a certificate or a JWT can authenticate it. */
    private enum TokenRule {

        REQUIRED, OPTIONAL

    }

    private static ClientDirectory from(Map<String, BrokerProperties.Client> clients, Vendors vendors, Proofs proofs,
            TokenRule tokens) {
        Map<String, BrokerClient> byName = new LinkedHashMap<>();
        Map<Long, TokenDigest> byToken = new HashMap<>();
        Map<String, BrokerClient> bySubject = new HashMap<>();
        clients.forEach((name, client) -> {
            BrokerClient resolved = resolve(name, client, vendors);
            byName.put(name, resolved);
            String subject = subject(name, client.subject(), proofs.jwt());
            if (subject != null) {
                BrokerClient earlier = bySubject.putIfAbsent(subject, resolved);
                if (earlier != null) {
                    throw InvalidClientConfigurationException.client(name, key(name, "subject"),
                            "is also the subject of client '" + earlier.name() + "': one subject is one client");
                }
            }
            boolean otherProof = tokens == TokenRule.OPTIONAL || proofs.certificates() || subject != null;
            for (byte[] digest : digests(name, client.tokenSha256(), otherProof)) {
                TokenDigest earlier = byToken.putIfAbsent(prefix(digest), new TokenDigest(digest, resolved));
                if (earlier != null && !earlier.client().name().equals(name)) {
                    throw InvalidClientConfigurationException.client(name, key(name, "token-sha256"),
                            "is also the digest of client '" + earlier.client().name() + "': every client needs its own token");
                }
            }
        });
        return new ClientDirectory(new Index(byName, byToken, bySubject));
    }

    /** The client whose JWTs carry this (verified) subject, or null. */
    public @Nullable BrokerClient forSubject(String subject) {
        return this.index.bySubject().get(subject);
    }

    /** The client this bearer token belongs to, or null. */
    public @Nullable BrokerClient authenticate(String token) {
        byte[] digest = sha256(token);
        TokenDigest candidate = this.index.byTokenPrefix().get(prefix(digest));
        if (candidate == null) {
            return null;
        }
        // Constant time: how long this takes must not tell how much of the digest matched.
        return MessageDigest.isEqual(candidate.digest(), digest) ? candidate.client() : null;
    }

    /** A client certificate's CN is a client name (mutual TLS). */
    @Override
    public BrokerClient loadUserByUsername(String name) {
        BrokerClient client = this.index.byName().get(name);
        if (client == null) {
            throw new UsernameNotFoundException("No client named by the certificate's CN");
        }
        return client;
    }

    public boolean isEmpty() {
        return this.index.byName().isEmpty();
    }

    public Set<String> names() {
        return this.index.byName().keySet();
    }

    private static BrokerClient resolve(String name, BrokerProperties.Client client, Vendors vendors) {
        if (!CLIENT_NAME.matcher(name).matches()) {
            throw InvalidClientConfigurationException.client(name, "broker.clients." + name,
                    "is not a valid client name: use 1 to 63 lower-case letters, digits and '-'");
        }
        if (RESERVED.contains(name)) {
            throw InvalidClientConfigurationException.client(name, "broker.clients." + name,
                    "is reserved for callers that are not a client (metric tags); choose another name");
        }
        List<String> listed = (client.vendors() != null) ? client.vendors() : List.of();
        if (listed.isEmpty() && !client.admin()) {
            throw InvalidClientConfigurationException.client(name, key(name, "vendors"),
                    "is required: the vendor names this client may use, or \"*\" for all");
        }
        if (listed.contains("*")) {
            if (listed.size() > 1) {
                throw InvalidClientConfigurationException.client(name, key(name, "vendors"),
                        "mixes \"*\" with vendor names: use either \"*\" or a list of vendors");
            }
            return new BrokerClient(name, Set.of(), true, client.admin(), client.oneTimePassword());
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            String vendor = listed.get(i).trim();
            if (vendors.find(vendor) == null) {
                throw InvalidClientConfigurationException.client(name, key(name, "vendors[" + i + "]"),
                        "'" + vendor + "' is not a configured vendor (configured: "
                                + vendors.all().stream().map(VendorSettings::name).toList() + ")");
            }
            allowed.add(vendor);
        }
        return new BrokerClient(name, allowed, false, client.admin(), client.oneTimePassword());
    }

    private static @Nullable String subject(String name, @Nullable String subject, boolean jwt) {
        if (subject == null || subject.isBlank()) {
            return null;
        }
        if (!jwt) {
            throw InvalidClientConfigurationException.client(name, key(name, "subject"),
                    "needs JWT callers turned on: set " + Proofs.JWT_PREFIX + "jwk-set-uri or "
                            + Proofs.JWT_PREFIX + "issuer-uri, and " + Proofs.JWT_PREFIX + "audiences");
        }
        String trimmed = subject.trim();
        if (!SUBJECT.matcher(trimmed).matches()) {
            throw InvalidClientConfigurationException.client(name, key(name, "subject"),
                    "is not a JWT subject: up to 255 printable characters without spaces, e.g. "
                            + "system:serviceaccount:<namespace>:<service-account>");
        }
        return trimmed;
    }

    private static List<byte[]> digests(String name, @Nullable List<String> configured, boolean otherProof) {
        List<String> values = (configured != null) ? configured.stream().filter((value) -> !value.isBlank()).toList()
                : List.of();
        if (values.isEmpty()) {
            if (otherProof) {
                return List.of();
            }
            throw InvalidClientConfigurationException.client(name, key(name, "token-sha256"),
                    "is required (the hex SHA-256 of the client's bearer token), unless the client "
                            + "authenticates with a certificate (server.ssl.client-auth=need) or a JWT (subject)");
        }
        if (values.size() > 2) {
            throw InvalidClientConfigurationException.client(name, key(name, "token-sha256"),
                    "holds " + values.size() + " digests: at most two, the current token's and the next one's "
                            + "during a rotation (a token left behind is a token that still works)");
        }
        List<byte[]> digests = new ArrayList<>();
        for (String value : values) {
            if (Placeholders.isUnresolved(value)) {
                throw InvalidClientConfigurationException.client(name, key(name, "token-sha256"), Placeholders.PROBLEM);
            }
            String hex = value.trim();
            if (!SHA256_HEX.matcher(hex).matches()) {
                // Not echoed: someone may have pasted the token itself here.
                throw InvalidClientConfigurationException.client(name, key(name, "token-sha256"),
                        "is not a hex SHA-256 digest: 64 hex digits, from echo -n \"$TOKEN\" | sha256sum "
                                + "(the token itself never goes into configuration)");
            }
            digests.add(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
        }
        return digests;
    }

    private static String key(String client, String property) {
        return "broker.clients." + client + "." + property;
    }

    private static long prefix(byte[] digest) {
        return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    }

    static byte[] sha256(String token) {
        try {
            // A copy of one instance: getInstance looks the provider up on every call, about
            // half of the digest's cost for a bearer caller's every request.
            return ((MessageDigest) SHA_256.clone()).digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (CloneNotSupportedException ex) {
            throw new IllegalStateException("The JDK's SHA-256 can be cloned", ex);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JVM has SHA-256", ex);
        }
    }

    private record TokenDigest(byte[] digest, BrokerClient client) {
    }
}
