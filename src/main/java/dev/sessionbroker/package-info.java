@NullMarked
package dev.sessionbroker;

import org.jspecify.annotations.NullMarked;
