@NullMarked
package dev.sessionbroker.config;

import org.jspecify.annotations.NullMarked;
