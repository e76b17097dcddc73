@NullMarked
package dev.sessionbroker.adapter.generic;

import org.jspecify.annotations.NullMarked;
