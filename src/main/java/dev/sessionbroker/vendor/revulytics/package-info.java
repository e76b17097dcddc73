@NullMarked
package dev.sessionbroker.vendor.revulytics;

import org.jspecify.annotations.NullMarked;
