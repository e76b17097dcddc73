package dev.sessionbroker.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns refused caller configuration into Spring Boot's "APPLICATION FAILED TO START" report
 * instead of a bean-creation stack trace.
 */
class InvalidClientConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidClientConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidClientConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
