package dev.sessionbroker.web;


/**
 * The {@code text/plain} answer of {@code GET /sessions/{vendor}}: the bare session ID. Not
 * a String, because Spring MVC logs the value it writes at DEBUG ("Writing [...]"), and a
 * session ID is a credential and must not reach any log line.
 */
record PlainSessionId(String vendor, String sessionId) {

    @Override
    public String toString() {
        return "PlainSessionId[vendor=" + this.vendor + ", session=******]";
    }
}
