package dev.sessionbroker.proxy;

import java.util.List;

/** Several injections in order, e.g. AppViewX's session header plus its tenant key. */
record ChainedInjection(List<SessionInjection> steps) implements SessionInjection {

    @Override
    public OutgoingCall inject(OutgoingCall call, String sessionId) {
        OutgoingCall result = call;
        for (SessionInjection step : this.steps) {
            result = step.inject(result, sessionId);
        }
        return result;
    }
}
