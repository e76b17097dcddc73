package dev.sessionbroker.adapter;

/**
 * What a successful login yields.
 *
 * @param sessionId the vendor's session ID, as secret as a password while it lives
 */
public record LoginResult(String sessionId) {

    @Override
    public String toString() {
        return "LoginResult[sessionId=" + SessionFingerprint.of(this.sessionId) + "]";
    }
}
