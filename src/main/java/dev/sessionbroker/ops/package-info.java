/**
 * What operators see: per-vendor health contributors and Micrometer metrics, both fed from
 * the broker's state and events and never by calling a vendor.
 */
@NullMarked
package dev.sessionbroker.ops;

import org.jspecify.annotations.NullMarked;
