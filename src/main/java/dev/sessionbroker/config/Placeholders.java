package dev.sessionbroker.config;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Spring leaves a placeholder it cannot resolve ({@code password: ${ALERTSITE_PASSWORD}}
 * with the variable unset) in the value as text. For a credential that text would be sent to
 * the vendor, rejected, and cost a cool-down or a locked account, so credentials are checked
 * for it. Messages name the key only: the rest of such a value may be a real secret.
 */
public final class Placeholders {

    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{[^}]*}");

    /** What to say after the key; never the value. */
    public static final String PROBLEM = "is an unresolved ${…} placeholder: the environment variable or "
            + "property it names is not set";

    private Placeholders() {
    }

    public static boolean isUnresolved(@Nullable String value) {
        return value != null && UNRESOLVED.matcher(value).find();
    }

    public static boolean isUnresolved(@Nullable Secret value) {
        return value != null && isUnresolved(value.reveal());
    }
}
