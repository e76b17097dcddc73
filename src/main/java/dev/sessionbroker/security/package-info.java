/**
 * Who may call the broker: clients authenticated by bearer token, JWT (found by its subject)
 * or client certificate, per-vendor authorization, the safe anonymous default, refusals
 * published as Spring Security's events (for the audit and the metrics) and the slow-down of repeated failed authentications. Wired as a Spring Security filter
 * chain, so the session API and proxy code stay unaware of it.
 */
@NullMarked
package dev.sessionbroker.security;

import org.jspecify.annotations.NullMarked;
