/** Spring Boot auto-configuration of the client from {@code session-broker.*}. */
@NullMarked
package dev.sessionbroker.client.autoconfigure;

import org.jspecify.annotations.NullMarked;
