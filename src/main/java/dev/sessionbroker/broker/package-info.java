@NullMarked
package dev.sessionbroker.broker;

import org.jspecify.annotations.NullMarked;
