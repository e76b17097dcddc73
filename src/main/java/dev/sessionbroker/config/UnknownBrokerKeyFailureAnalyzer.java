package dev.sessionbroker.config;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.boot.origin.Origin;
import org.jspecify.annotations.Nullable;

/**
 * Names each unknown {@code broker.*} key, with the vendor or client it belongs to and where
 * it was set, but not its value: Boot's own report prints the value, and a misspelt
 * {@code pasword} holds a password. Runs before Boot's analyzer for the same failure.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownBrokerKeyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
        List<ConfigurationProperty> unknown = cause.getUnboundProperties()
            .stream()
            .filter((property) -> property.getName().toString().startsWith("broker."))
            .sorted()
            .toList();
        if (unknown.isEmpty()) {
            return null;
        }
        String lines = unknown.stream().map(UnknownBrokerKeyFailureAnalyzer::describe).collect(Collectors.joining("\n"));
        return new FailureAnalysis("Unknown configuration keys under broker.* (misspelt, or not a key of this "
                + "version):\n" + lines,
                "Correct or remove each key named above (README \"Configuration\" lists every key). The broker "
                        + "refuses to start rather than ignore a setting you meant to make.",
                cause);
    }

    private static String describe(ConfigurationProperty property) {
        String key = property.getName().toString();
        String[] parts = key.split("\\.", 4);
        String owner = "";
        if (parts.length >= 4 && parts[1].equals("vendors")) {
            owner = "Vendor '" + parts[2] + "': ";
        }
        else if (parts.length >= 4 && parts[1].equals("clients")) {
            owner = "Client '" + parts[2] + "': ";
        }
        Origin origin = property.getOrigin();
        return "    " + owner + key + " is not a known key" + ((origin != null) ? " (from " + origin + ")" : "");
    }
}
