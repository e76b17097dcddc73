package dev.sessionbroker.proxy;

import dev.sessionbroker.broker.BrokerException;
import dev.sessionbroker.broker.BrokerException.Problem;

/** The proxy's refusals, worded once. */
final class ProxyProblems {

    private ProxyProblems() {
    }

    static BrokerException unsafePath() {
        return new BrokerException(Problem.UNSAFE_PROXY_PATH, null,
                "the path /proxy/{vendor}/… must name the vendor unencoded and continue with a plain relative "
                        + "path: no '.' or '..' segments, no encoded dots, slashes or backslashes, no empty segments");
    }

    /** A request body the session cannot be put into. */
    static BrokerException unusableBody(String detail) {
        return new BrokerException(Problem.INVALID_PROXY_BODY, null, detail);
    }

    /** A vendor whose session placement is unknown (a generic vendor without session-injection). */
    static BrokerException notConfigured(String vendor) {
        return new BrokerException(Problem.PROXY_NOT_CONFIGURED, vendor, "vendor '" + vendor
                + "' cannot be proxied: set broker.vendors." + vendor + ".session-injection to say where its session goes");
    }

    /** All of a vendor's proxy permits are taken: fail fast rather than queue on a slow vendor. */
    static BrokerException saturated(String vendor) {
        return new BrokerException(Problem.PROXY_SATURATED, vendor, "too many proxied calls to vendor '" + vendor
                + "' are in flight (broker.proxy.max-concurrent-per-vendor)").header("Retry-After", "1");
    }

    /** A proxied call that got no answer from the vendor: unreachable (502) or too slow (504). */
    static BrokerException noAnswer(String vendor, boolean timeout, Throwable cause) {
        return timeout
                ? new BrokerException(Problem.VENDOR_TIMEOUT, vendor, "vendor did not answer the proxied call in time ("
                        + cause.getClass().getSimpleName() + ")", cause)
                : new BrokerException(Problem.VENDOR_UNAVAILABLE, vendor, "could not reach vendor for the proxied call ("
                        + cause.getClass().getSimpleName() + ")", cause);
    }
}
