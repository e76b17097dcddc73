@NullMarked
package dev.sessionbroker.vendor;

import org.jspecify.annotations.NullMarked;
