package dev.sessionbroker.proxy;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A field of the JSON request body, with fields the vendor wants beside it: Revulytics takes
 * {@code sessionId} and the session's {@code user} in every request body, and the caller
 * does not know the user, so both are set here, replacing whatever the caller sent. Needs
 * the body in memory; a call without a body gets one holding just these fields.
 *
 * @param field the field that carries the session
 * @param fixedFields further fields set on every call, e.g. {@code user}
 */
record JsonBodyFieldInjection(String field, Map<String, String> fixedFields, JsonMapper jsonMapper)
        implements SessionInjection {

    @Override
    public OutgoingCall inject(OutgoingCall call, String sessionId) {
        if (!call.body().isReplayable()) {
            throw ProxyProblems.unusableBody("the session goes into the JSON body, so the body must fit in "
                    + "broker.proxy.max-replay-body");
        }
        ObjectNode body;
        if (call.body().isEmpty()) {
            body = this.jsonMapper.createObjectNode();
        }
        else {
            try {
                JsonNode parsed = this.jsonMapper.readTree(call.body().bytes());
                if (!(parsed instanceof ObjectNode object)) {
                    throw ProxyProblems.unusableBody("the session goes into the JSON body, which must be a JSON object");
                }
                body = object;
            }
            catch (JacksonException ex) {
                throw ProxyProblems.unusableBody("the session goes into the JSON body, which is not valid JSON");
            }
        }
        this.fixedFields.forEach(body::put);
        body.put(this.field, sessionId);
        return call.withHeader("Content-Type", "application/json").withBody(this.jsonMapper.writeValueAsBytes(body));
    }
}
