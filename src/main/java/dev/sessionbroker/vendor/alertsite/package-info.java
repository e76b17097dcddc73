@NullMarked
package dev.sessionbroker.vendor.alertsite;

import org.jspecify.annotations.NullMarked;
