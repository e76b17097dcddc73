/**
 * Credential rotation without a restart: vendor credentials and caller tokens read from
 * config trees are re-read while the broker runs, validated, and applied whole or not at all.
 */
@NullMarked
package dev.sessionbroker.credentials;

import org.jspecify.annotations.NullMarked;
