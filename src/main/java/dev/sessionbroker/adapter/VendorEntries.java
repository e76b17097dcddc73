package dev.sessionbroker.adapter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.Validator;

import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.config.VendorProperties;

/**
 * Binds {@code broker.vendors.<name>} entries as strictly as Spring Boot binds a
 * {@code @ConfigurationProperties} class with {@code ignoreUnknownFields = false}, in two
 * parts: the common keys ({@link VendorProperties}), and the block named after the vendor's
 * type, into that type's settings record, checked by its constraints. A key in neither
 * stops the start-up like any unknown {@code broker.*} key.
 */
public final class VendorEntries {

    private static final ConfigurationPropertyName VENDORS = ConfigurationPropertyName.of("broker.vendors");

    private final List<ConfigurationPropertySource> sources = new ArrayList<>();

    private final PlaceholdersResolver placeholders;

    private final @Nullable Validator validator;

    /**
     * @param validator checks the types' settings records (Bean Validation); null checks nothing
     */
    public VendorEntries(Iterable<ConfigurationPropertySource> sources, PlaceholdersResolver placeholders,
            @Nullable Validator validator) {
        sources.forEach(this.sources::add);
        this.placeholders = placeholders;
        this.validator = validator;
    }

    /** The configured vendors' names, in any source. */
    Set<String> names() {
        Map<String, Object> entries = new Binder(this.sources, this.placeholders)
            .bind(VENDORS, Bindable.mapOf(String.class, Object.class))
            .orElse(Map.of());
        return new TreeSet<>(entries.keySet());
    }

    /** The common keys of one entry; every type's block is left to {@link #block}. */
    VendorProperties common(String name, Set<String> typeIds) {
        ConfigurationPropertyName entry = entry(name);
        List<ConfigurationPropertySource> commonOnly = this.sources.stream()
            .map((source) -> source.filter((key) -> typeIds.stream()
                .noneMatch((id) -> entry.append(id).isAncestorOf(key) || entry.append(id).equals(key))))
            .toList();
        return new Binder(commonOnly, this.placeholders)
            .bindOrCreate(entry, Bindable.of(VendorProperties.class), strict(BindHandler.DEFAULT));
    }

    /** Whether the entry sets anything in the block of this type id. */
    boolean hasBlock(String name, String typeId) {
        ConfigurationPropertyName block = entry(name).append(typeId);
        return this.sources.stream()
            .anyMatch((source) -> source instanceof IterableConfigurationPropertySource iterable
                    && iterable.stream().anyMatch((key) -> block.isAncestorOf(key) || block.equals(key)));
    }

    /**
     * The vendor's settings of its type, bound strictly and validated.
     * @throws InvalidVendorConfigurationException naming the key that fails a constraint
     */
    <O> O block(String name, VendorDefinition<O> type) {
        ConfigurationPropertyName block = entry(name).append(type.id());
        BindHandler handler = strict(BindHandler.DEFAULT);
        if (this.validator != null) {
            handler = new ValidationBindHandler(handler, this.validator);
        }
        try {
            return new Binder(this.sources, this.placeholders).bindOrCreate(block, Bindable.of(type.optionsType()),
                    handler);
        }
        catch (BindException ex) {
            if (ex.getCause() instanceof BindValidationException invalid) {
                throw violation(name, block + ".", invalid.getValidationErrors().getAllErrors().get(0));
            }
            Class<?> target = ex.getTarget().getType().resolve();
            if (ex.getProperty() != null && target != null && target.isEnum()) {
                throw new InvalidVendorConfigurationException(name, ex.getProperty().getName().toString(),
                        "is not one of: " + values(target));
            }
            throw ex;
        }
    }

    /**
     * Checks a settings record rebuilt outside binding (a rotation) by the same constraints.
     * @throws InvalidVendorConfigurationException naming the key that fails one
     */
    void validate(String name, String prefix, Object options) {
        if (this.validator == null) {
            return;
        }
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(options, "options");
        this.validator.validate(options, errors);
        if (errors.hasErrors()) {
            throw violation(name, prefix, errors.getAllErrors().get(0));
        }
    }

    /** The raw value of a key, placeholders resolved as far as they can be; for checks only. */
    @Nullable Object value(ConfigurationPropertyName key) {
        for (ConfigurationPropertySource source : this.sources) {
            var property = source.getConfigurationProperty(key);
            if (property != null && property.getValue() != null) {
                return this.placeholders.resolvePlaceholders(property.getValue());
            }
        }
        return null;
    }

    /** An enum's values as a key takes them: lower case, '-' for '_'. */
    private static String values(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
            .map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.joining(", "));
    }

    static ConfigurationPropertyName entry(String name) {
        return VENDORS.append(name);
    }

    /** As Boot's own binding of {@code @ConfigurationProperties(ignoreUnknownFields = false)}. */
    private static BindHandler strict(BindHandler parent) {
        return new NoUnboundElementsBindHandler(parent, new UnboundElementsSourceFilter());
    }

    /** The first violated constraint, by key, without the value: the key may hold a secret. */
    private static InvalidVendorConfigurationException violation(String name, String prefix, ObjectError error) {
        String key = (error instanceof FieldError field)
                ? prefix + DataObjectPropertyName.toDashedForm(field.getField())
                : prefix.substring(0, prefix.length() - 1);
        return new InvalidVendorConfigurationException(name, key, String.valueOf(error.getDefaultMessage()));
    }
}
