package dev.sessionbroker.broker;

/**
 * A session as the shared store holds it: no credential, only the session and when it was obtained.
 *
 * @param sessionId the vendor's session ID (sensitive: see README, "Shared store")
 * @param obtainedAtMillis wall-clock time of the login
 * @param generation the lock fence under which it was written; later logins have higher ones
 */
public record SharedSession(String sessionId, long obtainedAtMillis, long generation) {

    @Override
    public String toString() {
        return "SharedSession[generation=" + this.generation + ", obtainedAtMillis=" + this.obtainedAtMillis + "]";
    }
}
