package dev.sessionbroker.credentials;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.config.VendorProperties;
import dev.sessionbroker.security.ClientDirectory;
import dev.sessionbroker.security.InvalidClientConfigurationException;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.Vendors;

/**
 * Re-reads the config trees the broker imported ({@code spring.config.import=configtree:…},
 * the kubelet's Secret volumes included: a new file renamed over the old one, or the
 * {@code ..data} symlink swapped) and applies rotated credentials: vendor {@code username},
 * {@code password} and the credential keys of its type's block (the type names them), and
 * the callers
 * ({@code broker.clients.*}).
 * <p>
 * Only those keys are read, each vendor and each client on its own, so that nothing else in
 * a tree (an {@code idle-timeout: banana} that needs a restart anyway) can block a rotation
 * or a revocation. A vendor's change applies whole or not at all: a value that fails
 * validation keeps the old credentials. A client entry that fails keeps its old permissions,
 * but only with the token digests still listed: a digest that was removed or replaced stops
 * working in any case, and a client whose digests are all deleted has its tokens revoked.
 * A changed vendor's cool-down is lifted at once (a rejection of the old password says
 * nothing about the new one); its cached session stays, as it is still valid at the vendor.
 * Any other changed key needs a restart, and says so. Each problem is logged once, by key,
 * never by value, while it lasts; once fixed, its return is logged again.
 */
public final class CredentialReloader {

    private static final Logger log = LoggerFactory.getLogger(CredentialReloader.class);

    private static final ConfigurationPropertyName CLIENTS = ConfigurationPropertyName.of("broker.clients");

    private final ConfigurableEnvironment environment;

    /** Where applied rotations are told, as {@link CredentialsRotated}: the audit hears them there. */
    private final ApplicationEventPublisher events;

    private final Vendors vendors;

    private final SessionBroker broker;

    private final ClientDirectory clients;

    private final ClientDirectory.Proofs proofs;

    private final boolean reloginOnChange;

    /** {@code broker.credentials.reloads{outcome}}: changes applied and changes refused. */
    private final Counter applied;

    private final Counter rejected;

    /** Problems and restart notices logged and still present, so that each is logged once while it lasts. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** The problems seen in the round that is running; what is not seen again is forgotten. */
    private final Set<String> seen = new HashSet<>();

    /** What the config trees held at start-up, for keys that need a restart. */
    private final Map<String, String> startupValues;

    private Map<String, BrokerProperties.Client> appliedClients;

    /**
     * @param proofs what else may authenticate a client (certificates, JWTs): a client without
     * a token digest is kept all the same (revoked, or authenticated otherwise)
     */
    public CredentialReloader(ConfigurableEnvironment environment, Vendors vendors, SessionBroker broker,
            ClientDirectory clients, BrokerProperties properties, ClientDirectory.Proofs proofs, MeterRegistry registry,
            ApplicationEventPublisher events) {
        this.events = events;
        this.environment = environment;
        this.vendors = vendors;
        this.broker = broker;
        this.clients = clients;
        this.proofs = proofs;
        this.reloginOnChange = properties.credentials().reloginOnChange();
        this.applied = reloads(registry, "applied");
        this.rejected = reloads(registry, "rejected");
        this.appliedClients = properties.clients();
        // What Boot read at start-up, as it is in the environment: no second read of the files.
        this.startupValues = treeValues(environment.getPropertySources().stream().toList());
    }

    /** Reads every config tree again and applies what changed; called every reload-interval. */
    public synchronized void reload() {
        this.seen.clear();
        List<PropertySource<?>> sources = freshSources();
        if (sources.stream().noneMatch(ConfigTreePropertySource.class::isInstance)) {
            return;
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources));
        for (VendorSettings vendor : this.vendors.all()) {
            reloadVendor(vendor, binder);
        }
        reloadClients(binder, sources);
        reportRestartNeeded(treeValues(sources), binder);
        // A problem that is gone is forgotten: should it come back, it is logged again.
        this.reported.retainAll(this.seen);
    }

    private void reloadVendor(VendorSettings vendor, Binder binder) {
        Vendors.Rotated rotated;
        try {
            rotated = this.vendors.rotated(vendor, binder);
        }
        catch (InvalidVendorConfigurationException ex) {
            rejected(ex.key(), ex.problem());
            return;
        }
        catch (BindException ex) {
            rejected(String.valueOf(ex.getName()), "cannot be bound");
            return;
        }
        if (vendor.credentials().update(rotated.username(), rotated.password(), rotated.options())) {
            this.broker.credentialsChanged(vendor.name(), this.reloginOnChange);
            this.applied.increment();
            this.events.publishEvent(new CredentialsRotated(CredentialsRotated.Kind.VENDOR, vendor.name(), false));
        }
    }

    /** Each client bound and checked on its own, so that one bad entry holds up no other client. */
    private void reloadClients(Binder binder, List<PropertySource<?>> sources) {
        Map<String, BrokerProperties.Client> rotated = new TreeMap<>();
        for (String name : clientNames(sources)) {
            BrokerProperties.Client client = client(binder, name);
            if (client != null) {
                rotated.put(name, client);
            }
        }
        if (rotated.equals(this.appliedClients)) {
            return;
        }
        try {
            this.clients.replaceWith(ClientDirectory.rotated(rotated, this.vendors, this.proofs));
        }
        catch (InvalidClientConfigurationException ex) {
            // Only a conflict between clients gets here (two with one digest): nothing applies.
            rejected(ex.key(), "is invalid");
            return;
        }
        Set<String> changed = new TreeSet<>(this.appliedClients.keySet());
        changed.addAll(rotated.keySet());
        changed.removeIf((name) -> Objects.equals(this.appliedClients.get(name), rotated.get(name)));
        this.appliedClients = rotated;
        this.applied.increment();
        for (String client : changed) {
            BrokerProperties.Client now = rotated.get(client);
            boolean revoked = now != null && tokens(now.tokenSha256()).isEmpty();
            this.events.publishEvent(new CredentialsRotated(CredentialsRotated.Kind.CLIENT, client, revoked));
        }
    }

    /**
     * A client's rotated entry; where it cannot be bound or is invalid, its applied entry with
     * only the token digests that are still listed (null if it had none before).
     */
    private BrokerProperties.@Nullable Client client(Binder binder, String name) {
        String prefix = "broker.clients." + name;
        List<String> listed = tokens(binder.bind(prefix + ".token-sha256", Bindable.listOf(String.class)).orElse(null));
        BrokerProperties.Client client;
        try {
            client = binder.bind(prefix, BrokerProperties.Client.class).orElse(null);
            if (client != null) {
                ClientDirectory.rotated(Map.of(name, client), this.vendors, this.proofs);
                return client;
            }
        }
        catch (BindException ex) {
            rejected(String.valueOf(ex.getName()), "cannot be bound");
        }
        catch (InvalidClientConfigurationException ex) {
            rejected(ex.key(), "is invalid");
        }
        BrokerProperties.Client before = this.appliedClients.get(name);
        if (before == null) {
            return null;
        }
        List<String> kept = tokens(before.tokenSha256()).stream().filter(listed::contains).toList();
        return new BrokerProperties.Client(kept, before.vendors(), before.admin(), before.subject(),
                before.oneTimePassword());
    }

    private static List<String> tokens(@Nullable List<String> configured) {
        return (configured != null) ? configured.stream()
            .filter((value) -> !value.isBlank())
            .map((value) -> value.trim().toLowerCase(Locale.ROOT))
            .toList() : List.of();
    }

    /** The names under broker.clients in any source: a client may be spread over several. */
    private static Set<String> clientNames(List<PropertySource<?>> sources) {
        Set<String> names = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.from(sources)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream()
                    .filter((name) -> CLIENTS.isAncestorOf(name) && name.getNumberOfElements() > 2)
                    .forEach((name) -> names.add(name.getElement(2, ConfigurationPropertyName.Form.ORIGINAL)));
            }
        }
        return names;
    }

    /**
     * Keys in a config tree other than the rotating ones are read once, at start-up. One that
     * would not even bind is said to stop the next start-up.
     */
    private void reportRestartNeeded(Map<String, String> current, Binder binder) {
        Set<String> keys = new TreeSet<>(current.keySet());
        keys.addAll(this.startupValues.keySet());
        for (String key : keys) {
            if (!isRotating(key) && !Objects.equals(current.get(key), this.startupValues.get(key))
                    && once("restart:" + key + ":" + current.get(key))) {
                log.warn("credentials-reload key={} changed in a config tree but only takes effect after a restart",
                        key);
            }
        }
        unbindable(binder, "broker", BrokerProperties.class);
        // Each vendor entry is bound on its own at start-up (adapter.Vendors), not as part of the above.
        for (VendorSettings vendor : this.vendors.all()) {
            unbindable(binder, "broker.vendors." + vendor.name(), VendorProperties.class);
        }
    }

    private void unbindable(Binder binder, String name, Class<?> type) {
        try {
            binder.bind(name, type);
        }
        catch (BindException ex) {
            if (once("unbindable:" + ex.getName())) {
                log.warn("credentials-reload key={} cannot be bound: skipped now, and the broker will not start "
                        + "with it", ex.getName());
            }
        }
    }

    private boolean isRotating(String key) {
        return key.startsWith("broker.clients.") || this.vendors.isCredentialKey(key);
    }

    /** One WARN per problem (by key, never by value) while it lasts, and a count each time. */
    private void rejected(String key, String problem) {
        this.rejected.increment();
        if (once("invalid:" + key + ":" + problem)) {
            log.warn("credentials-reload key={} {}: keeping the current credentials", key, problem);
        }
    }

    /** Whether this problem is new: not reported in an earlier round that has seen it ever since. */
    private boolean once(String problem) {
        this.seen.add(problem);
        return this.reported.add(problem);
    }

    /** The environment's property sources, with each config tree read again from disk. */
    private List<PropertySource<?>> freshSources() {
        List<PropertySource<?>> sources = new ArrayList<>();
        for (PropertySource<?> source : this.environment.getPropertySources()) {
            if (source instanceof ConfigTreePropertySource tree) {
                sources.add(reread(tree));
            }
            else {
                sources.add(source);
            }
        }
        return sources;
    }

    private PropertySource<?> reread(ConfigTreePropertySource tree) {
        try {
            return new ConfigTreePropertySource(tree.getName(), tree.getSource(),
                    ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE);
        }
        catch (RuntimeException ex) {
            // A file half-written or unreadable: this round keeps what was read before.
            rejected(tree.getSource().toString(), "could not be read (" + ex.getClass().getSimpleName() + ")");
            return tree;
        }
    }

    /** Every key of every config tree with a digest of its value (values themselves are never kept). */
    private static Map<String, String> treeValues(List<PropertySource<?>> sources) {
        Map<String, String> values = new HashMap<>();
        for (PropertySource<?> source : sources) {
            if (source instanceof ConfigTreePropertySource tree) {
                for (String name : tree.getPropertyNames()) {
                    Object value = tree.getProperty(name);
                    values.putIfAbsent(name, digest((value != null) ? value.toString() : null));
                }
            }
        }
        return values;
    }

    private static Counter reloads(MeterRegistry registry, String outcome) {
        return Counter.builder("broker.credentials.reloads")
            .description("Rotated credentials read from config trees: applied, or rejected and the old ones kept")
            .tag("outcome", outcome)
            .register(registry);
    }

    private static String digest(@Nullable String value) {
        return (value != null) ? Integer.toHexString(value.hashCode()) : "-";
    }
}
