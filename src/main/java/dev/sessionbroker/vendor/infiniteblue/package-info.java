@NullMarked
package dev.sessionbroker.vendor.infiniteblue;

import org.jspecify.annotations.NullMarked;
