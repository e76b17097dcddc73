package dev.sessionbroker.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Puts the root logger back to INFO after a class whose context ran at DEBUG or TRACE. The
 * logging system is the JVM's, and Spring Boot does not initialise it again for the next test
 * context, so without this every later class would log at TRACE — the test framework's own
 * TRACE lines print each test's configuration, passwords included.
 */
public final class RootLogLevelRestored implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
    }
}
