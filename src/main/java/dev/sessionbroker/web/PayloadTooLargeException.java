package dev.sessionbroker.web;

/** A request body larger than the session API ever needs. */
class PayloadTooLargeException extends RuntimeException {

    /** A declared length: the body was not read. */
    PayloadTooLargeException(long length, long limit) {
        super("request body of " + length + " bytes exceeds the limit of " + limit + " bytes", null, false, false);
    }

    /** A body without a declared length (chunked), read up to the limit. */
    PayloadTooLargeException(long limit) {
        super("request body exceeds the limit of " + limit + " bytes", null, false, false);
    }
}
