@NullMarked
package dev.sessionbroker.demo;

import org.jspecify.annotations.NullMarked;
