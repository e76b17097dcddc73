package dev.sessionbroker.proxy;

/** A request header, optionally with a prefix such as {@code "Bearer "} (AppViewX: {@code sessionId}). */
record HeaderInjection(String name, String prefix) implements SessionInjection {

    @Override
    public OutgoingCall inject(OutgoingCall call, String sessionId) {
        return call.withHeader(this.name, this.prefix + sessionId);
    }
}
