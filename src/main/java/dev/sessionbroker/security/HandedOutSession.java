package dev.sessionbroker.security;

/**
 * An answer that carries a vendor session, so that the audit can name it by its
 * fingerprint without the session API knowing about the audit.
 */
public interface HandedOutSession {

    String vendor();

    String sessionId();
}
