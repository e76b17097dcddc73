package dev.sessionbroker.credentials;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import dev.sessionbroker.broker.SessionBroker;
import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.config.BrokerProperties.VendorProperties;
import dev.sessionbroker.config.Secret;
import dev.sessionbroker.security.ClientDirectory;
import dev.sessionbroker.security.InvalidClientConfigurationException;
import dev.sessionbroker.vendor.VendorSettings;
import dev.sessionbroker.vendor.Vendors;

/**
 * Re-reads the config trees the broker imported ({@code spring.config.import=configtree:…},
 * the kubelet's Secret volumes included: a new file renamed over the old one, or the
 * {@code ..data} symlink swapped) and applies rotated credentials: vendor {@code username},
 * {@code password} and {@code gateway-key}, and the callers ({@code broker.clients.*}).
 * <p>
 * A vendor's change applies whole or not at all: a value that fails validation keeps the old
 * credentials and is reported once, by key, never by value. A changed vendor's cool-down is
 * lifted at once (a rejection of the old password says nothing about the new one); its
 * cached session stays, as it is still valid at the vendor. Any other changed key in a config
 * tree needs a restart, and says so once.
 */
public final class CredentialReloader {

    private static final Logger log = LoggerFactory.getLogger(CredentialReloader.class);

    private static final Logger audit = LoggerFactory.getLogger("audit");

    private final ConfigurableEnvironment environment;

    private final Vendors vendors;

    private final SessionBroker broker;

    private final ClientDirectory clients;

    private final ClientDirectory.Proofs proofs;

    private final boolean reloginOnChange;

    /** {@code broker.credentials.reloads{outcome}}: changes applied and changes refused. */
    private final Counter applied;

    private final Counter rejected;

    /** Problems and restart notices already reported, so each is logged once. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** What the config trees held at start-up, for keys that need a restart. */
    private final Map<String, String> startupValues;

    private Map<String, BrokerProperties.Client> appliedClients;

    public CredentialReloader(ConfigurableEnvironment environment, Vendors vendors, SessionBroker broker,
            ClientDirectory clients, BrokerProperties properties, ClientDirectory.Proofs proofs, MeterRegistry registry) {
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
        List<PropertySource<?>> sources = freshSources();
        if (sources.stream().noneMatch(ConfigTreePropertySource.class::isInstance)) {
            return;
        }
        BrokerProperties rotated;
        try {
            rotated = new Binder(ConfigurationPropertySources.from(sources),
                    new PropertySourcesPlaceholdersResolver(sources))
                .bind("broker", BrokerProperties.class)
                .orElse(null);
        }
        catch (BindException ex) {
            rejected(String.valueOf(ex.getName()), "cannot be bound");
            return;
        }
        if (rotated == null) {
            return;
        }
        for (VendorSettings vendor : this.vendors.all()) {
            VendorProperties entry = rotated.vendors().get(vendor.name());
            if (entry != null) {
                reloadVendor(vendor, entry);
            }
        }
        reloadClients(rotated);
        reportRestartNeeded(treeValues(sources));
    }

    private void reloadVendor(VendorSettings vendor, VendorProperties entry) {
        String prefix = "broker.vendors." + vendor.name() + ".";
        String username = entry.username();
        Secret password = entry.password();
        Secret gatewayKey = entry.gatewayKey();
        if (username == null || username.isBlank()) {
            rejected(prefix + "username", "is empty");
            return;
        }
        if (password == null || password.isBlank()) {
            rejected(prefix + "password", "is empty");
            return;
        }
        if (gatewayKey != null && (gatewayKey.isBlank() || !vendor.definition().ownKeys().contains("gateway-key"))) {
            rejected(prefix + "gateway-key", gatewayKey.isBlank() ? "is empty" : "does not apply to this vendor's type");
            return;
        }
        if (vendor.credentials().update(username, password, gatewayKey)) {
            this.broker.credentialsChanged(vendor.name(), this.reloginOnChange);
            this.applied.increment();
            audit.atInfo()
                .addKeyValue("event.action", "credentials.changed")
                .addKeyValue("broker.vendor", vendor.name())
                .log("audit event=credentials.changed vendor={}", vendor.name());
        }
    }

    private void reloadClients(BrokerProperties rotated) {
        if (rotated.clients().equals(this.appliedClients)) {
            return;
        }
        try {
            this.clients.replaceWith(ClientDirectory.from(rotated, this.vendors, this.proofs));
        }
        catch (InvalidClientConfigurationException ex) {
            rejected(ex.key(), "is invalid");
            return;
        }
        Set<String> changed = new TreeSet<>(this.appliedClients.keySet());
        changed.addAll(rotated.clients().keySet());
        changed.removeIf((name) -> Objects.equals(this.appliedClients.get(name), rotated.clients().get(name)));
        this.appliedClients = rotated.clients();
        this.applied.increment();
        for (String client : changed) {
            audit.atInfo()
                .addKeyValue("event.action", "credentials.changed")
                .addKeyValue("broker.client", client)
                .log("audit event=credentials.changed client={}", client);
        }
    }

    /** Keys in a config tree other than the rotating ones are read once, at start-up. */
    private void reportRestartNeeded(Map<String, String> current) {
        Set<String> keys = new TreeSet<>(current.keySet());
        keys.addAll(this.startupValues.keySet());
        for (String key : keys) {
            if (!isRotating(key) && !Objects.equals(current.get(key), this.startupValues.get(key))
                    && this.reported.add("restart:" + key + ":" + Objects.hashCode(current.get(key)))) {
                log.warn("credentials-reload key={} changed in a config tree but only takes effect after a restart",
                        key);
            }
        }
    }

    private static boolean isRotating(String key) {
        return key.startsWith("broker.clients.") || (key.startsWith("broker.vendors.")
                && (key.endsWith(".username") || key.endsWith(".password") || key.endsWith(".gateway-key")));
    }

    /** One WARN per problem (by key, never by value) until it is fixed, and a count each time. */
    private void rejected(String key, String problem) {
        this.rejected.increment();
        if (this.reported.add("invalid:" + key + ":" + problem)) {
            log.warn("credentials-reload key={} {}: keeping the current credentials", key, problem);
        }
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
