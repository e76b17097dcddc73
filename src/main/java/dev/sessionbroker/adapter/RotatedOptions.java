package dev.sessionbroker.adapter;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

import dev.sessionbroker.config.InvalidVendorConfigurationException;
import dev.sessionbroker.config.Placeholders;
import dev.sessionbroker.config.Secret;

/**
 * A vendor type's settings with their credential keys read again from rotated configuration
 * and every other key as it was at start-up: only credentials rotate, so nothing else in a
 * config tree (a half-edited key that needs a restart anyway) can block a rotation.
 */
final class RotatedOptions {

    private RotatedOptions() {
    }

    /**
     * @param prefix {@code broker.vendors.<name>.<type>.}
     * @throws InvalidVendorConfigurationException naming a key that holds an unresolved placeholder
     */
    static <O> O of(String vendor, O current, Set<String> credentialKeys, Binder binder, String prefix) {
        if (credentialKeys.isEmpty() || !current.getClass().isRecord()) {
            return current;
        }
        RecordComponent[] components = current.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            String key = DataObjectPropertyName.toDashedForm(component.getName());
            values[i] = credentialKeys.contains(key) ? reread(vendor, binder, prefix + key, component.getType())
                    : read(component, current);
        }
        try {
            Constructor<?> canonical = current.getClass().getDeclaredConstructor(types);
            @SuppressWarnings("unchecked")
            O rotated = (O) canonical.newInstance(values);
            return rotated;
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("A vendor type's settings record cannot be rebuilt", ex);
        }
    }

    private static @Nullable Object reread(String vendor, Binder binder, String key, Class<?> type) {
        Object value = binder.bind(key, type).orElse(null);
        String text = (value instanceof Secret secret) ? secret.reveal() : (value != null) ? value.toString() : null;
        if (Placeholders.isUnresolved(text)) {
            throw new InvalidVendorConfigurationException(vendor, key, Placeholders.PROBLEM);
        }
        return value;
    }

    private static @Nullable Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        }
        catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("A vendor type's settings record cannot be read", ex);
        }
    }
}
