package dev.sessionbroker.proxy;

/**
 * How a vendor expects the session on an API call, as its documentation says (see the
 * README's proxy table). One implementation per way of carrying it.
 */
interface SessionInjection {

    OutgoingCall inject(OutgoingCall call, String sessionId);
}
