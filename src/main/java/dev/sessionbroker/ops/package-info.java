/**
 * What operators see: per-vendor health contributors and Micrometer metrics, both fed from
 * the broker's state and events and never by calling a vendor; and the audit log, written
 * from the events of the broker, the proxy, the credential reloader and Spring Security.
 */
@NullMarked
package dev.sessionbroker.ops;

import org.jspecify.annotations.NullMarked;
