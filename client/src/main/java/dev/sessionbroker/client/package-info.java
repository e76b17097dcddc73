/**
 * The caller side of the Session Broker's protocol (docs/callers.md): {@link
 * dev.sessionbroker.client.SessionBrokerClient} gets and refreshes vendor sessions, {@link
 * dev.sessionbroker.client.SessionInterceptor} places them on a {@code RestClient}'s calls and
 * retries once with a fresh session when the vendor rejects one.
 */
@NullMarked
package dev.sessionbroker.client;

import org.jspecify.annotations.NullMarked;
