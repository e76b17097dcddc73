/**
 * Proxy mode: {@code /proxy/{vendor}/**} forwards a caller's request to the vendor with the
 * current session injected, and recovers once from an expired session.
 */
@NullMarked
package dev.sessionbroker.proxy;

import org.jspecify.annotations.NullMarked;
