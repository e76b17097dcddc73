@NullMarked
package dev.sessionbroker.adapter.infiniteblue;

import org.jspecify.annotations.NullMarked;
