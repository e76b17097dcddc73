package dev.sessionbroker.web;

/** A request body larger than the session API ever needs. */
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long length, long limit) {
        super("request body of " + length + " bytes exceeds the limit of " + limit + " bytes", null, false, false);
    }
}
