package dev.sessionbroker.adapter;

/**
 * The settings of a vendor type that has none of its own: any key in its block is refused
 * as unknown, like a misspelt common key.
 */
public final class NoOptions {
}
