package dev.sessionbroker.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad vendor entry into Spring Boot's "APPLICATION FAILED TO START" report instead
 * of a bean-creation stack trace.
 */
class InvalidVendorConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidVendorConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidVendorConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix " + cause.key() + " for vendor '" + cause.vendor() + "' in your configuration "
                        + "(application.yaml, environment variables or mounted secrets).",
                cause);
    }
}
