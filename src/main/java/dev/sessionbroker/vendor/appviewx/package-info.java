@NullMarked
package dev.sessionbroker.vendor.appviewx;

import org.jspecify.annotations.NullMarked;
