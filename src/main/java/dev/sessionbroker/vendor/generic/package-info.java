@NullMarked
package dev.sessionbroker.vendor.generic;

import org.jspecify.annotations.NullMarked;
