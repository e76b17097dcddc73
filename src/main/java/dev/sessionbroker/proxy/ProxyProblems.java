package dev.sessionbroker.proxy;

import dev.sessionbroker.web.Problem;
import dev.sessionbroker.web.ProblemException;

/** The proxy's refusals, worded once; status, type and title are the catalogue's ({@link Problem}). */
final class ProxyProblems {

    private ProxyProblems() {
    }

    static ProblemException unsafePath() {
        return Problem.UNSAFE_PROXY_PATH.exception(null,
                "the path /proxy/{vendor}/… must name the vendor unencoded and continue with a plain relative "
                        + "path: no '.' or '..' segments, no encoded dots, slashes or backslashes, no empty segments");
    }

    /** A request body the session cannot be put into. */
    static ProblemException unusableBody(String detail) {
        return Problem.INVALID_PROXY_BODY.exception(null, detail);
    }

    /** A vendor whose session placement is unknown (a generic vendor without session-injection). */
    static ProblemException notConfigured(String vendor) {
        return Problem.PROXY_NOT_CONFIGURED.exception(vendor, "vendor '" + vendor
                + "' cannot be proxied: set broker.vendors." + vendor + ".session-injection to say where its session goes");
    }

    /** All of a vendor's proxy permits are taken: fail fast rather than queue on a slow vendor. */
    static ProblemException saturated(String vendor) {
        return Problem.PROXY_SATURATED.exception(vendor, "too many proxied calls to vendor '" + vendor
                + "' are in flight (broker.proxy.max-concurrent-per-vendor)").header("Retry-After", "1");
    }

    /** A proxied call that got no answer from the vendor: unreachable (502) or too slow (504). */
    static ProblemException noAnswer(String vendor, boolean timeout, Throwable cause) {
        return timeout
                ? Problem.VENDOR_TIMEOUT.exception(vendor, "vendor did not answer the proxied call in time ("
                        + cause.getClass().getSimpleName() + ")", cause)
                : Problem.VENDOR_UNAVAILABLE.exception(vendor, "could not reach vendor for the proxied call ("
                        + cause.getClass().getSimpleName() + ")", cause);
    }
}
