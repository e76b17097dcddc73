@NullMarked
package dev.sessionbroker.adapter.appviewx;

import org.jspecify.annotations.NullMarked;
